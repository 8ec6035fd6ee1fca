"""SQLite's write-ahead log copied back into the database file off the event loop.

SQLite in WAL mode appends each commit to the log and, once the log holds 1000 pages, copies
it into the database file (a checkpoint) inside the commit that crossed the mark, syncing the
file to disk. The bot's one connection runs its calls on the event loop's thread
(bot/db.py `InlineConnection`), so that commit held up every requester for the copy and the
sync: 10-20 ms about once a second at 100 updates/s, and over 100 ms when the disk is busy
(measured: the commits over 10 ms fell from 18 to 4 in one benchmark run without it).

While the bot runs, a `Checkpointer` turns the automatic checkpoint off on the bot's
connections and checkpoints every CHECKPOINT_SECONDS on a connection of its own in a worker
thread of its own (sqlite3 lets other threads run meanwhile; the connection is only ever used
there, one call after the other, so that closing it never meets a checkpoint under way, even
one whose caller was cancelled). It is PASSIVE: it copies what no reader
still needs and never waits for a lock, so the bot's writers never wait for it; the next
write after a complete copy starts the log again from its beginning. When it stops, the
connections checkpoint by themselves again. A connection the pool opens meanwhile (after an
error) is set up like the others; PostgreSQL and an in-memory database need none of this.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)
CHECKPOINT_SECONDS = 1.0
AUTOMATIC_PAGES = 1000  # SQLite's default `wal_autocheckpoint`, restored at the stop


class Checkpointer:
    """Checkpoints the SQLite database of `engine` in a worker thread while started (see the
    module's description); does nothing for another database."""

    def __init__(self, engine: AsyncEngine, every: float = CHECKPOINT_SECONDS) -> None:
        self._engine = engine
        self._every = every
        url = engine.url
        database = url.database if url.get_backend_name() == "sqlite" else None
        self._path = database if database and database != ":memory:" else None
        self._connection: sqlite3.Connection | None = None
        self._thread: ThreadPoolExecutor | None = None  # the connection's, one call at a time
        self._task: asyncio.Task[None] | None = None

    @property
    def active(self) -> bool:
        """Checkpointing in the background now."""
        return self._task is not None

    async def start(self) -> None:
        """Turn the automatic checkpoint off and checkpoint every `every` seconds instead."""
        if self._path is None or self._task is not None:
            return
        event.listen(self._engine.sync_engine, "connect", _manual)
        await self._set_automatic(0)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wal-checkpoints")
        self._connection = await self._in_thread(
            sqlite3.connect, self._path, check_same_thread=False
        )
        self._task = asyncio.create_task(self._checkpoint_forever(), name="wal checkpoints")

    async def stop(self) -> None:
        """Stop checkpointing: the connections checkpoint by themselves again."""
        if self._task is None:
            return
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None
        event.remove(self._engine.sync_engine, "connect", _manual)
        try:
            await self._set_automatic(AUTOMATIC_PAGES)
        except Exception:  # a new connection has it anyway
            log.exception("could not turn SQLite's automatic checkpoint back on")
        connection, self._connection = self._connection, None
        thread, self._thread = self._thread, None
        if connection is not None:
            await self._in_thread(connection.close, thread=thread)  # after any checkpoint
        if thread is not None:
            thread.shutdown(wait=False)

    async def checkpoint(self) -> tuple[int, int, int]:
        """One PASSIVE checkpoint now, in a worker thread: SQLite's (busy, pages in the log,
        pages copied). Raises what sqlite3 raises."""
        connection = self._connection
        assert connection is not None, "started"
        result: tuple[int, int, int] = await self._in_thread(_checkpoint, connection)
        return result

    async def _in_thread(
        self, function: Any, *args: Any, thread: ThreadPoolExecutor | None = None, **kwargs: Any
    ) -> Any:
        """`function` run in the connection's thread, after whatever was sent there before."""
        executor = thread if thread is not None else self._thread
        assert executor is not None, "started"
        call = functools.partial(function, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(executor, call)

    async def _checkpoint_forever(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            try:
                await self.checkpoint()
            except Exception:  # the log waits for the next one
                log.exception("WAL checkpoint failed; trying again")

    async def _set_automatic(self, pages: int) -> None:
        """`wal_autocheckpoint` on the connection the pool holds (opened if none is)."""
        async with self._engine.connect() as connection:
            raw = await connection.get_raw_connection()
            driver: Any = raw.driver_connection
            await driver.execute(f"PRAGMA wal_autocheckpoint={int(pages)}")


def _manual(dbapi_connection: Any, _record: Any) -> None:
    """A connection opened while the checkpointer runs: no automatic checkpoint."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()


def _checkpoint(connection: sqlite3.Connection) -> tuple[int, int, int]:
    with contextlib.closing(connection.execute("PRAGMA wal_checkpoint(PASSIVE)")) as cursor:
        busy, pages, copied = cursor.fetchone()
    return int(busy), int(pages), int(copied)
