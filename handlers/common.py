"""What every handler module needs: the desk the Application carries, and who is writing."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.error import RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot import requesters
from bot.desk import Desk
from bot.errors import DeskError
from bot.models import Requester, Ticket

log = logging.getLogger(__name__)
MAX_MESSAGE = 4096  # Telegram's limit, in UTF-16 code units


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Parts of at most `limit` UTF-16 units, cut at line ends where possible, else anywhere."""
    parts: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while _units(line) > limit:  # one line longer than a message: cut it by characters
            cut = limit
            while _units(line[:cut]) > limit:
                cut -= max(1, (_units(line[:cut]) - limit) // 2)
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:cut])
            line = line[cut:]
        if current and _units(current + line) > limit:
            parts.append(current)
            current = ""
        current += line
    if current or not parts:
        parts.append(current)
    return [p.strip("\n") or p for p in parts]


async def answer(query: CallbackQuery, alert: str | None = None) -> None:
    """Answer a button press (stops the client's spinner), with an alert if there is one.

    Not kept in the outbox: an answer is only good for a few seconds, and what the press
    changed is said in a message. One that fails is logged; the client stops waiting anyway."""
    try:
        await query.answer(alert[:200] if alert else None, show_alert=alert is not None)
    except TelegramError as error:
        log.warning("could not answer button press %s: %s", query.id, error)


def wait_of(error: RetryAfter) -> float:
    """The seconds a 429 asks the bot to wait (python-telegram-bot gives seconds or a
    timedelta)."""
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def refusal(desk: Desk, refused: Exception) -> str:
    """What staff read when the desk refuses them: the core's reason, worded in the staff's
    language (its own message is English, for the log); anything else could not be read."""
    language = desk.settings.languages.default
    if isinstance(refused, DeskError):
        return desk.texts.render("refused", language, **refused.values, reason=refused.reason)
    return desk.texts.render("refused", language, reason="unreadable")


def desk_of(context: ContextTypes.DEFAULT_TYPE) -> Desk:
    desk = context.application.bot_data["desk"]
    assert isinstance(desk, Desk)
    return desk


async def requester_for(session: AsyncSession, desk: Desk, user: User) -> Requester:
    """The requester behind a Telegram user (their private chat has the user's id)."""
    return await requesters.get_or_create_requester(
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
    return await requesters.requester_with_current(
        session=session,
        telegram_user_id=user.id,
        chat_id=user.id,
        language=desk.texts.language_of(user.language_code),
        now=desk.now(),
        display_name=user.full_name,
    )


async def not_staff(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A staff command from someone else: in private the greeting (it reveals nothing), in a
    group silence."""
    from handlers.asking import start  # asking builds on this module

    chat = update.effective_chat
    if chat is not None and chat.type == "private":
        await start(update, context)


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline buttons from (label, callback data) pairs, one list per row."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )
