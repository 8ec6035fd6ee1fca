"""A requester's tickets in hand as their message finds them, read once in a transaction.

Every requester's message reads who they are and their current ticket
(bot/requesters.py `requester_with_current`), then, to tell which ticket in hand it is for and
whether it answers a question waiting there, their tickets in hand with when each side last
spoke (bot/replies.py `in_hand`): two statements, then a third and a fourth as the readers of
bot/intake/whose.py each asked again. Each ORM statement cost more than its SQL. The first
read brings the tickets in hand too (`COLUMNS`), and they are `kept` on the session: asked
again, they are read again only when something was written since (any statement other than
a SELECT, by any session of this process: `writes`), or the session holds a ticket or a
message not yet written, or one of the tickets kept was expired: what the query would find
then may differ, and it runs, as before."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, event, func, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Direction, Ticket, TicketMessage

# Per ticket (a handful in hand), by the index on (ticket_id, id): never the whole table.
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
    .order_by(TicketMessage.id.desc())
    .limit(1)
    .correlate(Ticket)
    .scalar_subquery()
)
# What a ticket in hand is read with: when its staff last wrote to the requester, when the
# requester last wrote under it, what its staff last said.
COLUMNS = (STAFF_WROTE, REQUESTER_WROTE, STAFF_SAID)
# A ticket in hand with its COLUMNS, as `bot.replies.in_hand` reads them.
Row = tuple[Ticket, datetime | None, datetime | None, str | None]

_KEPT = "tickets_in_hand"  # the session's info: (requester id, writes then, rows)
_writes = 0  # statements other than a SELECT this process ran so far


@event.listens_for(Engine, "before_cursor_execute")
def _count(_c: Any, _cursor: Any, statement: str, *_: Any) -> None:
    if not statement.startswith("SELECT"):
        global _writes
        _writes += 1


def keep(session: AsyncSession, requester_id: int, rows: Sequence[Row]) -> None:
    """The requester's tickets in hand, with their COLUMNS, oldest first, as read just now."""
    session.info[_KEPT] = (requester_id, _writes, list(rows))


def kept(session: AsyncSession, requester_id: int) -> list[Row] | None:
    """The requester's tickets in hand `keep` holds, as the query would find them now; None
    when it might find others (see the module)."""
    held = session.info.get(_KEPT)
    if held is None or held[0] != requester_id or held[1] != _writes:
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
