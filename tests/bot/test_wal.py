"""SQLite's checkpoints off the event loop while the bot runs (bot/wal.py): the bot's commits
leave the write-ahead log to the checkpointer, which copies it into the database file; once it
stops, the connections checkpoint by themselves again."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.db import create_engine
from bot.wal import AUTOMATIC_PAGES, Checkpointer

PAGE = 4096  # SQLite's default page size, in bytes
ROW = 100_000  # bytes a row takes: some 25 pages


async def _automatic(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int((await connection.exec_driver_sql("PRAGMA wal_autocheckpoint")).scalar_one())


async def _write(engine: AsyncEngine, rows: int) -> None:
    for _ in range(rows):
        async with engine.begin() as connection:
            await connection.exec_driver_sql(f"INSERT INTO blobs VALUES (randomblob({ROW}))")


async def test_commits_leave_the_log_to_the_checkpointer(tmp_path: Path) -> None:
    database = tmp_path / "wal.db"
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    log = tmp_path / "wal.db-wal"
    try:
        async with engine.begin() as connection:
            await connection.exec_driver_sql("CREATE TABLE blobs (data BLOB)")
        checkpointer = Checkpointer(engine, every=3600)  # only the checkpoints asked for here
        await checkpointer.start()
        assert checkpointer.active
        # Twice SQLite's automatic mark of 1000 pages: no commit copied the log back.
        await _write(engine, 80)
        assert log.stat().st_size > 2 * AUTOMATIC_PAGES * PAGE
        busy, pages, copied = await checkpointer.checkpoint()
        assert busy == 0
        assert pages > 2 * AUTOMATIC_PAGES
        assert copied == pages
        # A connection the pool opens meanwhile is set up alike.
        await engine.dispose()
        assert await _automatic(engine) == 0
        await checkpointer.stop()
        assert not checkpointer.active
        assert await _automatic(engine) == AUTOMATIC_PAGES
        # The commits checkpoint by themselves again: the log (started again from its
        # beginning after the complete copy) never holds much more than the automatic mark.
        await _write(engine, 120)
        with contextlib.closing(sqlite3.connect(database)) as connection:
            _, pages, _ = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            count = connection.execute("SELECT count(*) FROM blobs").fetchone()[0]
        assert pages < AUTOMATIC_PAGES + 2 * ROW // PAGE
        assert count == 200
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    "url", ["sqlite+aiosqlite://", "postgresql+asyncpg://shouwen@127.0.0.1:1/never"]
)
async def test_nothing_to_do_without_a_sqlite_file(url: str) -> None:
    engine = create_async_engine(url)  # never connected to
    checkpointer = Checkpointer(engine)
    await checkpointer.start()
    assert not checkpointer.active
    await checkpointer.stop()
    await engine.dispose()


async def test_a_stop_never_meets_a_checkpoint_under_way(tmp_path: Path) -> None:
    """Stopped while checkpoints follow one another (one in a worker thread, its waiter
    cancelled): the connection is closed after it, never under it (that crashed the process)."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'stop.db'}")
    try:
        async with engine.begin() as connection:
            await connection.exec_driver_sql("CREATE TABLE blobs (data BLOB)")
        for _ in range(40):
            checkpointer = Checkpointer(engine, every=0)
            await checkpointer.start()
            await _write(engine, 2)
            await asyncio.sleep(0)
            await checkpointer.stop()
        async with engine.connect() as connection:
            count = (await connection.exec_driver_sql("SELECT count(*) FROM blobs")).scalar_one()
        assert count == 80
    finally:
        await engine.dispose()
