"""The stored record: SQLAlchemy typed models for tickets and everything around them."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC without a zone (SQLite has none) and always hands back aware UTC."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass timezone-aware instants")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def _enum(enum: type[StrEnum]) -> Enum:
    return Enum(
        enum,
        native_enum=False,
        length=24,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class TicketStatus(StrEnum):
    OPEN = "open"  # waiting for an owner
    CLAIMED = "claimed"  # an owner is accountable
    TRANSFERRING = "transferring"  # a handoff waits for the receiving department
    RESOLVED = "resolved"  # waiting for the requester to confirm
    CLOSED = "closed"


ACTIVE_STATUSES = (TicketStatus.OPEN, TicketStatus.CLAIMED, TicketStatus.TRANSFERRING)


class CloseReason(StrEnum):
    CONFIRMED = "confirmed"
    TIMEOUT = "timeout"  # confirmed by the requester's silence
    WITHDRAWN = "withdrawn"


class StaffRole(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"


class Direction(StrEnum):
    IN = "in"  # from the requester
    OUT = "out"  # to the requester
    NOTE = "note"  # internal, never shown to the requester


class DialogStep(StrEnum):
    """What the bot is waiting for from a requester, between two of their messages."""

    NEW_QUESTION = "new_question"  # /new: the next text is a new question, not for the ticket
    CLARIFY = "clarify"  # a vague first message: the next text says more about it
    CATEGORY = "category"  # a ticket waits for the requester to pick its category


class HandoffStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class DeadlineKind(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"


class BreachKind(StrEnum):
    MISSED_FIRST_RESPONSE = "missed_first_response"
    OVERDUE = "overdue"
    MISSED_UPDATE = "missed_update"  # a progress notice went out with no new update from staff
    LATE_NOTICE = "late_notice"  # the notice itself went out later than its grace


class Department(Base):
    __tablename__ = "departments"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_group_chat_id: Mapped[int] = mapped_column(BigInteger)

    def __repr__(self) -> str:
        return f"Department({self.key!r})"


class Officer(Base):
    """A staff member known from config; officers and supervisors alike."""

    __tablename__ = "officers"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    department_key: Mapped[str] = mapped_column(ForeignKey("departments.key"))
    role: Mapped[StaffRole] = mapped_column(_enum(StaffRole))
    name: Mapped[str] = mapped_column(String(128))
    staff_number: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"Officer({self.user_id}, {self.staff_number!r}, {self.role})"


class Requester(Base):
    __tablename__ = "requesters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8))
    display_name: Mapped[str] = mapped_column(String(256), default="")
    blocked_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    # Their latest question to the bot, so "talk to a person" opens a ticket with their own
    # words even after a restart.
    last_question: Mapped[str | None] = mapped_column(Text)
    # Where a dialog with them stands (DialogStep), and the template ids the bot last offered
    # (comma-separated) so a ticket opened from there records what was already tried.
    dialog_step: Mapped[str | None] = mapped_column(String(16))
    last_offered: Mapped[str | None] = mapped_column(Text)
    # Barred by a supervisor (/block): their messages are not handled until /unblock.
    banned_at: Mapped[datetime | None]
    banned_by: Mapped[int | None] = mapped_column(BigInteger)
    ban_reason: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"Requester({self.id}, tg={self.telegram_user_id})"


class Incident(Base):
    """Tickets linked as one mass incident (群体性投诉), so one update reaches them all."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[datetime]


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_next_check_at", "next_check_at"),
        Index("ix_tickets_requester_status", "requester_id", "status"),
        Index("ix_tickets_owner_status", "owner_id", "status"),
        Index("ix_tickets_handling_status", "handling_department_key", "status"),
        Index("ix_tickets_opened_at", "opened_at"),
        Index("ix_tickets_staff_thread", "staff_chat_id", "staff_thread_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    event_seq: Mapped[int] = mapped_column(Integer, default=0)  # seq of the last event
    requester_id: Mapped[int] = mapped_column(ForeignKey("requesters.id"))
    language: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(64))
    priority: Mapped[str] = mapped_column(String(32))
    status: Mapped[TicketStatus] = mapped_column(_enum(TicketStatus))
    department_key: Mapped[str] = mapped_column(ForeignKey("departments.key"))
    handling_department_key: Mapped[str] = mapped_column(ForeignKey("departments.key"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("officers.user_id"))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    question: Mapped[str] = mapped_column(Text)  # the requester's own words
    resolution_summary: Mapped[str | None] = mapped_column(Text)
    close_reason: Mapped[CloseReason | None] = mapped_column(_enum(CloseReason))
    reopen_count: Mapped[int] = mapped_column(SmallInteger, default=0)
    transfer_count: Mapped[int] = mapped_column(SmallInteger, default=0)

    opened_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
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
    next_notice_due_at: Mapped[datetime | None]
    reminded_for_notice_at: Mapped[datetime | None]
    # The sweep's index: the earliest instant at which something about this ticket is due.
    next_check_at: Mapped[datetime | None]
    # Where staff see it: the card in the department's group and the ticket's forum topic.
    staff_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_thread_id: Mapped[int | None] = mapped_column(BigInteger)

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
        Index("ix_ticket_messages_telegram", "telegram_chat_id", "telegram_message_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    direction: Mapped[Direction] = mapped_column(_enum(Direction))
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    content_type: Mapped[str] = mapped_column(String(24), default="text")
    text: Mapped[str] = mapped_column(Text, default="")
    file_id: Mapped[str | None] = mapped_column(String(256))
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
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
    status: Mapped[HandoffStatus] = mapped_column(_enum(HandoffStatus))
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    return_reason: Mapped[str | None] = mapped_column(Text)
    # When the sweep found it still waiting for the receiving department past its deadline.
    overdue_at: Mapped[datetime | None]

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
    deadline: Mapped[DeadlineKind] = mapped_column(_enum(DeadlineKind))
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


class LedgerEntry(Base):
    """The append-only accountability ledger (责任追究台账); the database refuses edits."""

    __tablename__ = "ledger"
    __table_args__ = (
        Index("ix_ledger_at", "at"),
        Index("ix_ledger_officer", "officer_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    officer_id: Mapped[int | None] = mapped_column(BigInteger)  # None: the department as a whole
    department_key: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    kind: Mapped[BreachKind] = mapped_column(_enum(BreachKind))
    detail: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"LedgerEntry({self.kind} ticket={self.ticket_id} officer={self.officer_id})"


class TemplateStatus(StrEnum):
    PENDING = "pending"  # proposed by staff, waiting for a supervisor
    ACTIVE = "active"
    RETIRED = "retired"
    REJECTED = "rejected"  # a proposal a supervisor turned down


class OutboxMessage(Base):
    """A message decided on and stored with the change that caused it, until Telegram has it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_unsent", "sent_at", "failed_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8))
    template: Mapped[str] = mapped_column(String(64))
    context: Mapped[dict[str, Any]] = mapped_column(JSON)
    # A front's message, ready as a Bot API call (method, parameters, what to record once
    # sent); None for the core's messages, rendered from template and context when sent.
    call: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class InboundUpdate(Base):
    """Every update from Telegram, recorded before Telegram is told it arrived (the inbox):
    one not yet processed when the bot stopped is processed when it starts again."""

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None]


class StaffLink(Base):
    """A message in a staff group that stands for a ticket (a requester's message copied
    there): replying to it, in a group without topics, is replying to the ticket."""

    __tablename__ = "staff_links"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))


class StoredTemplate(Base):
    """A case template proposed from a resolved ticket (案例归档), used once approved."""

    __tablename__ = "knowledge_templates"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(64))
    department_key: Mapped[str] = mapped_column(String(64))
    questions: Mapped[dict[str, Any]]  # language -> [phrasing, ...]
    answer: Mapped[dict[str, Any]]  # language -> text
    keywords: Mapped[dict[str, Any]]  # {"words": [...]}
    status: Mapped[TemplateStatus] = mapped_column(_enum(TemplateStatus))
    origin_ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    proposed_by: Mapped[int] = mapped_column(BigInteger)
    proposed_at: Mapped[datetime]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"StoredTemplate({self.id!r}, {self.status})"
