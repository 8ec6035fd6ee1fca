"""Domain errors: what a caller did that the rules of the desk do not allow."""

from __future__ import annotations

from typing import Any


class DeskError(Exception):
    """Base of every refusal the core raises. Its message (English) is for the log and is safe
    to log; `reason` and `values` are what the front words for people, in their language
    (templates/<language>/refused.j2)."""

    reason = "refused"

    def __init__(self, message: str, reason: str | None = None, **values: Any) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason
        self.values = values


class NotFound(DeskError):
    reason = "not_found"


class IllegalMove(DeskError):
    """A lifecycle move the transition table does not allow from the ticket's status."""

    def __init__(self, ticket_id: int, status: str, action: str) -> None:
        super().__init__(
            f"ticket {ticket_id}: cannot {action} while {status}",
            "illegal_move",
            ticket_id=ticket_id,
            status=str(status),
            action=str(action),
        )
        self.ticket_id = ticket_id
        self.status = status
        self.action = action


class AlreadyClaimed(IllegalMove):
    def __init__(self, ticket_id: int, status: str, owner_id: int | None) -> None:
        super().__init__(ticket_id, status, "claim")
        self.owner_id = owner_id


class NotAllowed(DeskError):
    """The actor has no right to do this (not staff, not the owner, wrong department)."""

    reason = "not_allowed"


class InvalidInput(DeskError):
    """A value the rules refuse: an empty summary, a rating outside 1-5, an unknown category."""

    reason = "invalid"


class ConcurrentChange(DeskError):
    """Someone else changed the ticket at the same moment; reload and try again."""

    reason = "concurrent"


class PickerUsed(DeskError):
    """A choice on a picker (an owner, a priority) made once the ticket moved on from what the
    picker showed: chosen already, by it or elsewhere. Values: `ticket_id` and what the ticket
    has now, its `owner` (shown as; None: nobody) or its `priority` (key)."""

    reason = "picker_used"
