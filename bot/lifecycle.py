"""The ticket lifecycle: one transition table, one function that moves, and the replay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import AlreadyClaimed, IllegalMove
from bot.models import CloseReason, Ticket, TicketEvent
from bot.models import TicketStatus as S


class Action(StrEnum):
    CLAIM = "claim"
    ASSIGN = "assign"  # a supervisor names or changes the owner
    TRANSFER = "transfer"  # a handoff form goes to another department
    ACCEPT = "accept"  # the receiving department takes the handling
    RETURN = "return"  # the receiving department sends it back with a reason
    RESOLVE = "resolve"
    REOPEN = "reopen"  # the requester says it is not solved: back to the same owner
    CONFIRM = "confirm"
    AUTO_CLOSE = "auto_close"  # no answer from the requester in time
    WITHDRAW = "withdraw"
    RESTORE = "restore"  # the requester takes a withdrawal back: in hand again, same owner


# The only legal moves. Anything not listed raises IllegalMove.
TRANSITIONS: dict[tuple[S, Action], S] = {
    (S.OPEN, Action.CLAIM): S.CLAIMED,
    (S.OPEN, Action.ASSIGN): S.CLAIMED,
    (S.CLAIMED, Action.ASSIGN): S.CLAIMED,
    (S.TRANSFERRING, Action.ASSIGN): S.TRANSFERRING,
    (S.CLAIMED, Action.TRANSFER): S.TRANSFERRING,
    (S.TRANSFERRING, Action.ACCEPT): S.CLAIMED,
    (S.TRANSFERRING, Action.RETURN): S.CLAIMED,
    (S.CLAIMED, Action.RESOLVE): S.RESOLVED,
    (S.RESOLVED, Action.REOPEN): S.CLAIMED,
    (S.RESOLVED, Action.CONFIRM): S.CLOSED,
    (S.RESOLVED, Action.AUTO_CLOSE): S.CLOSED,
    (S.OPEN, Action.WITHDRAW): S.CLOSED,
    (S.CLAIMED, Action.WITHDRAW): S.CLOSED,
    (S.TRANSFERRING, Action.WITHDRAW): S.CLOSED,
}


def target(status: S, action: Action, *, owned: bool, reason: CloseReason | None) -> S | None:
    """The status `action` moves a ticket to from `status`, None when it may not: the table,
    and RESTORE, which takes only a withdrawn ticket back, to its owner (CLAIMED) or, nobody
    having claimed it, to OPEN."""
    if action is Action.RESTORE:
        if status is not S.CLOSED or reason is not CloseReason.WITHDRAWN:
            return None
        return S.CLAIMED if owned else S.OPEN
    return TRANSITIONS.get((status, action))


CLOSE_REASONS = {
    Action.CONFIRM: CloseReason.CONFIRMED,
    Action.AUTO_CLOSE: CloseReason.TIMEOUT,
    Action.WITHDRAW: CloseReason.WITHDRAWN,
}

# Events that change no status but do change what the replay must reproduce.
OPENED = "opened"
PRIORITY_CHANGED = "priority_changed"
LINKED = "linked_to_incident"
# A running handoff's deadline moved by its owner (bot/handoff_deadlines.py): no change of state.
HANDOFF_DUE_MOVED = "handoff_due_moved"
DANGER_TOLD = "danger_told"  # a danger to people heard in the requester's words (bot/dangers.py)
# A complaint about how the ticket is handled, taken to the supervisors (bot/complaints.py).
COMPLAINT_RAISED = "complaint_raised"
# A complaint said alone beside it ("我要投诉"): asked what happened, whose it is, before
# anything is recorded as a complaint (bot/complaints.py `asked_before`).
COMPLAINT_ASKED = "complaint_asked"
# The requester pressed for progress past the promised time ("到底什么时候来修?"): their
# supervisors were told (bot/pressed.py).
PROGRESS_PRESSED = "progress_pressed"


def record(
    session: AsyncSession,
    ticket: Ticket,
    kind: str,
    *,
    now: datetime,
    actor_id: int | None,
    data: dict[str, Any] | None = None,
    numbered: bool = False,
) -> TicketEvent:
    """Append one event to the ticket's log, in the caller's transaction. `numbered`: the
    ticket's `event_seq` counts it already (a new ticket's first event, counted before its
    row's INSERT, so that the row is not written and then changed)."""
    if not numbered:
        ticket.event_seq += 1
    event = TicketEvent(
        ticket_id=ticket.id,
        seq=ticket.event_seq,
        kind=kind,
        at=now,
        actor_id=actor_id,
        data=data or {},
    )
    session.add(event)
    return event


