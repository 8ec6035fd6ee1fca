"""A handoff's deadline moved (SPEC rule 7: the form's deadline is the owner's to set, and
they stay accountable): `/handoff_due <time limit>` in the ticket's place sets it anew from
now, earlier or later, counted as at the transfer (`handoffs.handoff_due_at`) and capped by
the ticket's own resolution deadline as a transfer's is. The department the form went to
hears it under its form (`handoff_due_moved`), since it is theirs to meet; a form past its
deadline may then come due again (the sweep's overdue notice is for the deadline it holds).

The form concerned is the ticket's latest: waiting for the receiving department, or
accepted by the department that handles the ticket now, the ticket not settled. The owner
moves it, or a supervisor of the ticket's department, or management."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot import lifecycle
from bot.errors import InvalidInput, NotFound
from bot.guards import require_owner_or_supervisor
from bot.handed import SETTLED, latest_form
from bot.handoffs import handoff_due_at
from bot.ladder_handoffs import restart
from bot.models import Handoff, HandoffStatus, Ticket
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.store import get, save
from bot.time_limits import TimeLimit
from bot.transaction import Transaction

DUE_MOVED = lifecycle.HANDOFF_DUE_MOVED  # the event in the ticket's log, the notice's kind


async def current_form(tx: Transaction, ticket: Ticket) -> Handoff:
    """The ticket's handoff whose deadline runs (see the module's description); NotFound
    (`no_handoff`) when none does."""
    form = await tx.session.scalar(
        select(Handoff).where(Handoff.ticket_id == ticket.id).order_by(Handoff.id.desc()).limit(1)
    )
    running = form is not None and (
        form.status is HandoffStatus.PENDING
        or (
            form.status is HandoffStatus.ACCEPTED
            and ticket.handling_department_key == form.to_department_key
            and ticket.status not in SETTLED
        )
    )
    if form is None or not running:
        raise NotFound(
            f"ticket {ticket.id} has no running handoff", "no_handoff", ticket_id=ticket.id
        )
    return form


def moved_due(
    rules: Rules, ticket: Ticket, now: datetime, limit: TimeLimit
) -> tuple[datetime, bool]:
    """The form's new deadline, `limit` from `now` on the ticket's service-level clock, and
    whether it was capped by the ticket's resolution deadline (that one, then). InvalidInput
    (`deadline_past`) when that is already past: the ticket itself is overdue."""
    asked = handoff_due_at(now, limit, levels=rules, level=rules.level(ticket))
    limit_at = ticket.resolution_due_at
    capped = limit_at is not None and asked > limit_at
    due = limit_at if capped and limit_at is not None else asked
    if due <= now:
        raise InvalidInput("the handoff deadline must be in the future", "deadline_past")
    return due, capped


async def move_due_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, actor_id: int, limit: TimeLimit
) -> tuple[Handoff, datetime, bool]:
    """Move the deadline of the ticket's running handoff to `limit` from the transaction's
    instant (`moved_due`), record it in the ticket's log and tell the department it went to
    under its form. The form, its former deadline and whether the new one was capped.
    Raises NotAllowed, NotFound, InvalidInput (see above)."""
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    require_owner_or_supervisor(rules, ticket, actor_id)
    form = await current_form(tx, ticket)
    due, capped = moved_due(rules, ticket, tx.now, limit)
    before = form.due_at
    form.due_at = due
    restart(form)  # due anew: late again only past the deadline it now holds
    lifecycle.record(
        tx.session,
        ticket,
        DUE_MOVED,
        now=tx.now,
        actor_id=actor_id,
        data={"handoff_id": form.id, "due_at": due.isoformat(), "before": before.isoformat()},
    )
    await save(tx.session, rules, ticket)
    chat_id = rules.settings.department(form.to_department_key).staff_group_chat_id
    values = {
        "by": rules.staff.shown_as(actor_id) or "-",
        "handoff_due_at": due,
        "before": before,
        "sooner": due < before,
        "capped": capped,
        "accepted": form.status is HandoffStatus.ACCEPTED,
        "reply_to": await latest_form(session=tx.session, ticket_id=ticket.id, chat_id=chat_id),
    }
    told = Notice(
        DUE_MOVED,
        (Audience.DEPARTMENT_GROUP,),
        ticket,
        values,
        departments=(form.to_department_key,),
    )
    await publish(tx, rules, [told])
    return form, before, capped
