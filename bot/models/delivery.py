"""The durable inbox and outbox: updates recorded before they are confirmed, messages stored
with the change that decided them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base


class OutboxMessage(Base):
    """A message decided on and stored with the change that caused it, until Telegram has it."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_unsent", "sent_at", "failed_at", "next_attempt_at"),
        # A chat's messages still to be sent, oldest first: what a sender waits for before
        # sending a later one (handlers/runtime/ordering.py).
        Index(
            "ix_outbox_chat_unsent",
            "chat_id",
            "id",
            postgresql_where=text("sent_at IS NULL AND failed_at IS NULL"),
            sqlite_where=text("sent_at IS NULL AND failed_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8))
    template: Mapped[str] = mapped_column(String(64))
    context: Mapped[dict[str, Any]] = mapped_column(JSON)
    # A front's message, ready as a Bot API call (method, parameters, what to record once
    # sent); None for the core's messages, rendered from template and context when sent.
    call: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    # Whom a core message was addressed to (a bot.notices.Audience value): the front presents
    # it accordingly (a ticket's topic, supervisors' buttons). None for a front's call and for
    # messages stored before audiences were recorded.
    audience: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    # The sender (`Transactions.holder`, one per process) whose lease `next_attempt_at` is,
    # while it is one; None once given back.
    leased_by: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class InboundUpdate(Base):
    """Every update from Telegram, recorded before Telegram is told it arrived (the inbox):
    one not yet processed when the bot stopped is processed when it starts again."""

    __tablename__ = "inbox"
    __table_args__ = (
        # A chat's updates not yet processed, in Telegram's order: what the process holding
        # the chat handles (handlers/runtime/processing.py).
        Index(
            "ix_inbox_chat_unprocessed",
            "chat_id",
            "update_id",
            postgresql_where=text("processed_at IS NULL"),
            sqlite_where=text("processed_at IS NULL"),
        ),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None]
    # The update's chat (python-telegram-bot's `effective_chat`), None for an update without
    # one (an inline query) and for those recorded before it was kept.
    chat_id: Mapped[int | None] = mapped_column(BigInteger)


class ChatMove(Base):
    """A staff group (or the management chat) Telegram upgraded from a group to a supergroup:
    its new id, followed at once by the desk in place of the configured one until config.yaml
    says the new id (`python -m bot check-config` tells which)."""

    __tablename__ = "chat_moves"

    old_chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    new_chat_id: Mapped[int] = mapped_column(BigInteger)
    moved_at: Mapped[datetime]


class PausedChat(Base):
    """A staff chat the bot cannot send to now (removed from it, or without the right to
    manage topics): what is to be sent there waits in the outbox, parked, until it is back."""

    __tablename__ = "paused_chats"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    reason: Mapped[str] = mapped_column(String(200))
    since: Mapped[datetime]
