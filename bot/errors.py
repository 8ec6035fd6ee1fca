"""Domain errors: what a caller did that the rules of the desk do not allow."""

from __future__ import annotations


class DeskError(Exception):
    """Base of every refusal the core raises; its message is safe to log."""


class NotFound(DeskError):
    pass


class IllegalMove(DeskError):
    """A lifecycle move the transition table does not allow from the ticket's status."""

    def __init__(self, ticket_id: int, status: str, action: str) -> None:
        super().__init__(f"ticket {ticket_id}: cannot {action} while {status}")
        self.ticket_id = ticket_id
        self.status = status
        self.action = action


class AlreadyClaimed(IllegalMove):
    def __init__(self, ticket_id: int, status: str, owner_id: int | None) -> None:
        super().__init__(ticket_id, status, "claim")
        self.owner_id = owner_id


class NotAllowed(DeskError):
    """The actor has no right to do this (not staff, not the owner, wrong department)."""


class InvalidInput(DeskError):
    """A value the rules refuse: an empty summary, a rating outside 1-5, an unknown category."""


class ConcurrentChange(DeskError):
    """Someone else changed the ticket at the same moment; reload and try again."""
