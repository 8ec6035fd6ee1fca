"""Tickets and what happens to them: events, messages, handoffs, notices, escalations,
ratings, incidents."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.models.base import Base, enum_column
from bot.models.people import Officer, Requester


class TicketStatus(StrEnum):
    OPEN = "open"  # waiting for an owner
    CLAIMED = "claimed"  # an owner is accountable
    TRANSFERRING = "transferring"  # a handoff waits for the receiving department
    RESOLVED = "resolved"  # waiting for the requester to confirm
    CLOSED = "closed"


ACTIVE_STATUSES = (TicketStatus.OPEN, TicketStatus.CLAIMED, TicketStatus.TRANSFERRING)
# A requester's tickets still in hand: being worked on, or resolved and awaiting their word.
IN_HAND = (*ACTIVE_STATUSES, TicketStatus.RESOLVED)


class CloseReason(StrEnum):
    CONFIRMED = "confirmed"
    TIMEOUT = "timeout"  # confirmed by the requester's silence
    WITHDRAWN = "withdrawn"


class Direction(StrEnum):
    IN = "in"  # from the requester
    OUT = "out"  # to the requester
    NOTE = "note"  # internal, never shown to the requester


class HandoffStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class DeadlineKind(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"
    HANDOFF = "handoff"  # a handoff form's deadline (bot/ladder_handoffs.py): its late steps


class Incident(Base):
    """Tickets linked as one mass incident (群体性投诉), so one update reaches them all."""

    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_latest_update_at", "latest_update_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[datetime]
    # The latest /incident update as posted (every language), when and by whom: told at once
    # to a requester whose ticket joins later.
    latest_update: Mapped[str | None] = mapped_column(Text)
    latest_update_at: Mapped[datetime | None]
    latest_update_by: Mapped[int | None] = mapped_column(BigInteger)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_next_check_at", "next_check_at"),
        Index("ix_tickets_requester_status", "requester_id", "status"),
        Index("ix_tickets_owner_status", "owner_id", "status"),
        Index("ix_tickets_handling_status", "handling_department_key", "status"),
        Index("ix_tickets_opened_at", "opened_at"),
        Index("ix_tickets_incident_status", "incident_id", "status"),
        Index("ix_tickets_staff_thread", "staff_chat_id", "staff_thread_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    event_seq: Mapped[int] = mapped_column(Integer, default=0)  # seq of the last event
    requester_id: Mapped[int] = mapped_column(ForeignKey("requesters.id"))
    language: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(64))
    priority: Mapped[str] = mapped_column(String(32))
    status: Mapped[TicketStatus] = mapped_column(enum_column(TicketStatus))
    department_key: Mapped[str] = mapped_column(ForeignKey("departments.key"))
    handling_department_key: Mapped[str] = mapped_column(ForeignKey("departments.key"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("officers.user_id"))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    question: Mapped[str] = mapped_column(Text)  # the requester's own words
    # The first inquiry that became this ticket, turn by turn (bot/intake/inquiry.py).
    inquiry: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))
    resolution_summary: Mapped[str | None] = mapped_column(Text)
    close_reason: Mapped[CloseReason | None] = mapped_column(enum_column(CloseReason))
    reopen_count: Mapped[int] = mapped_column(SmallInteger, default=0)
    transfer_count: Mapped[int] = mapped_column(SmallInteger, default=0)

    opened_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    # The last time the requester was asked again to confirm a resolution (words after it).
    confirmation_asked_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Service-level clock: resolution counts from opening, or from the last reopening.
    resolution_started_at: Mapped[datetime]
    first_response_due_at: Mapped[datetime]
    resolution_due_at: Mapped[datetime]
    first_response_steps: Mapped[int] = mapped_column(SmallInteger, default=0)
    resolution_steps: Mapped[int] = mapped_column(SmallInteger, default=0)
    # Progress notices: when the requester last heard from us, and when they must next.
    last_contact_at: Mapped[datetime]
    latest_update: Mapped[str | None] = mapped_column(Text)  # the last public word from staff
    latest_update_at: Mapped[datetime | None]
    # When the staff's questions before it last counted answered: the requester wrote to it
    # after one, or it was resolved since (bot/asking.py `question_waiting`).
    question_answered_at: Mapped[datetime | None]
    # Whether its staff ever wrote to the requester (a public message filed under it): kept
    # here so that a requester's message need not look for one (bot/relays.py `staff_asked`).
    staff_wrote: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A complaint about a member of staff, the one complained of (bot/supervised.py): kept
    # between its requester and the supervisor who has it; its staff group's card shows none
    # of its words, and nothing of it reaches a chat of the one complained of.
    complaint_about: Mapped[int | None] = mapped_column(BigInteger)
    next_notice_due_at: Mapped[datetime | None]
    reminded_for_notice_at: Mapped[datetime | None]
    # The sweep's index: the earliest instant at which something about this ticket is due.
    next_check_at: Mapped[datetime | None]
    # Where staff see it: the card in the department's group and the ticket's forum topic.
    staff_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_thread_id: Mapped[int | None] = mapped_column(BigInteger)

    @property
    def confidential(self) -> bool:
        """A complaint about a member of staff (`complaint_about`): kept confidential."""
        return self.complaint_about is not None

    requester: Mapped[Requester] = relationship(lazy="raise")
    owner: Mapped[Officer | None] = relationship(lazy="raise")
    events: Mapped[list[TicketEvent]] = relationship(
        back_populates="ticket", lazy="raise", order_by="TicketEvent.seq"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def __repr__(self) -> str:
        return f"Ticket({self.id}, {self.status}, owner={self.owner_id})"


class TicketEvent(Base):
    """The append-only event log; replaying it gives the ticket's state."""

    __tablename__ = "ticket_events"
    __table_args__ = (UniqueConstraint("ticket_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(BigInteger)  # a Telegram user id; None: system
    data: Mapped[dict[str, Any]]

    ticket: Mapped[Ticket] = relationship(back_populates="events", lazy="raise")

    def __repr__(self) -> str:
        return f"TicketEvent({self.ticket_id}#{self.seq} {self.kind})"


class TicketMessage(Base):
    """Every message of a ticket, both directions and internal notes, with Telegram ids."""

    __tablename__ = "ticket_messages"
    __table_args__ = (
        Index("ix_ticket_messages_ticket", "ticket_id", "id"),
        # A ticket's latest message each way (bot/hand_rows.py), migration 0032.
        Index("ix_ticket_messages_latest", "ticket_id", "direction", "created_at", "id"),
        Index("ix_ticket_messages_telegram", "telegram_chat_id", "telegram_message_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    direction: Mapped[Direction] = mapped_column(enum_column(Direction))
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    content_type: Mapped[str] = mapped_column(String(24), default="text")
    text: Mapped[str] = mapped_column(Text, default="")
    file_id: Mapped[str | None] = mapped_column(String(256))
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    media_group_id: Mapped[str | None] = mapped_column(String(64))  # its album, if in one
    created_at: Mapped[datetime]

    def __repr__(self) -> str:
        return f"TicketMessage({self.ticket_id}, {self.direction}, {self.content_type})"


class Handoff(Base):
    """The standard handoff form between departments (跨部门交接单)."""

    __tablename__ = "handoffs"
    __table_args__ = (Index("ix_handoffs_ticket", "ticket_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    from_department_key: Mapped[str] = mapped_column(ForeignKey("departments.key"))
    to_department_key: Mapped[str] = mapped_column(ForeignKey("departments.key"))
    sender_id: Mapped[int] = mapped_column(BigInteger)
    summary: Mapped[str] = mapped_column(Text)
    suggested_handling: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime]
    status: Mapped[HandoffStatus] = mapped_column(enum_column(HandoffStatus))
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    return_reason: Mapped[str | None] = mapped_column(Text)
    # When the sweep found it still waiting for the receiving department past its deadline.
    overdue_at: Mapped[datetime | None]
    # The steps of the escalation ladder told of it running late (bot/ladder_handoffs.py),
    # and when the next comes due (None: at its deadline).
    step: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    next_step_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"Handoff({self.ticket_id}: {self.from_department_key}->{self.to_department_key})"


class ProgressNotice(Base):
    __tablename__ = "progress_notices"
    __table_args__ = (UniqueConstraint("ticket_id", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    due_at: Mapped[datetime]
    sent_at: Mapped[datetime]
    on_time: Mapped[bool] = mapped_column(Boolean)
    accountable_id: Mapped[int | None] = mapped_column(BigInteger)
    update_text: Mapped[str | None] = mapped_column(Text)


class Escalation(Base):
    __tablename__ = "escalations"
    __table_args__ = (UniqueConstraint("ticket_id", "deadline", "cycle", "step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    deadline: Mapped[DeadlineKind] = mapped_column(enum_column(DeadlineKind))
    cycle: Mapped[int] = mapped_column(SmallInteger)  # the ticket's reopen count
    step: Mapped[int] = mapped_column(SmallInteger)
    fraction: Mapped[float]
    due_at: Mapped[datetime]
    fired_at: Mapped[datetime]
    accountable_id: Mapped[int | None] = mapped_column(BigInteger)
    department_key: Mapped[str] = mapped_column(String(64))
    notified: Mapped[dict[str, Any]]


class Rating(Base):
    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_ticket", "ticket_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    owner_id: Mapped[int | None] = mapped_column(BigInteger)
    score: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]
