"""The outbox: a message the core decided on is stored in the transaction that decided it,
and marked sent only once Telegram accepted it.

A crash between deciding and sending loses nothing (the message waits here); a crash between
Telegram accepting and the mark repeats at most that one message. The front's dispatcher sends
what is due in order per chat, and reschedules what failed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import OutboxMessage
from bot.outgoing import Outgoing

_TABLE = cast(Table, OutboxMessage.__table__)
_WHEN = "__datetime__"


def _encode(value: Any) -> Any:
    """JSON for a template context: instants as tagged ISO strings, the rest as it is."""
    if isinstance(value, datetime):
        return {_WHEN: value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_WHEN}:
            return datetime.fromisoformat(value[_WHEN])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


async def enqueue(*, session: AsyncSession, messages: Iterable[Outgoing], now: datetime) -> None:
    """Store messages to send, in the caller's transaction."""
    rows = [
        {
            "chat_id": m.chat_id,
            "language": m.language,
            "template": m.template,
            "context": _encode(m.context),
            "ticket_id": m.ticket_id,
            "created_at": now,
            "next_attempt_at": now,
            "attempts": 0,
        }
        for m in messages
    ]
    if rows:
        connection = await session.connection()
        await connection.execute(insert(_TABLE), rows)


async def due(*, session: AsyncSession, now: datetime, limit: int = 200) -> list[OutboxMessage]:
    """Unsent messages whose time has come, oldest first (so each chat hears them in order)."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(await session.scalars(query))


def as_outgoing(row: OutboxMessage) -> Outgoing:
    return Outgoing(row.chat_id, row.language, row.template, _decode(row.context), row.ticket_id)


async def sent(*, session: AsyncSession, message_id: int, now: datetime) -> None:
    await session.execute(
        update(_TABLE).where(_TABLE.c.id == message_id).values(sent_at=now, last_error=None)
    )


async def retry(
    *, session: AsyncSession, message_id: int, attempts: int, at: datetime, error: str
) -> None:
    """Try again at `at` (the caller chose the backoff and its jitter)."""
    await session.execute(
        update(_TABLE)
        .where(_TABLE.c.id == message_id)
        .values(attempts=attempts, next_attempt_at=at, last_error=error[:500])
    )


async def failed(*, session: AsyncSession, message_id: int, now: datetime, error: str) -> None:
    """Given up on: Telegram refuses it for good (the chat blocked the bot, say)."""
    await session.execute(
        update(_TABLE)
        .where(_TABLE.c.id == message_id)
        .values(failed_at=now, last_error=error[:500])
    )
