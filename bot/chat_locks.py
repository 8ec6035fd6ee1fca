"""Which process handles a chat's updates now, when several share one PostgreSQL database.

A chat is held with a PostgreSQL session-level advisory lock, taken with
`pg_try_advisory_lock` (never waited for) on a connection of the process's own, kept apart
from the pool that transactions use. A process killed, or cut off from the database, loses its
connection and with it every chat it held, at once: nothing waits for a lease to run out. The
process that holds a chat handles the chat's unprocessed updates in Telegram's order; one that
fails to take it leaves its update in the inbox to the holder (handlers/runtime/processing.py
says why none is left behind). SQLite has one process, whose own per-chat queues keep the order:
no ChatLocks there (`for_database` gives None).

What decides who goes next is read on a second connection of its own, one statement each,
outside any transaction (so each sees what was committed before it began): a chat's
unprocessed updates (`backlog`) and a chat's messages still to be sent before a given one
(`older_unsent`, for handlers/runtime/ordering.py). A pooled connection would cost a ping, a
BEGIN and a ROLLBACK around each.

Keys: a chat's is 4 × its id, an update without a chat (an inline query) 4 × its id + 2, the
surge check (`surge_key`, a transaction's lock) 4 × a hash of "surge" + 1; the residue 3 is
free for other locks of the bot's.
"""

from __future__ import annotations

import asyncio
import json
import logging
import zlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db import create_engine, is_sqlite
from bot.notices import CARD_REFRESH
from bot.outbox import PARKED

log = logging.getLogger(__name__)
# The statements behind `backlog` and `older_unsent` (on the indexes of migration 0018).
# `backlog` is two plain index scans, not one OR: PostgreSQL answers an OR with a bitmap scan,
# which visits every row an index entry points at, and the partial index on a chat's
# unprocessed updates keeps an entry for each update processed since the last vacuum. A plain
# scan marks such entries dead once it has seen them; the bitmap read all of a busy chat's
# (measured: 0.5 ms for a chat of 150, against 0.03).
_BACKLOG = (
    "(SELECT update_id, payload FROM inbox WHERE processed_at IS NULL AND chat_id = $1"
    " ORDER BY update_id LIMIT $3)"
    " UNION ALL (SELECT update_id, payload FROM inbox WHERE processed_at IS NULL"
    " AND update_id = $2 AND (chat_id = $1) IS NOT TRUE)"
    " ORDER BY update_id LIMIT $3"
)
_OLDER_UNSENT = (
    "SELECT ticket_id, min(id) FROM outbox"
    " WHERE chat_id = $1 AND id < $2 AND sent_at IS NULL AND failed_at IS NULL"
    " AND next_attempt_at < $3 AND leased_by IS DISTINCT FROM $4"
    # A card's redraw shows it as it is when sent: nothing waits for one (it may be held
    # back a few seconds, handlers/runtime/redraws.py).
    f" AND template IS DISTINCT FROM '{CARD_REFRESH}' GROUP BY ticket_id"
)
# Updates recorded before $1 and still unprocessed: left by a process that died (its lock went
# with its connection) in chats that have said nothing since (`orphaned`).
_ORPHANED = (
    "SELECT chat_id, update_id FROM inbox WHERE processed_at IS NULL AND received_at < $1"
    " ORDER BY update_id LIMIT $2"
)
_PARKED = PARKED.replace(tzinfo=None)  # as the column stores instants: UTC, without a zone


def chat_key(chat_id: int) -> int:
    """The lock of a chat's updates."""
    return 4 * chat_id


def update_key(update_id: int) -> int:
    """The lock of an update that has no chat."""
    return 4 * update_id + 2


def surge_key() -> int:
    """The lock under which a new ticket is compared with the recent ones for a surge, of
    every category (bot/incidents.py: a matter is one whatever category each ticket was
    filed under; a transaction's lock, bot/db.py `one_at_a_time`). Apart from the chats' and
    updates' keys (1 modulo 4): a process holding a chat takes it while handling."""
    return 4 * zlib.crc32(b"surge") + 1


