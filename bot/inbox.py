"""The inbox: nothing a requester sends is lost to a crash, nothing is done twice.

An update is recorded (keyed by update_id) before Telegram is told it arrived, so a crash after
that point finds it here on restart, unprocessed. It is marked processed in the same
transaction as its first effect, so either both are committed or neither; an update handled
without writing anything is marked on its own afterwards (both in bot/transaction.py). A
single process polling Telegram may also hand an update on before recording it, and hold back
telling Telegram until it is recorded: then its row is written, processed, with its first
effect (`record_processed_on`), and recorded on its own only if its handling takes longer
(handlers/runtime/receiving.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Select, Table, Update, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot import metrics
from bot.db import DIALECTS, in_one_call, insert_for, statements_alone
from bot.models import InboundUpdate, StaffLink, Ticket, TicketMessage

_TABLE = cast(Table, InboundUpdate.__table__)
REPEAT_WINDOW = timedelta(days=2)


def _record_statement(insert: Any) -> Any:
    """Record a batch of updates, at Core level and built once: this runs for every batch.

    Telegram sends an update again only within a day; after a week without updates it may
    start its ids anywhere, so a row older than REPEAT_WINDOW with the same id is a new update.
    """
    fresh = insert(_TABLE)
    return fresh.on_conflict_do_update(
        index_elements=[_TABLE.c.update_id],
        set_={
            "payload": fresh.excluded.payload,
            "received_at": fresh.excluded.received_at,
            "processed_at": None,
            "chat_id": fresh.excluded.chat_id,
        },
        where=_TABLE.c.received_at < bindparam("repeat_before"),
    ).returning(_TABLE.c.update_id)


_RECORD = {dialect: _record_statement(insert_for(dialect)) for dialect in DIALECTS}


def _record_processed_statement(insert: Any) -> Any:
    """Record an update and mark it processed at once (`record_processed_on`), at Core level
    and built once. A row already there (recorded meanwhile, unprocessed) is marked; one of an
    earlier update with the same id, older than REPEAT_WINDOW, is replaced as `record` does."""
    fresh = insert(_TABLE)
    return fresh.on_conflict_do_update(
        index_elements=[_TABLE.c.update_id],
        set_={
            "payload": fresh.excluded.payload,
            "received_at": fresh.excluded.received_at,
            "processed_at": fresh.excluded.processed_at,
            "chat_id": fresh.excluded.chat_id,
        },
        where=_TABLE.c.processed_at.is_(None)
        | (_TABLE.c.received_at < bindparam("repeat_before")),
    )


_RECORD_PROCESSED = {
    dialect: _record_processed_statement(insert_for(dialect)) for dialect in DIALECTS
}


def rows_of(
    updates: Sequence[dict[str, Any]], now: datetime, chats: Mapping[int, int | None] | None
) -> list[dict[str, Any]]:
    """The inbox rows of `updates` received at `now`, each with its chat (`chats`, by update
    id): what `record` writes, or `record_processed_on` with an update's first effect."""
    cutoff = now - REPEAT_WINDOW
    return [
        {
            "update_id": int(u["update_id"]),
            "payload": u,
            "received_at": now,
            "repeat_before": cutoff,
            "chat_id": chats.get(int(u["update_id"])) if chats else None,
        }
        for u in updates
    ]


async def record(
    *,
    session: AsyncSession,
    updates: Sequence[dict[str, Any]],
    now: datetime,
    chats: Mapping[int, int | None] | None = None,
) -> set[int]:
    """Record updates not seen before, each with its chat (`chats`: by update id, None or
    missing for an update without one), in the caller's transaction; their ids (the others
    are repeats)."""
    if not updates:
        return set()
    statement = _RECORD[session.get_bind().dialect.name]
    connection = await session.connection()
    rows = rows_of(updates, now, chats)
    new = {row[0] for row in (await connection.execute(statement, rows)).all()}
    metrics.UPDATES_RECEIVED.inc(len(new))
    return new


async def record_committed(
    *,
    engine: AsyncEngine,
    updates: Sequence[dict[str, Any]],
    now: datetime,
    chats: Mapping[int, int | None] | None = None,
    unprocessed_repeats: bool = False,
) -> set[int]:
    """`record`, in a transaction of its own, committed when this returns: the ids of the
    updates not seen before, and with `unprocessed_repeats` those of the repeats not yet
    processed. For every batch Telegram sends: all of it in one call into the database layer
    (`bot.db.in_one_call`), one statement (and the repeats' read), each committed by itself
    on PostgreSQL (`statements_alone`: no BEGIN and COMMIT round trips)."""
    if not updates:
        return set()
    statement = _RECORD[engine.dialect.name]
    rows = rows_of(updates, now, chats)

    def work(connection: Connection) -> tuple[set[int], set[int]]:
        new = {row[0] for row in connection.execute(statement, rows)}
        repeats = [row["update_id"] for row in rows if row["update_id"] not in new]
        if not (unprocessed_repeats and repeats):
            return new, set()
        again: set[int] = set(connection.execute(_unprocessed_among(repeats)).scalars())
        return new, again

    if engine.dialect.name == "sqlite":
        new, again = await in_one_call(engine, work)
    else:
        new, again = await in_one_call(statements_alone(engine), work, transaction=False)
    metrics.UPDATES_RECEIVED.inc(len(new))
    return new | again


