"""The accountability ledger: breaches recorded against the accountable person.

The seed's accountability rules (首问责任追究): a missed first response, an overdue ticket, a
missed update or a late progress notice is entered against whoever was accountable at the
time. The database refuses any UPDATE or DELETE on the ledger (see the migrations).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import BreachKind, LedgerEntry, Ticket
from bot.rules import Rules


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
