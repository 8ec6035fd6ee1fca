"""A handoff form running late climbs the escalation ladder (SPEC rules 7 and 8; issue 14), as
an overdue ticket does: one step of `escalation.ladder` (config.yaml) per overdue period, each
step told once and counted on the form (`Handoff.step`, `Handoff.next_step_at`).

A form is late past its deadline while it waits for the receiving department, or once that
department accepted it and still handles the ticket, not resolved or closed. Its first step
comes at its deadline, each next one an overdue period later: the time the form was given
(from the transfer to its deadline, at least `MIN_PERIOD`), so that a form given a day is
chased a day at a time. A step tells the audiences the ladder's step of the same rank names,
read for a form: `owner`, the ticket's owner where they work on it (its topic: the ticket is
still theirs to chase); `department_group`, the receiving department's group, whose work is
late; `department_supervisors`, the supervisors of both departments; `management`, the
management chat. With the seed's ladder: the owner and the receiving group, then the
supervisors, then management. Never the requester: these are staff's words. A deadline moved
(`/handoff_due`, bot/handoff_deadlines.py) starts the ladder again from its first step.

Each step is recorded as a ticket's escalation is (`Escalation`, deadline `handoff`: the
receiving department, whom it told; `/ticket N` lists it, bot/escalation_steps.py), and the
first, the deadline passed, is a breach in the accountability ledger against the receiving
department (its officer who accepted the form, if one did), which `/report` shows."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import skip_locked
from bot.handed import SETTLED
from bot.ledger import breach
from bot.models import BreachKind, DeadlineKind, Escalation, Handoff, HandoffStatus, Ticket
from bot.notices import Audience, Notice, address, staff_chats
from bot.outgoing import Outgoing
from bot.rules import Rules
from bot.transaction import Transactions

HANDOFF_OVERDUE = "handoff_overdue"  # the notice's kind (its wording's template)
MIN_PERIOD = timedelta(hours=1)  # the shortest overdue period (a form capped by its ticket's)


def overdue_period(form: Handoff) -> timedelta:
    """The span between two steps of a late form's ladder: the time it was given."""
    return max(form.due_at - form.created_at, MIN_PERIOD)


def next_step_at(form: Handoff, told: int) -> datetime:
    """When the step after `told` steps comes due: the deadline, then a period each."""
    return form.due_at + told * overdue_period(form)


def restart(form: Handoff) -> None:
    """The form's deadline moved: late again only past it, from the ladder's first step."""
    form.overdue_at = None
    form.step = 0
    form.next_step_at = None


def step_notices(rules: Rules, form: Handoff, ticket: Ticket, step: int) -> list[Notice]:
    """The notices of ladder step `step` (from 0) for a late form (see the module)."""
    notify = rules.ladder[step].notify
    receiving = rules.settings.department(form.to_department_key)
    values = {
        "to_department": receiving.names[rules.settings.languages.default],
        "handoff_due_at": form.due_at,
        "summary": form.summary,
        "accepted": form.status is HandoffStatus.ACCEPTED,
        "step": step + 1,
        "steps": len(rules.ladder),
    }
    notices: list[Notice] = []
    if "owner" in notify:
        notices.append(Notice(HANDOFF_OVERDUE, (Audience.TICKET_STAFF,), ticket, values))
    if "department_group" in notify:
        notices.append(
            Notice(
                HANDOFF_OVERDUE,
                (Audience.DEPARTMENT_GROUP,),
                ticket,
                values,
                departments=(form.to_department_key,),
            )
        )
    supervising = tuple(audience for audience in Audience.supervising() if str(audience) in notify)
    if supervising:
        notices.append(
            Notice(
                HANDOFF_OVERDUE,
                supervising,
                ticket,
                values,
                departments=(form.to_department_key, form.from_department_key),
            )
        )
    return notices


async def climb(
    transactions: Transactions, rules: Rules, now: datetime, limit: int
) -> list[Outgoing]:
    """Fire the ladder step that has come due on each late form, at most `limit` forms: one
    step a form a call (a form far behind climbs a step a sweep), told once, counted on it."""
    out: list[Outgoing] = []
    steps = len(rules.ladder)
    async with transactions(now=now) as tx:
        session = tx.session
        query = (
            select(Handoff, Ticket)
            .join(Ticket, Ticket.id == Handoff.ticket_id)
            .where(
                or_(
                    Handoff.status == HandoffStatus.PENDING,
                    and_(
                        Handoff.status == HandoffStatus.ACCEPTED,
                        Ticket.handling_department_key == Handoff.to_department_key,
                        Ticket.status.not_in(SETTLED),
                    ),
                ),
                func.coalesce(Handoff.next_step_at, Handoff.due_at) <= now,
                Handoff.step < steps,
            )
            .order_by(func.coalesce(Handoff.next_step_at, Handoff.due_at))
            .limit(limit)
        )
        for form, ticket in (await session.execute(skip_locked(query, session, Handoff))).all():
            step = form.step
            if form.overdue_at is None:
                form.overdue_at = now
            form.step = step + 1
            form.next_step_at = next_step_at(form, form.step)
            notices = step_notices(rules, form, ticket, step)
            await record_step(session, rules, form, ticket, step, notices, now)
            out += address(rules, notices)
        await tx.publish(out)
    return out


async def record_step(
    session: AsyncSession,
    rules: Rules,
    form: Handoff,
    ticket: Ticket,
    step: int,
    notices: list[Notice],
    now: datetime,
) -> None:
    """Ladder step `step` (from 0) of a late form, recorded as a ticket's escalation: its
    department the receiving one, whom it told (`told`: the step's audiences as configured;
    `chats`), the form's id; its `cycle` the times this step fired on the ticket's forms
    before (another form, or this one's deadline moved), so that each is a row of its own.
    The first step (its deadline passed) is a breach of the receiving department."""
    with session.no_autoflush:
        before = await session.scalar(
            select(func.count())
            .select_from(Escalation)
            .where(
                Escalation.ticket_id == ticket.id,
                Escalation.deadline == DeadlineKind.HANDOFF,
                Escalation.step == step,
            )
        )
    pending = [
        e
        for e in session.new
        if isinstance(e, Escalation)
        and e.ticket_id == ticket.id
        and e.deadline == DeadlineKind.HANDOFF
        and e.step == step
    ]
    accountable = form.decided_by if form.status is HandoffStatus.ACCEPTED else None
    chats = list(dict.fromkeys(chat for n in notices for chat in staff_chats(rules, n)))
    session.add(
        Escalation(
            ticket_id=ticket.id,
            deadline=DeadlineKind.HANDOFF,
            cycle=(before or 0) + len(pending),
            step=step,
            fraction=1.0 + step,  # the deadline, then a period (the time given) each
            due_at=next_step_at(form, step),
            fired_at=now,
            accountable_id=accountable,
            department_key=form.to_department_key,
            notified={
                "chats": chats,
                "told": list(rules.ladder[step].notify),
                "handoff_id": form.id,
            },
        )
    )
    if step == 0:
        breach(
            session,
            ticket,
            BreachKind.HANDOFF_OVERDUE,
            officer_id=accountable,
            now=now,
            detail=f"handoff {form.id} deadline {form.due_at.isoformat()}",
            department_key=form.to_department_key,
        )
