"""Departments, officers and requesters, and the links between staff and their chats."""

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
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base, enum_column


class StaffRole(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"


class DialogStep(StrEnum):
    """What the bot is waiting for from a requester, between two of their messages."""

    NEW_QUESTION = "new_question"  # /new: the next text is a new question, not for the ticket
    CLARIFY = "clarify"  # a vague first message: the next text says more about it
    CATEGORY = "category"  # a ticket waits for the requester to pick its category
    # They asked for a person or a service ("人工", "我要报修") without saying the matter:
    # the next text says it, and a person takes it.
    MATTER = "matter"
    # A forwarded message came alone: the next text says what they want done about it.
    ABOUT = "about"


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
    role: Mapped[StaffRole] = mapped_column(enum_column(StaffRole))
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
    # They chose `language` themselves (/lang): it stands; else it follows the language of
    # their words, their client's setting until they write some (bot/intake/language.py).
    language_chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    # Their latest question to the bot, so "talk to a person" opens a ticket with their own
    # words even after a restart.
    last_question: Mapped[str | None] = mapped_column(Text)
    # Where a dialog with them stands (DialogStep), and the template ids the bot last offered
    # (comma-separated) so a ticket opened from there records what was already tried.
    dialog_step: Mapped[str | None] = mapped_column(String(16))
    last_offered: Mapped[str | None] = mapped_column(Text)
    # The first inquiry in progress, turn by turn (bot/intake/inquiry.py): what they said and
    # what the bot answered, offered or asked, until a ticket takes it or it is settled.
    inquiry: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))
    # What they sent before a ticket (photos, files: `bot.intake.media.Attachment` as JSON),
    # kept for the ticket their question opens; and the album (media_group_id) the bot last
    # acknowledged, so that the other items of an album get no reply of their own.
    held_media: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))
    media_group: Mapped[str | None] = mapped_column(String(64))
    # Barred by a supervisor (/block): their messages are not handled until /unblock.
    banned_at: Mapped[datetime | None]
    banned_by: Mapped[int | None] = mapped_column(BigInteger)
    ban_reason: Mapped[str | None] = mapped_column(Text)

    # The requesters a step waits on, in the order of their ids: the sweep's look at the
    # questions whose kind of matter waits (bot/intake/unchosen.py), a batch at a time.
    __table_args__ = (Index("ix_requesters_dialog_step", "dialog_step", "id"),)

    def __repr__(self) -> str:
        return f"Requester({self.id}, tg={self.telegram_user_id})"


class StaffLink(Base):
    """A message that stands for a ticket: in a staff group, a requester's message copied
    there (replying to it, in a group without topics, is replying to the ticket); in a
    requester's chat, what reached them about the ticket (their reply to it is for that
    ticket, bot/replies.py)."""

    __tablename__ = "staff_links"
    __table_args__ = (
        # A message's copies: where an officer's reply reached its requester, so that their
        # edit of it is sent as a reply to that copy (bot/corrections.py).
        Index("ix_staff_links_from", "from_chat_id", "from_message_id"),
    )

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    # The kind of notice it was (its template, e.g. "resolution", whose buttons go once the
    # requester has answered it in words); None for a copy, or a link older than the column.
    kind: Mapped[str | None] = mapped_column(String(64))
    # The message it carries, when it is one copied or written out (a staff reply reaching
    # the requester, a requester's message relayed to the staff: the notice's `from_chat_id`
    # and `message_id`); None for the others, and for links older than the columns.
    from_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    from_message_id: Mapped[int | None] = mapped_column(BigInteger)


class InquiryOffer(Base):
    """A message in a requester's chat whose buttons belong to their first inquiry (an
    answer's *Solved* / *Not solved*, suggestions, the category choice), recorded once
    Telegram has it (bot/intake/offers.py). When the inquiry ends its buttons go and
    `ended_at` says when, with the ticket that took the inquiry if one did: a later press
    on it is told why nothing happens. An inquiry a new matter took the place of (`inquiry`:
    its turns, kept) keeps its buttons: *Not solved* under its answer hands it to a person."""

    __tablename__ = "inquiry_offers"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    ended_at: Mapped[datetime | None]
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    inquiry: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))
