"""What comes due for one ticket, by the clock: the escalation ladder's steps (with the breach
at the deadline itself), auto-close of an unconfirmed resolution (or, the requester asked
again, the owner's reminder to follow it up), the progress notice owed to the requester (the
seed: at least every 24 hours), and the owner's reminder before it.

`process_ticket` does each due step once, on a ticket the caller has locked (see bot/sweep.py),
and records it: escalations, notices and breaches in the caller's transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import dangers
from bot.closure import auto_close
from bot.handed import settled_notices
from bot.incident_reports import Reports, counted
from bot.ledger import breach, contacted, notice_given
from bot.models import (
    ACTIVE_STATUSES,
    BreachKind,
    DeadlineKind,
    Escalation,
    Incident,
    Requester,
    Ticket,
)
from bot.notices import Audience, Notice, address, card_refresh, staff_chats
from bot.outgoing import Outgoing
from bot.rules import Rules
from bot.topic_closing import close_topic

log = logging.getLogger(__name__)


@dataclass
class IncidentSteps:
    """A ticket's mass incident for its escalations: its id, how many tickets report it and
    how many are still open (`reports`, as its cards and alerts say), and the ladder steps
    (deadline, step) some other of its tickets already alerted for."""

    incident_id: int
    reports: Reports
    steps: set[tuple[str, int]]


async def incident_steps(session: AsyncSession, ticket: Ticket) -> IncidentSteps | None:
    """`ticket`'s incident (`IncidentSteps`), None when it is linked to none. Escalations
    of its other tickets since the incident opened count, those recorded and those of this
    sweep not yet written (the sweep inserts them in bulk: `session.new`)."""
    if ticket.incident_id is None:
        return None
    with session.no_autoflush:
        incident = await session.get(Incident, ticket.incident_id)
        members = dict(
            (
                await session.execute(
                    select(Ticket.id, Ticket.status).where(
                        Ticket.incident_id == ticket.incident_id
                    )
                )
            ).all()
        )
        others = set(members) - {ticket.id}
        rows = await session.execute(
            select(Escalation.deadline, Escalation.step).where(
                Escalation.ticket_id.in_(others),
                Escalation.fired_at >= (incident.opened_at if incident else ticket.opened_at),
            )
        )
    steps = {(str(deadline), step) for deadline, step in rows}
    steps |= {
        (str(e.deadline), e.step)
        for e in session.new
        if isinstance(e, Escalation) and e.ticket_id in others
    }
    return IncidentSteps(ticket.incident_id, counted(members.values()), steps)


async def process_ticket(
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    requester: Requester,
    now: datetime,
    out: list[Outgoing],
) -> None:
    """Do what is due for one locked ticket; the caller's transaction commits it."""
    watched = rules.watched_deadline(ticket)
    incident = await incident_steps(session, ticket) if watched is not None else None
    told: list[str] | None = None  # the dangers the ticket was told of (`bot.dangers`)
    missed: list[Notice] = []  # the requester's apology for a promised time passed
    while watched is not None:
        kind, step = watched
        due_at = rules.step_due_at(ticket, kind, step)
        if due_at > now:
            break
        # A warning that the deadline is near is false once it has passed (the sweep came
        # late: a clock jump, a restart): recorded, not sent; the breach says it all.
        passed = rules.ladder[step].at < 1.0 and ticket_deadline(ticket, kind) <= now
        if told is None:  # read once, when a step is due: the danger leads its escalations
            with session.no_autoflush:
                told = (await dangers.of_tickets(session, [ticket.id])).get(ticket.id, [])
        escalate(
            session, rules, ticket, kind, step, due_at, now, out, incident, quiet=passed, told=told
        )
        notice_now = ticket.next_notice_due_at is not None and ticket.next_notice_due_at <= now
        if step == rules.deadline_step:
            if notice_now and kind is DeadlineKind.RESOLUTION:
                missed = []  # the day's notice, due now too, owns up to it itself
            else:
                missed = promise_missed(rules, ticket, requester, kind, step) or missed
        watched = rules.watched_deadline(ticket)
    if missed:
        # Told at once, one apology for the latest promise missed (a sweep catching up on
        # days owns up to the settlement, not to the reply too). It is a word to them: the
        # next progress notice is a day after it, not hours (a fresh tester heard two
        # apologies back to back, issue 14).
        out += address(rules, missed, now)
        contacted(session, rules, ticket, now, accountable_id=ticket.owner_id)

    auto_close_at = rules.auto_close_at(ticket)
    if auto_close_at is not None and auto_close_at <= now:
        await auto_close(session, rules, ticket, now)
        closed = [
            Notice(
                "auto_closed", (Audience.REQUESTER,), ticket, requester=requester, own_word=True
            ),
            card_refresh(ticket),  # the card says how and when it closed, as others do
        ]
        if ticket.owner_id is not None:
            closed.append(Notice("auto_closed_owner", (Audience.OWNER,), ticket))
        # The department that accepted it, if another did, hears it is closed.
        closed += await settled_notices(
            session=session, rules=rules, ticket=ticket, event="auto_closed"
        )
        closed += close_topic(rules, ticket)  # after the last word about it went there
        out += address(rules, closed, now)

    follow_up_at = rules.follow_up_at(ticket)
    if follow_up_at is not None and follow_up_at <= now:
        follow_up(rules, ticket, follow_up_at, now, out)

    if (
        ticket.status in ACTIVE_STATUSES
        and ticket.next_notice_due_at is not None
        and ticket.next_notice_due_at <= now
    ):
        progress_notice(session, rules, ticket, requester, now, out)

    reminder_at = rules.reminder_due_at(ticket)
    if ticket.status in ACTIVE_STATUSES and reminder_at is not None and reminder_at <= now:
        assert ticket.owner_id is not None
        ticket.reminded_for_notice_at = ticket.next_notice_due_at
        values = {"notice_due_at": ticket.next_notice_due_at}
        out += address(rules, [Notice("update_reminder", (Audience.OWNER,), ticket, values)], now)

    rules.reschedule(ticket)
    if ticket.next_check_at is not None and ticket.next_check_at <= now:
        # Cannot happen with a valid ladder; a guard against a sweep that never ends.
        log.error("ticket %s is still due after the sweep; check the escalation ladder", ticket.id)
        ticket.next_check_at = None


