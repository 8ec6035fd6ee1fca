"""Case templates proposed from closed tickets, approved or retired at run time."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base, enum_column


class TemplateStatus(StrEnum):
    PENDING = "pending"  # proposed by staff, waiting for a supervisor
    ACTIVE = "active"
    RETIRED = "retired"
    REJECTED = "rejected"  # a proposal a supervisor turned down


class StoredTemplate(Base):
    """A case template proposed from a resolved ticket (案例归档), used once approved."""

    __tablename__ = "knowledge_templates"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(64))
    department_key: Mapped[str] = mapped_column(String(64))
    questions: Mapped[dict[str, Any]]  # language -> [phrasing, ...]
    answer: Mapped[dict[str, Any]]  # language -> text
    keywords: Mapped[dict[str, Any]]  # {"words": [...]}
    # The template's `handling` (knowledge/templates.py): its matter needs a person, answering
    # it opens a ticket; None when an answer settles it.
    handling: Mapped[dict[str, Any] | None]
    status: Mapped[TemplateStatus] = mapped_column(enum_column(TemplateStatus))
    origin_ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    proposed_by: Mapped[int] = mapped_column(BigInteger)
    proposed_at: Mapped[datetime]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"StoredTemplate({self.id!r}, {self.status})"
