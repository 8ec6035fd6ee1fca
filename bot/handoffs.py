"""Handoffs between departments: the standard form, accepted or returned; the owner stays."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle
from bot.errors import InvalidInput, NotFound
from bot.guards import clean_text, require_staff_of
from bot.lifecycle import Action
from bot.models import Handoff, HandoffStatus, Ticket
from bot.sla import Rules
from bot.store import get, save


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
    if to_department not in {d.key for d in rules.settings.departments}:
        raise InvalidInput(
            f"unknown department {to_department!r}", "unknown_department", name=to_department
        )
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
    reason = clean_text(reason, "the reason for returning")
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