def follow_up(
    rules: Rules, ticket: Ticket, due_at: datetime, now: datetime, out: list[Outgoing]
) -> None:
    """A resolution the requester answered with words neither "solved" nor "not solved"
    ("我今晚看看情况再说吧") never closes as solved by their silence (issue 14: it did,
    "已视为确认解决"): when it would have closed, its owner (its staff groups, if nobody owns
    it) is reminded, once an asking, that it awaits the requester's word and is theirs to
    follow up. It stays resolved, awaiting the requester (the figures count it resolved,
    never confirmed), until they press a button or write again: a confirmation only they
    give, never presumed from silence after words that left it open."""
    ticket.reminded_for_notice_at = due_at
    values = {"asked_at": ticket.confirmation_asked_at}
    out += address(rules, [Notice("unconfirmed_owner", (Audience.OWNER,), ticket, values)], now)


def ticket_deadline(ticket: Ticket, kind: DeadlineKind) -> datetime:
    """The `kind` deadline `ticket` holds."""
    if kind is DeadlineKind.FIRST_RESPONSE:
        return ticket.first_response_due_at
    return ticket.resolution_due_at


def escalate(
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    kind: DeadlineKind,
    step: int,
    due_at: datetime,
    now: datetime,
    out: list[Outgoing],
    incident: IncidentSteps | None = None,
    quiet: bool = False,
    told: Sequence[str] = (),
) -> None:
    """Fire ladder step `step` of the `kind` deadline (due at `due_at`): record the escalation,
    a breach when it is the deadline itself, and publish the notice to the step\'s audience
    (none when `quiet`: a warning before a deadline already passed).
    A ticket of a mass incident (`incident`): the first of its tickets at this step alerts
    for the incident, naming how many tickets it has; the others' escalations are recorded
    but reach only their own owner (one outage, one alert a step, not one a ticket). A ticket
    `told` of a danger to people (`bot.dangers`) leads its notice with the danger's mark."""
    ladder_step = rules.ladder[step]
    deadline_at = ticket_deadline(ticket, kind)
    audience = () if quiet else tuple(Audience(target) for target in ladder_step.notify)
    extra: dict[str, object] = {}
    if incident is not None:
        if (str(kind), step) in incident.steps:
            owned = ticket.owner_id is not None
            audience = (Audience.OWNER,) if owned and Audience.OWNER in audience else ()
        else:
            incident.steps.add((str(kind), step))
            extra = {"incident_id": incident.incident_id, **incident.reports.values()}
    notice = Notice(
        "escalation",
        audience,
        ticket,
        {
            **extra,
            "dangers": list(told),
            "deadline": str(kind),
            "step": step + 1,
            "fraction": ladder_step.at,
            "deadline_at": deadline_at,
            "overdue": ladder_step.at >= 1.0,
            # Unclaimed, though the requester was answered: it escalates for its claim.
            "answered": kind is DeadlineKind.FIRST_RESPONSE and ticket.staff_wrote,
            # Another department accepted a handoff of it: it does the work (SPEC rule 7).
            "handling": ticket.handling_department_key
            if ticket.handling_department_key != ticket.department_key
            else None,
        },
    )
    notified = staff_chats(rules, notice)
    session.add(
        Escalation(
            ticket_id=ticket.id,
            deadline=kind,
            cycle=ticket.reopen_count,
            step=step,
            fraction=ladder_step.at,
            due_at=due_at,
            fired_at=now,
            accountable_id=ticket.owner_id,
            department_key=ticket.department_key,
            notified={"chats": notified},
        )
    )
    if kind is DeadlineKind.FIRST_RESPONSE:
        ticket.first_response_steps = step + 1
    else:
        ticket.resolution_steps = step + 1
    # The deadline passed is a breach; not the first response's when staff wrote to the
    # requester before it: that word was the first response, judged when it was filed.
    answered = kind is DeadlineKind.FIRST_RESPONSE and ticket.staff_wrote
    if step == rules.deadline_step and not answered:
        breach(
            session,
            ticket,
            BreachKind.MISSED_FIRST_RESPONSE
            if kind is DeadlineKind.FIRST_RESPONSE
            else BreachKind.OVERDUE,
            officer_id=ticket.owner_id if kind is DeadlineKind.RESOLUTION else None,
            now=now,
            detail=f"{kind} deadline {due_at.isoformat()}",
        )
    if audience:
        out += address(rules, [notice], now)


