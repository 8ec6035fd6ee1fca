"""PostgreSQL restarted, or its connections cut by an administrator, while the bot kept some
open in its pool: the next requesters are answered as usual, with no apology and no error
logged. A connection the server closed is dropped when it is next taken from the pool
(bot/db.py `create_engine`), not found dead by a requester's transaction."""

from __future__ import annotations

import logging
from typing import Any

import asyncpg
import pytest
from sqlalchemy import make_url
from telegram.ext import Application

from emulator.server import Emulator
from handlers.errors import APOLOGY
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until

App = Application  # type: ignore[type-arg]
pytestmark = pytest.mark.parametrize("store", ["postgresql"])  # SQLite has no server to lose


async def _admin(database_url: str, statement: str, *values: Any) -> Any:
    url = make_url(database_url).set(drivername="postgresql")
    admin = await asyncpg.connect(url.render_as_string(hide_password=False))
    try:
        return await admin.fetchval(statement, *values)
    finally:
        await admin.close()


async def _all_sent(database_url: str) -> bool:
    """Nothing left in the outbox: the bot is done with what it said (no mark under way)."""
    return await _admin(database_url, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0


async def _cut_every_connection(database_url: str) -> int:
    """What a restart does to the bot's connections: each closed by the server, and the
    server processes behind them gone (as a restarted server's are before it takes new
    connections). How many there were."""
    cut = await _admin(
        database_url,
        "SELECT array_agg(pid) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    terminate = "SELECT count(pg_terminate_backend(pid)) FROM unnest($1::int[]) AS pid"
    await _admin(database_url, terminate, cut or [])
    await until(lambda: _gone(database_url, cut or []))
    return len(cut or [])


async def _gone(database_url: str, pids: list[int]) -> bool:
    """None of these server processes is left."""
    left = "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1::int[])"
    return await _admin(database_url, left, pids) == 0


@pytest.mark.parametrize(
    ("user", "first", "second"),
    [
        (REQUESTER, "社保卡丢了怎么补办", "公积金怎么提取"),
        (ENGLISH, "How do I replace a lost social security card?", "How do I renew my passport?"),
    ],
)
async def test_requesters_are_answered_as_usual_after_the_servers_connections_were_cut(
    running: tuple[Emulator, App],
    database_url: str,
    caplog: pytest.LogCaptureFixture,
    user: int,
    first: str,
    second: str,
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, first)
    await until(lambda: len(bot_said(world, user)) >= 1)
    await until(lambda: _all_sent(database_url))
    assert await _cut_every_connection(database_url) >= 1
    before = len(bot_said(world, user))
    with caplog.at_level(logging.ERROR):
        await world.user_sends(user, second)
        await until(lambda: len(bot_said(world, user)) > before)
    said = [e.text for e in bot_said(world, user)[before:]]
    assert not any(text in APOLOGY.values() for text in said), said
    assert said and all(text for text in said), said
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], errors
