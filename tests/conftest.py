"""Shared fixtures: the committed config, and a fresh real database per test on each store.

The database tests run on SQLite always, and on PostgreSQL when SHOUWEN_TEST_POSTGRES_URL names
a server where we may create a scratch database (`.ci/run` sets it).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
import warnings
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.warnings import PTBUserWarning

from bot.casebook import file_templates
from bot.config import Settings, load_settings
from bot.db import create_engine, session_factory, upgrade
from bot.models import Base
from bot.rules import Rules
from bot.staff import sync_staff

ROOT = Path(__file__).resolve().parent.parent


def sample_templates() -> int:
    """How many templates the sample knowledge base has, as check-config counts them."""
    return len(file_templates(load_settings(ROOT / "config.yaml")))


# python-telegram-bot's time periods (a 429's retry_after, a voice's duration) as timedelta, the
# type of its next major version, as `python -m bot` runs it (bot/cli.py): without the opt-in
# PTB warns each time it builds one.
os.environ.setdefault("PTB_TIMEDELTA", "true")


def named_in(settings: Settings, name: str, language: str) -> str:
    """How config.yaml names the member of staff `name` to a requester reading `language`:
    English, their first other spelling (`also_known_as`, "Wang Fang"); else `name`."""
    person = next(
        p
        for people in (
            *(d.officers for d in settings.departments),
            *(d.supervisors for d in settings.departments),
            settings.management.people,
        )
        for p in people
        if p.name == name
    )
    return person.also_known_as[0] if language == "en" and person.also_known_as else name


POSTGRES_ENV = "SHOUWEN_TEST_POSTGRES_URL"
# Monday 30 November 2026, 09:00 in Shanghai: the start of a working day.
MONDAY_9AM = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _raw_calls_as_in_the_bot() -> None:
    """The sender and the poller call `Bot.do_api_request` for methods the Bot also has, on
    purpose: the JSON in and out is the point (handlers/runtime/calls.py `Calls.call`,
    handlers/runtime/receiving.py `Poller`), and they ignore PTB's warning about it when imported.
    pytest puts the warning filters back after collecting, so each test sets it again."""
    warnings.filterwarnings("ignore", message="Please use 'Bot", category=PTBUserWarning)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(ROOT / "config.yaml")


@pytest.fixture(scope="session")
def rules(settings: Settings) -> Rules:
    return Rules(settings)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


def _admin_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _run_admin(url: str, statement: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(_admin_url(url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A scratch PostgreSQL database, migrated once, dropped at the end of the run."""
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"PostgreSQL tests are off: set {POSTGRES_ENV} to run them")
    name = f"shouwen_test_{uuid.uuid4().hex[:10]}"
    asyncio.run(_run_admin(server, f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        asyncio.run(_run_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _empty_postgres(sessions: async_sessionmaker[AsyncSession]) -> None:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    async with sessions() as session, session.begin():
        # The ledger refuses TRUNCATE by trigger; tests may bypass triggers, the bot never does.
        await session.execute(text("SET LOCAL session_replication_role = replica"))
        await session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(store: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if store == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    path = tmp_path / "shouwen.db"
    shutil.copy(request.getfixturevalue("sqlite_template"), path)
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture
async def sessions(
    database_url: str, store: str, settings: Settings
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on a fresh, migrated database with the configured staff in it."""
    engine = create_engine(database_url)
    factory = session_factory(engine)
    if store == "postgresql":
        await _empty_postgres(factory)
    async with factory() as session, session.begin():
        await sync_staff(session=session, settings=settings)
    try:
        yield factory
    finally:
        await engine.dispose()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to reach an address off loopback (there is no internet here)."""
    import ipaddress
    import socket

    original = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if isinstance(address, tuple) and self.family in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0])
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise AssertionError(f"test tried to reach {host}, off loopback")
        return original(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
