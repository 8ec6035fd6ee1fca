"""Loading and saving tickets: what every ticket service shares."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from bot import db, logs
from bot.errors import ConcurrentChange, NotFound
from bot.models import Ticket
from bot.rules import Rules


async def get(*, session: AsyncSession, ticket_id: int, lock: bool = False) -> Ticket:
    """The ticket with this number, or NotFound. With `lock`, its row is held until the
    transaction ends, read as last committed (PostgreSQL's SELECT ... FOR UPDATE: a
    concurrent transaction deciding on it waits, then sees this one's change; SQLite's
    BEGIN IMMEDIATE has every transaction wait its turn already): for a decision that
    depends on who owns it (a claim, words that claim by answering)."""
    logs.bind(ticket_id=ticket_id)  # the log lines of whoever works on it
    if lock:
        ticket = await session.get(Ticket, ticket_id, with_for_update=True, populate_existing=True)
    else:
        ticket = await db.get(session, Ticket, ticket_id)
    if ticket is None:
        raise NotFound(f"no ticket {ticket_id}", "no_ticket", ticket_id=ticket_id)
    return ticket


async def get_for_requester(*, session: AsyncSession, ticket_id: int, requester_id: int) -> Ticket:
    """A ticket as its requester may see it; someone else's ticket is NotFound, not a leak."""
    logs.bind(ticket_id=ticket_id)
    ticket = await db.get(session, Ticket, ticket_id)
    if ticket is None or ticket.requester_id != requester_id:
        raise NotFound(
            f"no ticket {ticket_id} for this requester", "no_ticket", ticket_id=ticket_id
        )
    return ticket


async def save(session: AsyncSession, rules: Rules, ticket: Ticket) -> Ticket:
    """Reschedule the ticket for the sweep and flush; a lost race becomes ConcurrentChange."""
    rules.reschedule(ticket)
    ticket_id = ticket.id  # the object expires if the flush fails
    try:
        await session.flush()
    except StaleDataError:
        raise ConcurrentChange(f"ticket {ticket_id} changed meanwhile") from None
    return ticket
