"""Loading and saving tickets, the ledger, and priority: what every ticket service shares."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from bot import lifecycle
from bot.errors import ConcurrentChange, InvalidInput, NotFound
from bot.models import ACTIVE_STATUSES, BreachKind, LedgerEntry, Ticket
from bot.sla import Rules


async def get(*, session: AsyncSession, ticket_id: int) -> Ticket:
    """The ticket with this number, or NotFound."""
    ticket = await session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound(f"no ticket {ticket_id}", "no_ticket", ticket_id=ticket_id)
    return ticket


async def get_for_requester(*, session: AsyncSession, ticket_id: int, requester_id: int) -> Ticket:
    """A ticket as its requester may see it; someone else's ticket is NotFound, not a leak."""
    ticket = await session.get(Ticket, ticket_id)
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


def breach(
    session: AsyncSession,
    ticket: Ticket,
    kind: BreachKind,
    *,
    officer_id: int | None,
    now: datetime,
    detail: str = "",
) -> LedgerEntry:
    """Append a breach to the accountability ledger against the accountable person."""
    entry = LedgerEntry(
        at=now,
        officer_id=officer_id,
        department_key=ticket.department_key,
        ticket_id=ticket.id,
        kind=kind,
        detail=detail,
    )
    session.add(entry)
    return entry


def record_late_first_response(
    session: AsyncSession, rules: Rules, ticket: Ticket, now: datetime
) -> None:
    """Leaving 'open' after the first-response deadline is a breach, if the sweep missed it."""
    if now > ticket.first_response_due_at and ticket.first_response_steps <= rules.deadline_step:
        breach(
            session,
            ticket,
            BreachKind.MISSED_FIRST_RESPONSE,
            officer_id=None,
            now=now,
            detail="claimed after the first-response deadline",
        )


def set_priority(
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    priority: str,
    *,
    now: datetime,
    actor_id: int | None,
    reason: str = "",
) -> None:
    """Change a loaded ticket's priority and deadlines, recording the event."""
    if priority not in {p.key for p in rules.settings.priorities}:
        raise InvalidInput(f"unknown priority {priority!r}", "unknown_priority", name=priority)
    if ticket.status not in ACTIVE_STATUSES:
        raise InvalidInput(
            f"ticket {ticket.id} is {ticket.status}; its priority is settled",
            "priority_settled",
            ticket_id=ticket.id,
        )
    if priority == ticket.priority:
        return
    ticket.priority = priority
    rules.set_deadlines(ticket)
    lifecycle.record(
        session,
        ticket,
        lifecycle.PRIORITY_CHANGED,
        now=now,
        actor_id=actor_id,
        data={"priority": priority, "reason": reason},
    )


def keyword_priority(rules: Rules, text: str, priority: str) -> tuple[str, list[str]]:
    """Raise `priority` to what configured keywords in `text` demand; return the words hit."""
    lowered = text.casefold()
    hits: list[str] = []
    for rule in rules.settings.keywords:
        words = [w for w in rule.words if w.casefold() in lowered]
        if words:
            hits.extend(words)
            if rules.settings.priority_rank(rule.priority) > rules.settings.priority_rank(
                priority
            ):
                priority = rule.priority
    return priority, hits