class _Line:
    """One connection of the pool's, held for the process's life, one statement at a time."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._proxy: Any = None
        self._use = asyncio.Lock()

    async def fetch(self, how: str, statement: str, *values: Any) -> Any:
        """asyncpg's `how` ("fetch", "fetchval") of `statement`; raises what it raises, the
        connection then dropped (broken, or in doubt)."""
        async with self._use:
            if self._proxy is None:
                self._proxy = await self._engine.raw_connection()
            try:
                return await getattr(self._proxy.driver_connection, how)(statement, *values)
            except Exception:
                self.drop()
                raise

    def closed(self) -> bool:
        """Whether the server closed the connection held (restarted, or an administrator cut
        it): then dropped, and the next `fetch` connects again. Read off the connection,
        without a round trip."""
        if self._proxy is not None and self._proxy.driver_connection.is_closed():
            self.drop()
            return True
        return False

    def drop(self) -> None:
        """Closed, not back to the pool: a session's advisory locks go with it."""
        if self._proxy is not None:
            self._proxy.invalidate()
            self._proxy = None


class ChatLocks:
    """Advisory locks of one process on one connection, and the reads that decide who goes
    next on another (see the module's description); each statement takes a fraction of a
    millisecond."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._locking = _Line(engine)
        self._reading = _Line(engine)
        self._held: set[int] = set()

    def _lost(self) -> None:
        """The locks' connection closed by the server since its last statement: every lock on
        it went with it (the chats' next updates take them again, on a new connection)."""
        if self._locking.closed() and self._held:
            log.warning("the database closed the connection holding %d chats", len(self._held))
            self._held.clear()

    async def _read(self, how: str, statement: str, *values: Any) -> Any:
        self._reading.closed()  # a connection the server closed: a new one, not an error
        return await self._reading.fetch(how, statement, *values)

    async def _run(self, statement: str, key: int) -> bool:
        try:
            return bool(await self._locking.fetch("fetchval", statement, key))
        except Exception:
            # The connection is gone, and every lock on it with it.
            if self._held:
                log.warning("lost the database connection holding %d chats", len(self._held))
            self._held.clear()
            raise

    async def backlog(
        self, chat_id: int | None, update_id: int = -1, limit: int = 100
    ) -> list[tuple[int, dict[str, Any]]]:
        """The updates of `chat_id` (and the update `update_id`, whatever its chat) not yet
        processed, in Telegram's order: (update id, payload as Telegram sent it), at most
        `limit`. Raises what the database raises."""
        rows = await self._read("fetch", _BACKLOG, chat_id, update_id, limit)
        return [(int(row[0]), _json(row[1])) for row in rows]

    async def orphaned(self, before: datetime, limit: int = 500) -> list[tuple[int | None, int]]:
        """Unprocessed updates recorded before `before` (an aware instant), oldest first, at
        most `limit`: (chat id, None for an update without a chat, and update id). Raises what
        the database raises."""
        cutoff = before.astimezone(UTC).replace(tzinfo=None)  # as the column stores instants
        rows = await self._read("fetch", _ORPHANED, cutoff, limit)
        return [(row[0], int(row[1])) for row in rows]

    async def older_unsent(self, chat_id: int, below: int, holder: str) -> dict[int | None, int]:
        """Of the messages to `chat_id` stored before the message `below`, neither sent nor
        given up nor parked, and not leased to the sender `holder`: the oldest of each ticket
        (None: those of no ticket), by ticket id. Raises what the database raises."""
        rows = await self._read("fetch", _OLDER_UNSENT, chat_id, below, _PARKED, holder)
        return {row[0]: int(row[1]) for row in rows}

    async def try_hold(self, key: int) -> bool:
        """Take the lock `key` if nobody holds it (this process included); whether taken.
        Raises what the database raises."""
        self._lost()
        if key in self._held:
            return False  # PostgreSQL's locks count per session: this process holds it already
        self._held.add(key)
        try:
            taken = await self._run("SELECT pg_try_advisory_lock($1)", key)
        except BaseException:
            self._held.discard(key)
            raise
        if not taken:
            self._held.discard(key)
        return taken

    async def release(self, key: int) -> None:
        """Let go of `key` (held by this process). A failure is logged: the connection is
        then dropped, which lets go of every lock on it."""
        self._lost()
        if key not in self._held:
            return
        try:
            await self._run("SELECT pg_advisory_unlock($1)", key)
        except Exception:
            log.exception("could not release lock %s; dropped the connection", key)
        finally:
            self._held.discard(key)

    async def close(self) -> None:
        """Let go of everything held (the connections closed) and of the engine; the next
        call connects again."""
        self._locking.drop()
        self._reading.drop()
        self._held.clear()
        await self._engine.dispose()


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def for_database(database_url: str) -> ChatLocks | None:
    """The process's locks on the database at `database_url`; None on SQLite."""
    if is_sqlite(database_url):
        return None
    return ChatLocks(create_engine(database_url, pool_size=2, max_overflow=0))
