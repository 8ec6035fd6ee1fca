"""The append-only accountability ledger: breaches recorded against the accountable person."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base, enum_column


class BreachKind(StrEnum):
    MISSED_FIRST_RESPONSE = "missed_first_response"
    OVERDUE = "overdue"
    MISSED_UPDATE = "missed_update"  # a progress notice went out with no new update from staff
    LATE_NOTICE = "late_notice"  # the notice itself went out later than its grace
    # A handoff form past its deadline, against the receiving department (or its officer
    # who accepted it): bot/ladder_handoffs.py.
    HANDOFF_OVERDUE = "handoff_overdue"


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
    kind: Mapped[BreachKind] = mapped_column(enum_column(BreachKind))
    detail: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"LedgerEntry({self.kind} ticket={self.ticket_id} officer={self.officer_id})"
