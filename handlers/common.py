"""What every handler module needs: the desk the Application carries, and who is writing."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, User
from telegram.ext import ContextTypes

from bot import tickets
from bot.desk import Desk
from bot.models import Requester, Ticket


def desk_of(context: ContextTypes.DEFAULT_TYPE) -> Desk:
    desk = context.application.bot_data["desk"]
    assert isinstance(desk, Desk)
    return desk


async def requester_for(session: AsyncSession, desk: Desk, user: User) -> Requester:
    """The requester behind a Telegram user (their private chat has the user's id)."""
    return await tickets.get_or_create_requester(
        session=session,
        telegram_user_id=user.id,
        chat_id=user.id,
        language=desk.texts.language_of(user.language_code),
        now=desk.now(),
        display_name=user.full_name,
    )


async def requester_and_ticket(
    session: AsyncSession, desk: Desk, user: User
) -> tuple[Requester, Ticket | None]:
    """The requester and their current ticket (open, or resolved awaiting their word)."""
    return await tickets.requester_with_current(
        session=session,
        telegram_user_id=user.id,
        chat_id=user.id,
        language=desk.texts.language_of(user.language_code),
        now=desk.now(),
        display_name=user.full_name,
    )


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline buttons from (label, callback data) pairs, one list per row."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )
