"""Guards: who may act on a ticket, and what text the desk accepts."""

from __future__ import annotations

from bot.errors import InvalidInput, NotAllowed
from bot.models import Ticket, TicketStatus
from bot.rules import Rules

MAX_TEXT = 20_000


def clean_text(text: str, what: str, field: str | None = None) -> str:
    """`text` without surrounding blanks. InvalidInput if it is empty (`empty_text`, with
    `field` when given: which text is missing, as the refusal words it, e.g. "summary") or
    too long. `what` names it in the log."""
    text = text.strip()
    if not text:
        named = {"field": field} if field is not None else {}
        raise InvalidInput(f"{what} must not be empty", "empty_text", **named)
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            f"{what} is longer than {MAX_TEXT} characters", "too_long", limit=MAX_TEXT
        )
    return text


def require_staff_of(rules: Rules, actor_id: int, *departments: str) -> None:
    member = rules.staff.get(actor_id)
    if member is None:
        raise NotAllowed(f"user {actor_id} is not staff", "not_staff")
    if member.department_key not in departments and not rules.staff.is_management(actor_id):
        raise NotAllowed(
            f"user {actor_id} is not staff of {', '.join(departments)}", "other_department"
        )


def require_assignable(rules: Rules, officer_id: int, department_key: str) -> None:
    """`officer_id` may be made the owner of a ticket of `department_key`: one of its staff.
    Refused naming them and the department (a fresh tester read "not your department's
    ticket" when the one named was of another department)."""
    member = rules.staff.get(officer_id)
    if member is None or member.department_key != department_key:
        raise NotAllowed(
            f"user {officer_id} is not staff of {department_key}",
            "not_department_staff",
            name=rules.staff.shown_as(officer_id) or str(officer_id),
            department=department_key,
        )


def require_owner_or_supervisor(rules: Rules, ticket: Ticket, actor_id: int) -> None:
    if actor_id == ticket.owner_id:
        return
    if rules.staff.is_supervisor(actor_id, ticket.department_key) or rules.staff.is_management(
        actor_id
    ):
        return
    raise NotAllowed(
        f"only the owner or a supervisor may do this on ticket {ticket.id}",
        "owner_only",
        ticket_id=ticket.id,
    )


def may_speak_for(rules: Rules, ticket: Ticket, officer_id: int) -> bool:
    """The owner, staff of the owning or handling department, and management may write."""
    if officer_id == ticket.owner_id or rules.staff.is_management(officer_id):
        return True
    member = rules.staff.get(officer_id)
    return member is not None and member.department_key in (
        ticket.department_key,
        ticket.handling_department_key,
    )


def handling_writes(rules: Rules, ticket: Ticket, officer_id: int) -> bool:
    """Whether `officer_id` is staff of another department that accepted a handoff of
    `ticket` (handling is not owning), whatever its status."""
    member = rules.staff.get(officer_id)
    handling = ticket.handling_department_key
    handed = handling != ticket.department_key
    return handed and member is not None and member.department_key == handling


def handoff_over(rules: Rules, ticket: Ticket, officer_id: int) -> bool:
    """Whether `officer_id` writes for the department that handled `ticket` by handoff, and
    the ticket is resolved or closed since: the handoff is over, their words no longer reach
    the requester (the owner's do). The owner and management are never barred so."""
    if officer_id == ticket.owner_id or rules.staff.is_management(officer_id):
        return False
    settled = ticket.status in (TicketStatus.RESOLVED, TicketStatus.CLOSED)
    return settled and handling_writes(rules, ticket, officer_id)
