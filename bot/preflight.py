"""The database part of `python -m bot check`: is the store reachable, and is its schema the
one this version migrates to? (The Telegram part is handlers/preflight.py.)"""

from __future__ import annotations

import asyncio
import logging

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.engine import make_url

from bot.db import alembic_config, create_engine, is_sqlite, sqlite_path

DATABASE_TIMEOUT = 10.0  # seconds to reach the database


async def database_problems(url: str) -> tuple[list[str], str]:
    """Problems with the store at `url`, one line each with its fix, and a line saying what
    was found. A SQLite file that does not exist is a problem (not created here)."""
    shown = make_url(url).render_as_string(hide_password=True)
    if is_sqlite(url) and not sqlite_path(url).exists():
        return [
            f"database {shown}: the file does not exist: run `python -m bot db upgrade` in the"
            " service's working folder (or set SHOUWEN_DATABASE_URL)"
        ], ""
    # Alembic's context says at INFO which dialect it speaks: not news to an administrator.
    logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    engine = create_engine(url)
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT), engine.connect() as connection:
            current = await connection.run_sync(_revision)
    except Exception as error:
        reason = f"{error.__class__.__name__}: {error}".splitlines()[0][:200]
        return [
            f"database {shown}: not reachable ({reason}): check SHOUWEN_DATABASE_URL, that the"
            " server runs and accepts this user"
        ], ""
    finally:
        await engine.dispose()
    if current != head:
        return [
            f"database {shown}: schema at {current or 'nothing (empty)'}, this version needs"
            f" {head}: run `python -m bot db upgrade` (the service also does at start)"
        ], ""
    return [], f"database {shown}: ok (schema {head})"


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
