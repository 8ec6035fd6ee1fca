"""The accountability ledger: breaches recorded against the accountable person.

The seed's accountability rules (首问责任追究): a missed first response, an overdue ticket, a
missed update or a late progress notice is entered against whoever was accountable at the
time. The database refuses any UPDATE or DELETE on the ledger (see the migrations).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import BreachKind, LedgerEntry, ProgressNotice, Ticket
from bot.rules import Rules


def breach(
    session: AsyncSession,
    ticket: Ticket,
    kind: BreachKind,
    *,
    officer_id: int | None,
    now: datetime,
    detail: str = "",
    department_key: str | None = None,
) -> LedgerEntry:
    """Append a breach to the accountability ledger against the accountable person (of
    `department_key`; default the ticket's department)."""
    entry = LedgerEntry(
        at=now,
        officer_id=officer_id,
        department_key=department_key or ticket.department_key,
        ticket_id=ticket.id,
        kind=kind,
        detail=detail,
    )
    session.add(entry)
    return entry


def record_late_first_response(
    session: AsyncSession, rules: Rules, ticket: Ticket, now: datetime
) -> None:
    """Leaving 'open' after the first-response deadline is a breach, if the sweep missed it;
    unless staff wrote to the requester before: that word was the first response, judged
    when it was filed (bot/conversation.py `file_staff_message`)."""
    if (
        now > ticket.first_response_due_at
        and ticket.first_response_steps <= rules.deadline_step
        and not ticket.staff_wrote
    ):
        breach(
            session,
            ticket,
            BreachKind.MISSED_FIRST_RESPONSE,
            officer_id=None,
            now=now,
            detail="claimed after the first-response deadline",
        )


def contacted(
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    now: datetime,
    accountable_id: int | None,
) -> None:
    """The requester just heard from the service (a reply, a claim, a resolution...): the
    progress-notice clock starts again (`Rules.contacted`). A notice that was already overdue
    past its grace (config `notices.grace`) when they heard is recorded as given late, if the
    sweep missed it (the bot was down, or this came first in its catch-up): its record
    (`progress_notices`, not on time) and a late-notice breach against whoever was accountable
    for it (`accountable_id`: the ticket's owner, or the owner before a claim or an
    assignment). Without this, the contact erased the lateness (SPEC: a progress notice
    at least every 24 hours)."""
    due_at = ticket.next_notice_due_at
    if due_at is not None and now - due_at > rules.settings.notices.grace:
        notice_given(
            session,
            ticket,
            due_at,
            now,
            on_time=False,
            accountable_id=accountable_id,
            detail=f"notice due {due_at.isoformat()}; first contact {now.isoformat()}",
        )
    rules.contacted(ticket, now)


def notice_given(
    session: AsyncSession,
    ticket: Ticket,
    due_at: datetime,
    now: datetime,
    *,
    on_time: bool,
    accountable_id: int | None,
    detail: str,
) -> None:
    """Record a progress notice owed at `due_at` and given at `now` (`progress_notices`), and,
    when it was not on time, a late-notice breach against `accountable_id` with `detail` (SPEC:
    a progress notice at least every 24 hours). The one place both the sweep's notice and a
    contact that came after a missed one write this record."""
    session.add(
        ProgressNotice(
            ticket_id=ticket.id,
            due_at=due_at,
            sent_at=now,
            on_time=on_time,
            accountable_id=accountable_id,
            update_text=ticket.latest_update,
        )
    )
    if not on_time:
        breach(
            session,
            ticket,
            BreachKind.LATE_NOTICE,
            officer_id=accountable_id,
            now=now,
            detail=detail,
        )
