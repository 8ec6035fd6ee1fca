"""`python -m bot db backup PATH` and `db restore PATH` on SQLite; advice for PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.models import Ticket
from bot.rules import Rules
from tests.bot.helpers import new_requester, new_ticket
from tests.conftest import MONDAY_9AM

ROOT = Path(__file__).resolve().parents[2]


def _bot(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SHOUWEN_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _kept_beside(url: str) -> bool:
    return Path(url.split("///", 1)[1] + ".before-restore").exists()


def _damaged_file(folder: Path) -> Path:
    damaged = folder / "damaged.db"
    damaged.write_bytes(b"not a database")
    return damaged


async def _tickets(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Ticket)) or 0)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_backup_then_restore(
    sessions: async_sessionmaker[AsyncSession], rules: Rules, database_url: str, tmp_path: Path
) -> None:
    requester_id = await new_requester(sessions, MONDAY_9AM)
    await new_ticket(sessions, rules, MONDAY_9AM, requester_id=requester_id)
    copy = tmp_path / "backups" / "shouwen-1.db"
    done = _bot(database_url, "db", "backup", str(copy))
    assert done.returncode == 0, done.stderr
    assert _bot(database_url, "db", "backup", str(copy)).returncode == 2  # never overwrites
    await new_ticket(sessions, rules, MONDAY_9AM, requester_id=requester_id)
    assert await _tickets(sessions) == 2
    done = _bot(database_url, "db", "restore", str(copy))
    assert done.returncode == 0, done.stderr
    assert await _tickets(sessions) == 1
    assert _kept_beside(database_url)
    damaged = _damaged_file(tmp_path)
    refused = _bot(database_url, "db", "restore", str(damaged))
    assert refused.returncode == 2 and "restore refused" in refused.stderr
    assert await _tickets(sessions) == 1


def test_postgresql_gets_pg_dump_advice(tmp_path: Path) -> None:
    done = _bot(
        "postgresql+asyncpg://nobody@127.0.0.1:1/none", "db", "backup", str(tmp_path / "x")
    )
    assert done.returncode == 2 and "pg_dump" in done.stderr
