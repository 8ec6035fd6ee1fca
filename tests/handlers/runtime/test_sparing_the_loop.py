"""While the bot runs, two things that stopped the event loop for everyone now and then are
kept off it (handlers/app.py `Services`): SQLite's checkpoints go to a worker thread
(bot/wal.py), and what exists once the bot is set up is left out of the garbage collector's
full passes (`gc.freeze`). Both are undone at the stop, and requesters are answered meanwhile."""

from __future__ import annotations

import gc

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.db import is_sqlite
from bot.desk import build_desk
from bot.wal import AUTOMATIC_PAGES
from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_lines, serving


async def _automatic_checkpoint(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int((await connection.exec_driver_sql("PRAGMA wal_autocheckpoint")).scalar_one())


async def test_the_loop_is_spared_while_the_bot_runs(
    settings: Settings, database_url: str, emulator: Emulator
) -> None:
    desk = await build_desk(settings, database_url)
    engine = desk.transactions.engine
    sqlite = is_sqlite(database_url)
    try:
        async with serving(desk, emulator):
            assert gc.get_freeze_count() > 0
            if sqlite:
                assert await _automatic_checkpoint(engine) == 0
            await emulator.world.user_sends(REQUESTER, "公积金怎么提取")
            assert await bot_lines(emulator, REQUESTER, 1)  # answered meanwhile
        assert gc.get_freeze_count() == 0
        if sqlite:
            assert await _automatic_checkpoint(engine) == AUTOMATIC_PAGES
    finally:
        await engine.dispose()
