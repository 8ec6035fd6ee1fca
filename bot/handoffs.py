"""Handoffs between departments: the standard form, accepted or returned; the owner stays.

The services (`transfer`, `accept_handoff`, `return_handoff`) change the ticket and its form in
a session; the flows (`transfer_and_tell`, `accept_and_tell`, `return_and_tell`) do the same
in a transaction and publish who hears of it (bot/notices.py):
- sent: the receiving group gets the form (`handoff_card`, with Accept), the ticket's staff
  hear it went, the sending department's supervisors get a copy and the requester is told
  (in their language) that the owner stays;
- accepted or returned: the ticket's staff hear it (returned: with the reason), and the form
  in the receiving group is edited to say who decided it and when (bot/handoff_forms.py).
While the ticket has no staff group, what its staff would hear goes to the form's sender.
The form's deadline is `handoff_due_at` (where the rule comes from: its docstring).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle
from bot.config import ServiceLevel, Settings
from bot.errors import InvalidInput, NotFound
from bot.guards import clean_text, require_staff_of
from bot.handoff_forms import (
    decided_form_notices,
    department_name,
    form_copies,
    form_notice,
)
from bot.handoff_returns import returned_notices
from bot.intake.inquiry import Turn
from bot.intake.later import said_later
from bot.lifecycle import Action
from bot.models import Handoff, HandoffStatus, Requester, Ticket
from bot.notices import Audience, Notice, own_word, publish
from bot.rules import Rules
from bot.sla import ServiceLevels
from bot.store import get, save
from bot.ticket_language import notice_language
from bot.time_limits import MAX_HOURS, MIN_MINUTES, TimeLimit
from bot.transaction import Transaction

DEFAULT_SPAN = timedelta(days=1)  # a form's deadline when its sender names none: a day


def handoff_due_at(
    now: datetime,
    hours: int | TimeLimit | None,
    *,
    levels: ServiceLevels,
    level: ServiceLevel,
) -> datetime:
    """The deadline of a handoff form sent at `now` for a ticket whose service level is
    `level`: `hours` whole hours later on that level's clock (a `TimeLimit`'s days each a
    day as the level counts one: a working day, config `office_hours.working_day`, on the
    working clock, 24 hours on the calendar clock), counted by the service levels'
    own rule (`WorkingCalendar.later` of `levels.calendar`): on the working clock office
    hours only (a form sent on Friday at 17:00 for 8 hours is due in the next working week),
    on a calendar-clock level (an urgent fault) every hour. None: a day, as a service level's
    "1d" counts (one working day on the working clock: `WorkingCalendar.deadline`).
    InvalidInput (`deadline_range`) unless it is 10 minutes to 720 hours (a day counted as 24).

    The rule's source: SPEC §7 and the seed's 跨部门协作流程 (标准化交接单, 含问题摘要、处理建议、
    时限要求) make the deadline part of the form, set by whoever sends it; SPEC §5 (限时办结)
    counts time limits in calendar or working hours from config. A department's time limit
    is its working time, as for the ticket's own service level: the same clock, so that a
    form's hours and the ticket's deadline mean the same thing. The receiving group's card
    shows the instant itself (SPEC §14: explicit times).
    """
    if hours is None:
        return levels.calendar.deadline(now, level, DEFAULT_SPAN)
    limit = hours if isinstance(hours, TimeLimit) else TimeLimit(hours=hours)
    if not MIN_MINUTES <= limit.nominal_minutes <= MAX_HOURS * 60:
        raise InvalidInput(
            f"a handoff deadline of {limit.nominal_minutes} minutes is not within"
            f" {MIN_MINUTES} minutes to {MAX_HOURS} hours",
            "deadline_range",
            limit=MAX_HOURS,
        )
    days = timedelta(days=limit.days)
    if level.clock == "working":
        days = levels.calendar.working_span(days)
    span = timedelta(hours=limit.hours, minutes=limit.minutes)
    return levels.calendar.later(now, days + span, level.clock)


def department_named(settings: Settings, word: str) -> str | None:
    """The key of the department `word` names: its key or its name in any configured
    language (`departments[].names`, as the usage and the cards show it), case and
    surrounding spaces ignored; else the one department it abbreviates (`_abbreviates`:
    "社保科" for 社会保障科, "util" for Utilities, as staff type them); None when no
    department, or more than one, has it."""
    wanted = word.strip().casefold()
    named = [
        (
            department.key,
            {department.key, *(n.strip().casefold() for n in department.names.values())},
        )
        for department in settings.departments
    ]
    for key, names in named:
        if wanted in names:
            return key
    short = {key for key, names in named if any(_abbreviates(wanted, n) for n in names)}
    return short.pop() if len(short) == 1 else None


def _abbreviates(word: str, name: str) -> bool:
    """Whether `word` (two characters or more, casefolded) shortens `name`: in Chinese, its
    characters in the name's order ("社保科", "社保" of "社会保障科"); else the name's start
    ("util" of "utilities", "social" of "social security"; pure)."""
    if len(word) < 2:
        return False
    if any("\u4e00" <= char <= "\u9fff" for char in word):
        rest = iter(name)
        return all(char in rest for char in word)  # each found after the one before
    return name.startswith(word)


async def transfer(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    actor_id: int,
    to_department: str,
    summary: str,
    suggested_handling: str,
    due_at: datetime,
    now: datetime,
) -> Handoff:
    """Send the ticket to another department with a handoff form; the owner does not change."""
    ticket = await get(session=session, ticket_id=ticket_id)
    if actor_id != ticket.owner_id:
        require_staff_of(rules, actor_id, ticket.department_key, ticket.handling_department_key)
    named = department_named(rules.settings, to_department)
    if named is None:
        raise InvalidInput(
            f"unknown department {to_department!r}", "unknown_department", name=to_department
        )
    to_department = named
    if to_department == ticket.handling_department_key:
        raise InvalidInput(
            f"ticket {ticket.id} is already handled by {to_department}",
            "same_department",
            ticket_id=ticket.id,
        )
    if due_at <= now:
        raise InvalidInput("the handoff deadline must be in the future", "deadline_past")
    form = Handoff(
        ticket_id=ticket.id,
        from_department_key=ticket.handling_department_key,
        to_department_key=to_department,
        sender_id=actor_id,
        summary=clean_text(summary, "the handoff summary"),
        suggested_handling=clean_text(suggested_handling, "the suggested handling"),
        due_at=due_at,
        status=HandoffStatus.PENDING,
        created_at=now,
    )
    lifecycle.move(
        session, ticket, Action.TRANSFER, now=now, actor_id=actor_id, data={"to": to_department}
    )
    session.add(form)
    await save(session, rules, ticket)
    return form


async def pending_handoff(*, session: AsyncSession, ticket_id: int) -> Handoff:
    """The handoff form awaiting the receiving department's decision."""
    form = await session.scalar(
        select(Handoff).where(
            Handoff.ticket_id == ticket_id, Handoff.status == HandoffStatus.PENDING
        )
    )
    if form is None:
        raise NotFound(
            f"ticket {ticket_id} has no pending handoff", "no_handoff", ticket_id=ticket_id
        )
    return form


