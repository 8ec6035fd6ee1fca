"""The stored record: SQLAlchemy typed models for tickets and everything around them."""

from __future__ import annotations

from bot.models.base import NAMING, Base, UTCDateTime
from bot.models.casebook import StoredTemplate, TemplateStatus
from bot.models.delivery import ChatMove, InboundUpdate, OutboxMessage, PausedChat
from bot.models.ledger import BreachKind, LedgerEntry
from bot.models.people import (
    Department,
    DialogStep,
    InquiryOffer,
    Officer,
    Requester,
    StaffLink,
    StaffRole,
)
from bot.models.tickets import (
    ACTIVE_STATUSES,
    IN_HAND,
    CloseReason,
    DeadlineKind,
    Direction,
    Escalation,
    Handoff,
    HandoffStatus,
    Incident,
    ProgressNotice,
    Rating,
    Ticket,
    TicketEvent,
    TicketMessage,
    TicketStatus,
)

__all__ = [
    "ACTIVE_STATUSES",
    "IN_HAND",
    "NAMING",
    "Base",
    "BreachKind",
    "ChatMove",
    "CloseReason",
    "DeadlineKind",
    "Department",
    "DialogStep",
    "Direction",
    "Escalation",
    "Handoff",
    "HandoffStatus",
    "InboundUpdate",
    "Incident",
    "InquiryOffer",
    "LedgerEntry",
    "Officer",
    "OutboxMessage",
    "PausedChat",
    "ProgressNotice",
    "Rating",
    "Requester",
    "StaffLink",
    "StaffRole",
    "StoredTemplate",
    "TemplateStatus",
    "Ticket",
    "TicketEvent",
    "TicketMessage",
    "TicketStatus",
    "UTCDateTime",
]