async def unprocessed(*, session: AsyncSession) -> list[dict[str, Any]]:
    """Updates recorded but never processed (the bot stopped first), oldest first."""
    rows = await session.scalars(
        select(InboundUpdate.payload)
        .where(InboundUpdate.processed_at.is_(None))
        .order_by(InboundUpdate.update_id)
    )
    return list(rows)


async def unprocessed_among(*, session: AsyncSession, update_ids: Sequence[int]) -> set[int]:
    """Which of these recorded updates are not processed yet."""
    if not update_ids:
        return set()
    return set(await session.scalars(_unprocessed_among(update_ids)))


def _unprocessed_among(update_ids: Sequence[int]) -> Select[Any]:
    return select(_TABLE.c.update_id).where(
        _TABLE.c.update_id.in_(update_ids), _TABLE.c.processed_at.is_(None)
    )


# At Core level and built once: this runs for every update. (The ORM's bulk UPDATE would also
# look for loaded objects to synchronise.)
_MARK: Update = (
    update(_TABLE)
    .where(_TABLE.c.update_id == bindparam("marked_update"), _TABLE.c.processed_at.is_(None))
    .values(processed_at=bindparam("marked_at"))
)


async def mark_processed(*, session: AsyncSession, update_id: int, now: datetime) -> None:
    """The update is done with (a no-op if it already was), in the caller's transaction."""
    connection = await session.connection()
    await connection.execute(_MARK, {"marked_update": update_id, "marked_at": now})


def mark_processed_on(connection: Connection, update_id: int, now: datetime) -> None:
    """`mark_processed` on a connection of SQLAlchemy's synchronous layer."""
    connection.execute(_MARK, {"marked_update": update_id, "marked_at": now})


def record_processed_on(connection: Connection, row: Mapping[str, Any], now: datetime) -> None:
    """Record an update (`row`, as `rows_of` makes it) processed at `now`, on a connection of
    SQLAlchemy's synchronous layer, in the caller's transaction: an update not recorded before
    its handling, recorded with its first effect (bot/transaction.py)."""
    statement = _RECORD_PROCESSED[connection.dialect.name]
    connection.execute(statement, {**row, "processed_at": now})


async def payload(*, session: AsyncSession, update_id: int) -> dict[str, Any] | None:
    """The update recorded under `update_id` as Telegram sent it (JSON), None once it is
    pruned (retention: `delivery_log`) or was never recorded."""
    found: dict[str, Any] | None = await session.scalar(
        select(InboundUpdate.payload).where(InboundUpdate.update_id == update_id)
    )
    return found


async def telegram_ids_seen(*, session: AsyncSession) -> tuple[int, dict[int, int]]:
    """The highest update id in the inbox (0 when empty) and, per chat, the highest message id
    the store refers to (a message of an update in the inbox, the message it replies to or a
    button's message, a ticket's card and topic, a message linked to a ticket, a requester's
    message filed under one). An emulated Telegram started afresh on this store
    (the offline run restarted, handlers/app.py) goes on above them, as Telegram's own ids
    do, so that no id the store keeps stands for two messages."""
    update_id = await session.scalar(select(func.max(InboundUpdate.update_id)))
    highest: dict[int, int] = {}
    # Every message an update of the inbox names (a requester's kept photo or location among
    # them, before any ticket refers to it).
    for (payload,) in await session.execute(select(InboundUpdate.payload)):
        for chat, message in _messages_named(payload):
            highest[chat] = max(highest.get(chat, 0), message)
    pairs = [
        (StaffLink.chat_id, StaffLink.message_id),
        (Ticket.staff_chat_id, Ticket.card_message_id),
        (Ticket.staff_chat_id, Ticket.staff_thread_id),
        (TicketMessage.telegram_chat_id, TicketMessage.telegram_message_id),
    ]
    for chat_column, message_column in pairs:
        rows = await session.execute(
            select(chat_column, func.max(message_column))
            .where(chat_column.is_not(None))
            .group_by(chat_column)
        )
        for chat_id, message_id in rows:
            if chat_id is not None and message_id is not None:
                highest[chat_id] = max(highest.get(chat_id, 0), message_id)
    return int(update_id or 0), highest


def _messages_named(payload: dict[str, Any]) -> list[tuple[int, int]]:
    """(chat id, message id) of each message an update (Bot API JSON) names: its message (or
    edited message, channel post), the message that replies to, and a button's message."""
    named: list[tuple[int, int]] = []
    messages = [payload.get(key) for key in ("message", "edited_message", "channel_post")]
    messages.append((payload.get("callback_query") or {}).get("message"))
    for message in messages:
        for one in (message, (message or {}).get("reply_to_message")):
            if isinstance(one, dict) and "message_id" in one and "chat" in one:
                named.append((int(one["chat"]["id"]), int(one["message_id"])))
    return named