async def _decide(
    session: AsyncSession, rules: Rules, ticket_id: int, actor_id: int
) -> tuple[Ticket, Handoff]:
    ticket = await get(session=session, ticket_id=ticket_id)
    form = await pending_handoff(session=session, ticket_id=ticket_id)
    require_staff_of(rules, actor_id, form.to_department_key)
    return ticket, form


async def accept_handoff(
    *, session: AsyncSession, rules: Rules, ticket_id: int, actor_id: int, now: datetime
) -> Handoff:
    """The receiving department takes over the handling; the owner stays accountable."""
    ticket, form = await _decide(session, rules, ticket_id, actor_id)
    lifecycle.move(
        session,
        ticket,
        Action.ACCEPT,
        now=now,
        actor_id=actor_id,
        data={"department": form.to_department_key, "handoff_id": form.id},
    )
    form.status = HandoffStatus.ACCEPTED
    form.decided_at = now
    form.decided_by = actor_id
    await save(session, rules, ticket)
    return form


async def return_handoff(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    actor_id: int,
    reason: str,
    now: datetime,
) -> Handoff:
    """The receiving department refuses the handoff, saying why; handling stays where it was."""
    ticket, form = await _decide(session, rules, ticket_id, actor_id)
    reason = clean_text(reason, "the reason for returning", "return_reason")
    lifecycle.move(
        session,
        ticket,
        Action.RETURN,
        now=now,
        actor_id=actor_id,
        data={"handoff_id": form.id, "reason": reason},
    )
    form.status = HandoffStatus.RETURNED
    form.decided_at = now
    form.decided_by = actor_id
    form.return_reason = reason
    await save(session, rules, ticket)
    return form


def _owner(rules: Rules, ticket: Ticket) -> str:
    return rules.staff.shown_as(ticket.owner_id) or "-"


