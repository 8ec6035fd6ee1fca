"""Who a requester is, from a Telegram user or a ticket (their private chat has the user's id).

Whoever writes to the bot can be reached by it: one who had blocked it is back, and what could
not reach them meanwhile is dealt with in the caller's transaction, before its answer
(bot/delivery.py `reachable_again_and_tell`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import User

from bot import delivery, requesters
from bot.desk import Desk
from bot.models import Requester, Ticket
from bot.transaction import Transaction


async def requester_for(tx: Transaction, desk: Desk, user: User) -> Requester:
    """The requester behind a Telegram user, created on first sight (and back, if they had
    blocked the bot)."""
    requester = await requesters.get_or_create_requester(
        session=tx.session,
        telegram_user_id=user.id,
        chat_id=user.id,
        language=desk.texts.language_of(user.language_code),
        now=desk.now(),
        display_name=user.full_name,
    )
    await delivery.reachable_again_and_tell(tx=tx, rules=desk.rules, requester=requester)
    return requester


async def asking(tx: Transaction, desk: Desk, user: User) -> requesters.Asking:
    """The requester, their current ticket (open, or resolved awaiting their word) and how many
    tickets they have in hand; back, if they had blocked the bot."""
    found = await requesters.requester_with_current(
        session=tx.session,
        telegram_user_id=user.id,
        chat_id=user.id,
        language=desk.texts.language_of(user.language_code),
        now=desk.now(),
        display_name=user.full_name,
    )
    await delivery.reachable_again_and_tell(tx=tx, rules=desk.rules, requester=found.requester)
    return found


async def requester_and_ticket(
    tx: Transaction, desk: Desk, user: User
) -> tuple[Requester, Ticket | None]:
    """The requester and their current ticket (open, or resolved awaiting their word); back,
    if they had blocked the bot."""
    found = await asking(tx, desk, user)
    return found.requester, found.current


async def requester_of(session: AsyncSession, ticket: Ticket) -> Requester:
    """The requester behind a ticket."""
    requester = await session.get(Requester, ticket.requester_id)
    assert requester is not None
    return requester


async def language_of(desk: Desk, user: User) -> str:
    """The language a user reads: the one they chose as a requester, else their client's
    (nothing is written)."""
    async with desk.sessions() as session:
        chosen = await session.scalar(
            select(Requester.language).where(Requester.telegram_user_id == user.id)
        )
    return chosen or desk.texts.language_of(user.language_code)
