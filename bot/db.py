"""Engines, sessions and schema upgrades for SQLite (embedded) and PostgreSQL (production)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sqlite3
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Select, event, inspect, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key
from sqlalchemy.util import greenlet_spawn

log = logging.getLogger(__name__)

# Shipped inside the package, so an installed copy upgrades its database without a checkout.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


# An execution option for a connection that runs one read and nothing else (`one_read`).
ONE_READ = "shouwen_one_read"


def _prepare_sqlite(engine: AsyncEngine) -> None:
    """WAL, foreign keys, and writers that queue instead of failing.

    Every transaction starts with BEGIN IMMEDIATE: two transactions that read and then write
    would otherwise deadlock on the lock upgrade, which SQLite reports as 'database is locked'
    without waiting. A connection with the ONE_READ option opens none: its one SELECT runs in
    SQLite's autocommit mode, a consistent read by itself, without taking the write lock.
    BEGIN IMMEDIATE goes straight to sqlite3 (`InlineConnection.begin_immediate`): through
    SQLAlchemy's execution it cost a sixth of an empty transaction, and every update takes
    two or three transactions. (So statement events do not see it.)
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(ONE_READ):
            return
        driver = connection.connection.driver_connection
        if isinstance(driver, InlineConnection):
            driver.begin_immediate()
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