def promise_missed(
    rules: Rules, ticket: Ticket, requester: Requester, kind: DeadlineKind, step: int
) -> list[Notice]:
    """The requester's word when a time promised to them passes (issue 14: they heard nothing
    until the next day's progress notice): at once, with an apology and who the escalation
    told (`told_owner`, `told_supervisors`: the ladder step's audiences). Nothing for a
    first response given already (a word to them before anyone claimed it)."""
    if kind is DeadlineKind.FIRST_RESPONSE and ticket.staff_wrote:
        return []
    notify = set(rules.ladder[step].notify)
    values = {
        "deadline": str(kind),
        "told_owner": Audience.OWNER in notify and ticket.owner_id is not None,
        "told_supervisors": bool(notify & {Audience.DEPARTMENT_SUPERVISORS, Audience.MANAGEMENT}),
    }
    return [
        Notice(
            "promise_missed",
            (Audience.REQUESTER,),
            ticket,
            values,
            requester=requester,
            own_word=True,
        )
    ]


def progress_notice(
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    requester: Requester,
    now: datetime,
    out: list[Outgoing],
) -> None:
    """The progress notice owed to the requester (config `notices.interval`): recorded, late
    or not; a breach if late, and one against an owner who gave no update before it."""
    due_at = ticket.next_notice_due_at
    assert due_at is not None
    on_time = now - due_at <= rules.settings.notices.grace
    notice_given(
        session,
        ticket,
        due_at,
        now,
        on_time=on_time,
        accountable_id=ticket.owner_id,
        detail=f"notice due {due_at.isoformat()}",
    )
    if ticket.owner_id is not None:
        # The owner was asked for an update before this notice and gave none.
        breach(
            session,
            ticket,
            BreachKind.MISSED_UPDATE,
            officer_id=ticket.owner_id,
            now=now,
            detail=f"no public update before the notice due {due_at.isoformat()}",
        )
    out += address(
        rules,
        [
            Notice(
                "progress_notice",
                (Audience.REQUESTER,),
                ticket,
                requester=requester,
                own_word=True,
            )
        ],
        now,
    )
    rules.contacted(ticket, now)