def sent_notices(
    rules: Rules,
    ticket: Ticket,
    form: Handoff,
    requester: Requester,
    later: list[Turn],
    *,
    capped: bool = False,
) -> list[Notice]:
    """Who hears of a handoff sent (see the module's description), in that order; the form
    shows what the requester said since the ticket opened (`later`). `capped`: the deadline
    asked for fell after the ticket's, so the form is due with the ticket (the ticket's staff
    read so: `capped`, `handoff_due_at`)."""
    owner = _owner(rules, ticket)
    to_name = department_name(rules, form.to_department_key)
    event = {"department": to_name, "owner": owner}
    sent = {**event, "event": "sent", "capped": capped, "handoff_due_at": form.due_at}
    department = department_name(rules, form.to_department_key, notice_language(ticket, requester))
    return [
        form_notice(rules, ticket, form, later),
        Notice(
            "handoff_event",
            (Audience.TICKET_STAFF,),
            ticket,
            sent,
            fallback=form.sender_id,
        ),
        Notice(
            "handoff_event",
            (Audience.DEPARTMENT_SUPERVISORS,),
            ticket,
            {**event, "event": "copy"},
            departments=(form.from_department_key,),
        ),
        own_word(
            "handoff_event",
            ticket,
            requester,
            {"event": "requester", "owner": owner, "department": department},
        ),
    ]


def decided_notice(rules: Rules, ticket: Ticket, form: Handoff) -> Notice:
    """The ticket's staff hear the receiving department accepted or returned the form."""
    event = "returned" if form.status is HandoffStatus.RETURNED else "accepted"
    values = {
        "event": event,
        "department": department_name(rules, form.to_department_key),
        "owner": _owner(rules, ticket),
        "reason": form.return_reason or "",
    }
    return Notice(
        "handoff_event", (Audience.TICKET_STAFF,), ticket, values, fallback=form.sender_id
    )


async def transfer_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    actor_id: int,
    to_department: str,
    summary: str,
    suggested_handling: str,
    hours: int | TimeLimit | None = None,
) -> Handoff:
    """`transfer` at the transaction's instant, the form due `hours` later (`handoff_due_at`)
    but no later than the ticket's resolution deadline (the one who sent it reads so: the
    "sent" event's `capped`), and its notices published in it. Raises as `transfer` and
    `handoff_due_at` do (DeskError)."""
    session = tx.session
    ticket = await get(session=session, ticket_id=ticket_id)
    asked = handoff_due_at(tx.now, hours, levels=rules, level=rules.level(ticket))
    # Never after the ticket's own deadline (when that is still ahead): the department it
    # goes to works within the promise made to the requester.
    limit = ticket.resolution_due_at
    capped = limit is not None and tx.now < limit < asked
    due_at = limit if capped and limit is not None else asked
    form = await transfer(
        session=session,
        rules=rules,
        ticket_id=ticket_id,
        actor_id=actor_id,
        to_department=to_department,
        summary=summary,
        suggested_handling=suggested_handling,
        due_at=due_at,
        now=tx.now,
    )
    requester = await session.get(Requester, ticket.requester_id)
    assert requester is not None  # a foreign key
    later = await said_later(session=session, ticket=ticket, names=rules.staff.shown_as)
    copies = await form_copies(session, ticket, form)  # after the form: photos, voice, ...
    sent = sent_notices(rules, ticket, form, requester, later, capped=capped)
    await publish(tx, rules, [*sent, *copies])
    return form


async def accept_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, actor_id: int
) -> Handoff:
    """`accept_handoff` at the transaction's instant, the ticket's staff told in it. Raises
    as `accept_handoff` does (DeskError)."""
    form = await accept_handoff(
        session=tx.session, rules=rules, ticket_id=ticket_id, actor_id=actor_id, now=tx.now
    )
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    forms = await decided_form_notices(tx, rules, ticket, form)
    await publish(tx, rules, [decided_notice(rules, ticket, form), *forms])
    return form


async def return_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, actor_id: int, reason: str
) -> Handoff:
    """`return_handoff` at the transaction's instant, the ticket's staff told why in it, the
    sending department's supervisors and the requester as well (bot/handoff_returns.py).
    Raises as `return_handoff` does (DeskError)."""
    form = await return_handoff(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        actor_id=actor_id,
        reason=reason,
        now=tx.now,
    )
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    forms = await decided_form_notices(tx, rules, ticket, form)
    requester = await tx.session.get(Requester, ticket.requester_id)
    assert requester is not None  # a foreign key
    told = returned_notices(rules, ticket, form, requester)
    await publish(tx, rules, [decided_notice(rules, ticket, form), *forms, *told])
    return form