class _InlineQueue:
    """Stands in for aiosqlite's queue to its thread: runs the call now, resolves its future."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:  # handed to whoever awaits the future
            if future is not None and not future.done():
                future.set_exception(error)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run at once on the event loop's thread.

    aiosqlite sends every call to a thread of its own and wakes the loop with the result:
    several hops per transaction, each waiting behind everything else the loop has to do. Under
    load a transaction then holds SQLite's one write lock for many loop turns while the others
    queue (measured: 17 ms per requester's message at 40/s, against about 1 ms of SQLite work).
    Indexed SQLite calls take microseconds, so running them inline costs the loop less than
    one hop. Only one connection exists (see create_engine), so a call never waits on a lock
    held by another task of this process; another process's lock is waited for (busy_timeout).
    """

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _InlineQueue()  # type: ignore[assignment]  # SQLAlchemy queues here too

    async def _execute(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if not self._running or self._connection is None:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    async def _connect(self) -> InlineConnection:
        if self._connection is None:
            self._connection = self._connector()
        return self

    def __await__(self) -> Generator[Any, None, InlineConnection]:
        return self._connect().__await__()

    def begin_immediate(self) -> None:
        """BEGIN IMMEDIATE on the sqlite3 connection, at once (see `_prepare_sqlite`)."""
        if not self._running or self._connection is None:
            raise ValueError("Connection closed")
        self._connection.execute("BEGIN IMMEDIATE")

    def stop(self) -> None:
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def close(self) -> None:
        self.stop()


# PostgreSQL connections a process keeps open, and opens beyond them when busier (see
# `create_engine`).
POOL_SIZE = 12
POOL_OVERFLOW = 8


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for `url`, with SQLite set up for a multi-task bot."""
    if is_sqlite(url):
        database = make_url(url).database or ":memory:"
        if database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)

        async def connect() -> InlineConnection:
            connector = functools.partial(
                sqlite3.connect, database, timeout=30, check_same_thread=False
            )
            return await InlineConnection(connector)

        # One connection, handed from task to task by the pool's asyncio queue: SQLite has
        # one writer anyway, and a task waiting in the queue is woken the moment the
        # connection is free, without blocking the loop.
        kwargs.setdefault("pool_size", 1)
        kwargs.setdefault("max_overflow", 0)
        engine = create_async_engine(url, async_creator=connect, **kwargs)
        _prepare_sqlite(engine)
        return engine
    # Connections kept open for the bot's concurrency: with SQLAlchemy's default pool (5,
    # overflow 10), a process handling dozens of updates at once opened and closed a connection
    # per transaction beyond the fifth (15 a second in the scale-out benchmark), each a server
    # process forked and its statements prepared again. POOL_SIZE + POOL_OVERFLOW per process:
    # four processes stay within PostgreSQL's default max_connections (100).
    kwargs.setdefault("pool_size", POOL_SIZE)
    kwargs.setdefault("max_overflow", POOL_OVERFLOW)
    engine = create_async_engine(url, **kwargs)
    event.listen(engine.sync_engine, "checkout", _closed_by_server)
    return engine


def _closed_by_server(_: Any, record: Any, __: Any) -> None:
    """A pooled connection the server closed (restarted, or an administrator cut it) is
    replaced as it is taken, not found dead by a transaction (SQLAlchemy's "pessimistic"
    disconnect handling: a DisconnectionError here makes the pool connect again). asyncpg
    notices the close when the server says it, so this costs no round trip; the pool's
    `pool_pre_ping` cost three (BEGIN, ";", ROLLBACK) before every transaction, a millisecond
    of the bot's CPU per update and as much of the server's."""
    if record.driver_connection.is_closed():
        raise DisconnectionError("the server closed the connection")


def one_read(engine: AsyncEngine) -> AsyncEngine:
    """`engine` for connections that each run one SELECT and nothing else: they open no
    transaction, so a frequent small read costs one statement, not three (BEGIN, it,
    ROLLBACK); a statement alone is a consistent read by itself. On SQLite (ONE_READ) it never
    waits for the write lock either; on PostgreSQL, in autocommit."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{ONE_READ: True})
    return statements_alone(engine)


def statements_alone(engine: AsyncEngine) -> AsyncEngine:
    """`engine` whose statements each commit by themselves on PostgreSQL (autocommit: no
    BEGIN and COMMIT round trips around one statement); on SQLite, `engine` itself."""
    if engine.dialect.name == "sqlite":
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")


_Result = TypeVar("_Result")


async def in_one_call(
    engine: AsyncEngine, work: Callable[[Connection], _Result], *, transaction: bool = True
) -> _Result:
    """`work` run with a connection of `engine` in a transaction of its own, committed when
    this returns (rolled back if `work` raises); its result. All of it in one call into
    SQLAlchemy's synchronous layer, without a session: each awaited statement, begin, commit
    and close is a call of its own (a greenlet started, its wrappers), which cost the bot more
    than the statements themselves on the path of every update. `transaction=False`: for one
    read on a `one_read` engine, which needs none."""
    # Connect, work and close in one call, not three: each call into the synchronous layer
    # starts a greenlet, and these run for every update (a mark, where a ticket's messages go).
    return await greenlet_spawn(_connected, engine.sync_engine, work, transaction)


def _connected(
    engine: Engine, work: Callable[[Connection], _Result], transaction: bool
) -> _Result:
    with engine.connect() as connection:
        if not transaction:
            return work(connection)
        with connection.begin():
            return work(connection)


_Model = TypeVar("_Model")


async def get(session: AsyncSession, model: type[_Model], ident: Any) -> _Model | None:
    """`session.get(model, ident)`, and the object the session already holds (not expired)
    found without a call into SQLAlchemy's synchronous layer, as `Session.get` finds it
    there: a ticket or requester looked up again on the path of every update cost a greenlet
    each time."""
    held = session.sync_session.identity_map.get(identity_key(model, ident))
    if held is not None and isinstance(held, model) and not inspect(held).expired:
        return held
    return await session.get(model, ident)


class RecordingSession(Session):
    """A session that knows whether it has flushed a change since it was made (`wrote`): the
    transaction object marks an update processed with its first effect (bot/transaction.py).
    Statements run on its connection directly are not seen; their callers say so."""

    wrote = False

    def flush(self, objects: Any = None) -> None:
        if self.new or self.deleted or self.identity_map.check_modified():
            self.wrote = True
        super().flush(objects)


def wrote_directly(session: AsyncSession) -> None:
    """Say that a statement run on the session's connection directly wrote something (a
    `RecordingSession` does not see those), for the transaction's mark (bot/transaction.py)."""
    sync = session.sync_session
    if isinstance(sync, RecordingSession):
        sync.wrote = True


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit, and know whether they wrote."""
    return async_sessionmaker(engine, expire_on_commit=False, sync_session_class=RecordingSession)


_Query = TypeVar("_Query", bound=Select)  # type: ignore[type-arg]  # any columns
# The dialect-specific statements, all here: the bot runs on SQLite and PostgreSQL alike.
DIALECTS = ("sqlite", "postgresql")


def insert_for(dialect: str) -> Any:
    """The dialect's own `insert` (its ON CONFLICT clause differs): SQLite's or PostgreSQL's."""
    return {"sqlite": sqlite_insert, "postgresql": postgresql_insert}[dialect]


def skip_locked(query: _Query, session: AsyncSession, of: Any = None) -> _Query:
    """`query` taking its rows FOR UPDATE SKIP LOCKED on PostgreSQL, so that processes sharing
    the database each take different rows (of the table `of`, default all); as it is on
    SQLite, whose one writer at a time needs no row locks."""
    if session.get_bind().dialect.name != "postgresql":
        return query
    return query.with_for_update(of=of, skip_locked=True)


async def one_at_a_time(session: AsyncSession, key: int) -> None:
    """Wait until no other transaction holds `key`, then hold it until this one ends
    (PostgreSQL's pg_advisory_xact_lock: processes sharing the database take turns); nothing
    on SQLite, whose one writer at a time takes turns anyway. The keys: bot/chat_locks.py."""
    if session.get_bind().dialect.name != "postgresql":
        return
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at `url` up to `revision` (blocking; runs its own event loop, so from
    inside a running one: `await asyncio.to_thread(upgrade, url)`)."""
    log.info("upgrading database schema to %s", revision)
    command.upgrade(alembic_config(url), revision)


async def unreadable(url: str) -> str | None:
    """Why the database at `url` cannot be read as this version stores it, in words for the
    command line; None when it can. For commands that only read (`report`, `figures`): they
    neither create a database nor change its schema, so that a mistyped URL or path is named
    instead of answered with an empty report. The reasons: a SQLite file that does not exist,
    a database that cannot be opened, one without Shouwen's schema, one whose schema is not at
    the migrations' head (`python -m bot db upgrade`, as the bot does when it starts)."""
    if is_sqlite(url):
        database = make_url(url).database
        if (
            database
            and database != ":memory:"
            and not await asyncio.to_thread(Path(database).is_file)
        ):
            return f"no database file at {database}"
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            current = await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
    except (OSError, SQLAlchemyError) as exc:
        return f"the database cannot be opened: {exc}"
    finally:
        await engine.dispose()
    if current is None:
        return "the database holds no Shouwen schema (is SHOUWEN_DATABASE_URL the bot's?)"
    if current != head:
        return (
            f"the database's schema is at revision {current}, this version reads {head}:"
            " run `python -m bot db upgrade` first"
        )
    return None


def sqlite_path(url: str) -> Path:
    """The file of a SQLite URL (backup and restore work on files)."""
    database = make_url(url).database
    if not is_sqlite(url) or not database or database == ":memory:":
        raise ValueError(f"{url!r} is not a SQLite database file")
    return Path(database)


def _copy(source: Path | str, target: Path, *, read_only: bool = False) -> None:
    """SQLite's online backup from one file to another (connections closed after)."""
    origin = f"file:{source}?mode=ro" if read_only else str(source)
    with (
        contextlib.closing(sqlite3.connect(origin, uri=read_only)) as live,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        live.backup(copy)


def backup(url: str, target: Path) -> None:
    """A consistent copy of a live SQLite database (the online backup API: writers may go on
    meanwhile); refuses to overwrite an existing file."""
    source = sqlite_path(url)
    if target.exists():
        raise FileExistsError(f"{target} exists; choose a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)


def restore(url: str, source: Path) -> None:
    """Put a backup in the database's place (stop the bot first); the backup is checked, and
    what it replaces is kept beside it as <name>.before-restore."""
    target = sqlite_path(url)
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as check:
        verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise ValueError(f"{source} is damaged: {verdict}")
        check.execute("SELECT version_num FROM alembic_version").fetchone()
    if target.exists():
        _copy(target, target.with_name(target.name + ".before-restore"))
    _copy(source, target, read_only=True)