def require(ticket: Ticket, action: Action) -> None:
    """IllegalMove unless `action` is a legal move from the ticket's status now (a button that
    offers it is stale otherwise)."""
    owned = ticket.owner_id is not None
    if target(ticket.status, action, owned=owned, reason=ticket.close_reason) is None:
        raise IllegalMove(ticket.id, ticket.status, action)


def move(
    session: AsyncSession,
    ticket: Ticket,
    action: Action,
    *,
    now: datetime,
    actor_id: int | None,
    data: dict[str, Any] | None = None,
) -> TicketEvent:
    """Change the ticket's status by `action`, or raise IllegalMove; the event goes with it."""
    to = target(
        ticket.status, action, owned=ticket.owner_id is not None, reason=ticket.close_reason
    )
    if to is None:
        if action is Action.CLAIM:
            raise AlreadyClaimed(ticket.id, ticket.status, ticket.owner_id)
        raise IllegalMove(ticket.id, ticket.status, action)
    data = dict(data or {})
    _apply(ticket, action, data, now)
    ticket.status = to
    return record(session, ticket, action, now=now, actor_id=actor_id, data=data)


def _apply(ticket: Ticket, action: Action, data: dict[str, Any], now: datetime) -> None:
    """Field changes that belong to a move; `data` carries what the replay needs."""
    match action:
        case Action.CLAIM | Action.ASSIGN:
            ticket.owner_id = data["owner_id"]
            if ticket.claimed_at is None:
                ticket.claimed_at = now
        case Action.TRANSFER:
            ticket.transfer_count += 1
        case Action.ACCEPT:
            ticket.handling_department_key = data["department"]
        case Action.RESOLVE:
            ticket.resolved_at = now
            ticket.resolution_summary = data["summary"]
            ticket.question_answered_at = now  # a question asked before it waits no more
        case Action.REOPEN:
            ticket.reopen_count += 1
            ticket.resolved_at = None
        case Action.CONFIRM | Action.AUTO_CLOSE | Action.WITHDRAW:
            ticket.closed_at = now
            ticket.close_reason = CLOSE_REASONS[action]
        case Action.RESTORE:
            ticket.closed_at = None
            ticket.close_reason = None
        case Action.RETURN:
            pass


@dataclass
class ReplayedState:
    """What the event log says a ticket is; equal to the stored row when all is well."""

    status: S
    owner_id: int | None
    handling_department_key: str
    priority: str
    reopen_count: int
    transfer_count: int
    close_reason: CloseReason | None
    incident_id: int | None

    @classmethod
    def of(cls, ticket: Ticket) -> ReplayedState:
        return cls(
            status=ticket.status,
            owner_id=ticket.owner_id,
            handling_department_key=ticket.handling_department_key,
            priority=ticket.priority,
            reopen_count=ticket.reopen_count,
            transfer_count=ticket.transfer_count,
            close_reason=ticket.close_reason,
            incident_id=ticket.incident_id,
        )


_NO_CHANGE = (HANDOFF_DUE_MOVED, DANGER_TOLD, COMPLAINT_RAISED, COMPLAINT_ASKED, PROGRESS_PRESSED)


def replay(events: list[TicketEvent]) -> ReplayedState:
    """Fold a ticket's events, in order, into its state."""
    if not events or events[0].kind != OPENED:
        raise ValueError("an event log starts with 'opened'")
    first = events[0].data
    state = ReplayedState(
        status=S.OPEN,
        owner_id=None,
        handling_department_key=first["department"],
        priority=first["priority"],
        reopen_count=0,
        transfer_count=0,
        close_reason=None,
        incident_id=None,
    )
    for event in events[1:]:
        if event.kind == PRIORITY_CHANGED:
            state.priority = event.data["priority"]
            continue
        if event.kind == LINKED:
            state.incident_id = event.data["incident_id"]
            continue
        if event.kind in _NO_CHANGE:
            continue
        action = Action(event.kind)
        to = target(
            state.status, action, owned=state.owner_id is not None, reason=state.close_reason
        )
        assert to is not None, f"{action} from {state.status} in the log"
        state.status = to
        match action:
            case Action.CLAIM | Action.ASSIGN:
                state.owner_id = event.data["owner_id"]
            case Action.TRANSFER:
                state.transfer_count += 1
            case Action.ACCEPT:
                state.handling_department_key = event.data["department"]
            case Action.REOPEN:
                state.reopen_count += 1
            case Action.CONFIRM | Action.AUTO_CLOSE | Action.WITHDRAW:
                state.close_reason = CLOSE_REASONS[action]
            case Action.RESTORE:
                state.close_reason = None
            case _:
                pass
    return state
