"""A requester's tickets in hand as their message finds them, read once in a transaction.

Every requester's message reads who they are and their current ticket
(bot/requesters.py `requester_with_current`), then, to tell which ticket in hand it is for and
whether it answers a question waiting there, their tickets in hand with when each side last
spoke (bot/replies.py `in_hand`): two statements, then a third and a fourth as the readers of
bot/intake/whose.py each asked again. Each ORM statement cost more than its SQL. The first
read brings the tickets in hand too (`COLUMNS`), and they are `kept` on the session: asked
again, they are read again only when something was written since (any statement other than
a SELECT, by any session of this process: `bot.writes.writes`), or the session holds a
ticket or a message not yet written, or one of the tickets kept was expired: what the query
would find then may differ, and it runs, as before. Which tickets are in hand and their statuses
(`tickets_kept`: the numbers an acknowledgement names beside its own, how many are open when a
new one is asked for) change only with a write to the tickets table: the requester's message
filed meanwhile leaves them kept."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Direction, Ticket, TicketMessage
from bot.writes import writes

# Per ticket (a handful in hand), each one step down the index on (ticket_id, direction,
# created_at, id): neither the whole table nor the ticket's every message.
STAFF_WROTE = (
    select(func.max(TicketMessage.created_at))
    .where(TicketMessage.ticket_id == Ticket.id, TicketMessage.direction == Direction.OUT)
    .correlate(Ticket)
    .scalar_subquery()
)
REQUESTER_WROTE = (
    select(func.max(TicketMessage.created_at))
    .where(TicketMessage.ticket_id == Ticket.id, TicketMessage.direction == Direction.IN)
    .correlate(Ticket)
    .scalar_subquery()
)
STAFF_SAID = (
    select(TicketMessage.text)
    .where(TicketMessage.ticket_id == Ticket.id, TicketMessage.direction == Direction.OUT)
    .order_by(TicketMessage.created_at.desc(), TicketMessage.id.desc())
    .limit(1)
    .correlate(Ticket)
    .scalar_subquery()
)
# What a ticket in hand is read with: when its staff last wrote to the requester, when the
# requester last wrote under it, what its staff last said.
COLUMNS = (STAFF_WROTE, REQUESTER_WROTE, STAFF_SAID)
# A ticket in hand with its COLUMNS, as `bot.replies.in_hand` reads them.
Row = tuple[Ticket, datetime | None, datetime | None, str | None]

# The session's info: (requester id, writes then, rows, writes to the tickets table then).
_KEPT = "tickets_in_hand"


def keep(session: AsyncSession, requester_id: int, rows: Sequence[Row]) -> None:
    """The requester's tickets in hand, with their COLUMNS, oldest first, as read just now."""
    session.info[_KEPT] = (requester_id, writes(), list(rows), writes("tickets"))


def kept(session: AsyncSession, requester_id: int) -> list[Row] | None:
    """The requester's tickets in hand `keep` holds, as the query would find them now; None
    when it might find others (see the module)."""
    held = session.info.get(_KEPT)
    if held is None or held[0] != requester_id or held[1] != writes():
        return None
    sync = session.sync_session
    unwritten = (*sync.new, *sync.dirty, *sync.deleted)
    if any(isinstance(item, Ticket | TicketMessage) for item in unwritten):
        return None
    for row in held[2]:
        state = inspect(row[0])
        if not state.persistent or state.expired_attributes:
            return None
    rows: list[Row] = held[2]
    return rows


def tickets_kept(session: AsyncSession, requester_id: int) -> list[Ticket] | None:
    """The requester's tickets in hand `keep` holds, oldest first, as a query for them (not
    their COLUMNS) would find them now; None when it might find others or other statuses: a
    write to the tickets table since, a ticket of the session's changed and not yet written,
    or one of those kept expired."""
    held = session.info.get(_KEPT)
    if held is None or held[0] != requester_id or held[3] != writes("tickets"):
        return None
    sync = session.sync_session
    if any(isinstance(item, Ticket) for item in (*sync.new, *sync.dirty, *sync.deleted)):
        return None
    for row in held[2]:
        state = inspect(row[0])
        if not state.persistent or state.expired_attributes:
            return None
    return [row[0] for row in held[2]]


def ids_kept(session: AsyncSession, requester_id: int) -> list[int] | None:
    """The ids of `tickets_kept`."""
    kept = tickets_kept(session, requester_id)
    return None if kept is None else [ticket.id for ticket in kept]
