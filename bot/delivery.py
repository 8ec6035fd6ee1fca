"""What sending a message means for the desk: its mark in the outbox, and what it changes on
its ticket (a card's message id, a copy linked to the ticket, a new topic), or, when Telegram
refuses it for good, the failure and an unreachable requester. The front's sender
(handlers/runtime/) calls these; it decides nothing about tickets itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot import outbox, requesters, tickets
from bot.models import Ticket
from bot.notices import Audience, Notice, publish
from bot.outbox import Call
from bot.sla import Rules
from bot.transaction import Transaction


@dataclass(frozen=True)
class Place:
    """Where a ticket is in its staff group, as the sender needs it."""

    id: int
    staff_chat_id: int | None
    staff_thread_id: int | None
    card_message_id: int | None
    question: str
    owner_id: int | None


# Built once: this runs for every message in a ticket's topic.
_PLACE = select(
    Ticket.id,
    Ticket.staff_chat_id,
    Ticket.staff_thread_id,
    Ticket.card_message_id,
    Ticket.question,
    Ticket.owner_id,
).where(Ticket.id == bindparam("place_of"))


async def place_of(*, engine: AsyncEngine, ticket_id: int) -> Place:
    """Where the ticket is now (one small query on a bare connection); NoResultFound if there
    is no such ticket."""
    async with engine.connect() as connection:
        row = (await connection.execute(_PLACE, {"place_of": ticket_id})).one()
    return Place(*row)


async def mark_sent(
    *, engine: AsyncEngine, marks: Sequence[tuple[int, str | None]], now: datetime
) -> None:
    """Messages Telegram has (id, note) marked sent at `now`, all in one transaction on a bare
    connection: marking is what the sender does most."""
    async with engine.begin() as connection:
        await outbox.sent_many(connection=connection, marks=marks, now=now)


async def record_sent(
    *, session: AsyncSession, message_id: int, call: Call, result: dict[str, Any], now: datetime
) -> None:
    """Mark a front call sent, with what it means for its ticket (`call.after`): "card" keeps
    the card's message id, "link" links the copy to the ticket, "topic" keeps the new topic.
    `result` is Telegram's answer as JSON (empty: nothing to record but the mark)."""
    await outbox.sent(connection=await session.connection(), message_id=message_id, now=now)
    if call.after is None or call.ticket_id is None or not result:
        return
    if call.after == "card":
        await tickets.attach_card(
            session=session,
            ticket_id=call.ticket_id,
            chat_id=call.chat_id,
            message_id=result["message_id"],
        )
    elif call.after == "link":
        await tickets.link_message(
            session=session,
            chat_id=call.chat_id,
            message_id=result["message_id"],
            ticket_id=call.ticket_id,
        )
    elif call.after == "topic":
        await tickets.attach_topic(
            session=session, ticket_id=call.ticket_id, thread_id=result["message_thread_id"]
        )


async def give_up(
    *,
    session: AsyncSession,
    message_id: int,
    chat_id: int,
    error: str,
    unreachable: bool,
    now: datetime,
) -> list[Ticket]:
    """Telegram refuses a message for good: recorded as failed. With `unreachable` (a
    requester's private chat answered 403) the requester is marked unreachable too; their
    tickets in hand that were not yet marked so are returned, for their owners to be told."""
    await outbox.failed(session=session, message_id=message_id, now=now, error=error)
    if not unreachable:
        return []
    return await requesters.mark_unreachable(session=session, chat_id=chat_id, now=now)


async def give_up_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    message_id: int,
    chat_id: int,
    error: str,
    unreachable: bool,
) -> None:
    """`give_up` at the transaction's instant; the staff of each ticket in hand of a requester
    found unreachable hear it (`unreachable`, in the ticket's topic)."""
    in_hand = await give_up(
        session=tx.session,
        message_id=message_id,
        chat_id=chat_id,
        error=error,
        unreachable=unreachable,
        now=tx.now,
    )
    await publish(tx, rules, [Notice("unreachable", (Audience.TICKET_STAFF,), t) for t in in_hand])
