"""The migrations build exactly the schema the models describe, on both stores."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db import upgrade
from bot.models import Base


async def test_no_drift_between_models_and_migrations(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    def drift(connection: Connection) -> list[Any]:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))

    async with sessions() as session:
        connection = await session.connection()
        assert await connection.run_sync(drift) == []


def test_0021_marks_the_tickets_whose_staff_wrote_to_the_requester(tmp_path: Path) -> None:
    """A database from before `Ticket.staff_wrote` (0020): the tickets with a public staff
    message filed under them are marked, those with only the requester's words or internal
    notes are not."""
    path = tmp_path / "old.db"
    upgrade(f"sqlite+aiosqlite:///{path}", "0020")
    with closing(sqlite3.connect(path)) as connection:
        for ticket_id in (1, 2, 3):
            _insert_filled(connection, "tickets", id=ticket_id)
        for ticket_id, direction in [(1, "in"), (1, "out"), (2, "in"), (2, "note")]:
            _insert_filled(connection, "ticket_messages", ticket_id=ticket_id, direction=direction)
        connection.commit()
    upgrade(f"sqlite+aiosqlite:///{path}")
    with closing(sqlite3.connect(path)) as connection:
        marked = dict(connection.execute("SELECT id, staff_wrote FROM tickets").fetchall())
    assert marked == {1: 1, 2: 0, 3: 0}


def test_0029_counts_the_first_step_told_of_a_late_handoff(tmp_path: Path) -> None:
    """A database from before the handoff ladder (0028): a form already told late has had
    its first step, its next due one period (the time it was given) after its deadline; a
    form not told late starts from none."""
    path = tmp_path / "old.db"
    upgrade(f"sqlite+aiosqlite:///{path}", "0028")
    with closing(sqlite3.connect(path)) as connection:
        _insert_filled(connection, "tickets", id=1)
        told = {
            "created_at": "2026-12-01 09:00:00.000000",
            "due_at": "2026-12-01 17:00:00.000000",
        }
        _insert_filled(
            connection,
            "handoffs",
            id=1,
            ticket_id=1,
            overdue_at="2026-12-01 17:01:00.000000",
            **told,
        )
        _insert_filled(connection, "handoffs", id=2, ticket_id=1, **told)
        connection.commit()
    upgrade(f"sqlite+aiosqlite:///{path}")
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT id, step, next_step_at FROM handoffs ORDER BY id")
        steps = rows.fetchall()
    assert steps[0][:2] == (1, 1) and steps[0][2].startswith("2026-12-02 01:00:00")
    assert steps[1] == (2, 0, None)


def _insert_filled(connection: sqlite3.Connection, table: str, **given: object) -> None:
    """A row of `table` with `given` values and something of its type in every other column
    that must have one (SQLite checks no foreign key here)."""
    values = dict(given)
    for _, name, kind, not_null, default, primary in connection.execute(
        f"PRAGMA table_info({table})"
    ):
        if name in values or not not_null or default is not None or primary:
            continue
        kind = kind.upper()
        values[name] = (
            0
            if "INT" in kind or "BOOL" in kind
            else "2026-12-01 00:00:00.000000"
            if "DATE" in kind
            else "{}"
            if "JSON" in kind
            else "x"
        )
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))
