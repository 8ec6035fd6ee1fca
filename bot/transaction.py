"""The unit of work: one database transaction, the update it handles (if any), and the
messages published in it. Where "nothing lost, nothing twice" is kept, in its commit path:

- an update is marked processed in the same transaction as its first effect: a transaction
  opened for an update that wrote something (a flush, a published message) carries the mark,
  unless an earlier one of the same update already committed it; an update whose handling
  wrote nothing is marked on its own by `Transactions.settle`;
- the messages published in a transaction go to the sender only after it committed, and
  nowhere on a rollback (their rows are gone with it);
- without a sender (the runtime not started, or stopped), the rows wait in the outbox for the
  poll, due at once.

    async with desk.transaction(update_id=update.update_id) as tx:
        ticket = await tickets.claim(session=tx.session, ...)
        await tx.publish([card, reply])
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from bot import inbox, outbox
from bot.clock import utc_now
from bot.db import RecordingSession, in_one_call, one_read
from bot.outbox import LEASE, Call, Queued
from bot.outgoing import Outgoing

log = logging.getLogger(__name__)
# The sender port: takes committed outbox rows, leased to this process, to send them.
Sender = Callable[[list[Queued]], None]


class Transactions:
    """Opens transactions on one database, and holds what they share: the sender (set by the
    runtime while it sends) and which updates in hand already have their mark committed."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.sessions = sessions
        self.engine: AsyncEngine = sessions.kw["bind"]  # for statements on a bare connection
        self.reading = one_read(self.engine)  # for a single SELECT on a bare connection
        self.clock = clock
        self.sender: Sender | None = None
        # Whose leases on outbox rows are this process's (bot/outbox.py `leased_by`).
        self.holder = uuid.uuid4().hex[:16]
        self._marked: set[int] = set()  # updates in hand whose mark is committed
        # Updates handed on before they were recorded (`unrecorded`): their inbox rows.
        self._unrecorded: dict[int, dict[str, Any]] = {}
        self._recorded = asyncio.Event()  # set as one of them is recorded

    def connect(self, sender: Sender) -> None:
        """From now on committed messages go to `sender` (the runtime, when it starts)."""
        self.sender = sender

    def disconnect(self) -> None:
        """From now on committed messages wait in the outbox for the next start."""
        self.sender = None

    def __call__(
        self,
        *,
        update_id: int | None = None,
        now: datetime | None = None,
        sender: Sender | None = None,
    ) -> Transaction:
        """A transaction (enter it with `async with`) for the update `update_id` (None: a job's
        or the runtime's own), at the instant `now` (default: the clock), its messages handed
        to `sender` (default: the connected sender) once committed."""
        return Transaction(
            self,
            update_id=update_id,
            now=self.clock() if now is None else now,
            sender=sender if sender is not None else self.sender,
        )

    def unrecorded(self, rows: Iterable[dict[str, Any]]) -> None:
        """These updates (their inbox rows: `inbox.rows_of`) are handled before they are
        recorded: the first transaction of each that writes records it with its mark, and
        `settle` records one that wrote nothing (`waiting_to_record` tells which are left)."""
        for row in rows:
            self._unrecorded[row["update_id"]] = row

    def waiting_to_record(self, update_ids: Iterable[int]) -> set[int]:
        """Which of these updates handed on unrecorded are not recorded yet."""
        return {u for u in update_ids if u in self._unrecorded}

    async def until_recorded(self, update_ids: Iterable[int], seconds: float) -> set[int]:
        """Wait at most `seconds` for these updates handed on unrecorded to be recorded by
        their handling; those still not recorded (the caller records them)."""
        waiting = set(update_ids)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            self._recorded.clear()  # before looking: a record after the look sets it again
            waiting = self.waiting_to_record(waiting)
            left = deadline - loop.time()
            if not waiting or left <= 0:
                return waiting
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._recorded.wait(), left)

    def recorded(self, update_ids: Iterable[int]) -> None:
        """These updates are in the inbox now (recorded by whoever handed them on)."""
        for update_id in update_ids:
            self._unrecorded.pop(update_id, None)
        self._recorded.set()

    def _mark_on(self, connection: Connection, update_id: int, now: datetime) -> None:
        """The update's mark (with its inbox row, when it was handed on unrecorded)."""
        row = self._unrecorded.get(update_id)
        if row is None:
            inbox.mark_processed_on(connection, update_id, now)
        else:
            inbox.record_processed_on(connection, row, now)

    def marked(self, update_id: int) -> bool:
        """Whether a committed transaction of this process carries the update's mark."""
        return update_id in self._marked

    async def settle(self, update_id: int, now: datetime | None = None) -> None:
        """The update's handling is over: marked processed now if none of its transactions
        wrote anything (a failure is logged: the update is then handled again after a
        restart); forgotten either way."""
        if update_id in self._marked:
            self._marked.discard(update_id)
            return
        at = self.clock() if now is None else now
        try:
            await in_one_call(
                self.engine, lambda connection: self._mark_on(connection, update_id, at)
            )
        except Exception:
            # Left unmarked, it is handled again after a restart: logged, not lost (one handed
            # on unrecorded is recorded by whoever handed it on).
            log.exception("could not mark update %s processed", update_id)
            return
        if update_id in self._unrecorded:
            self.recorded([update_id])

    def _committed_mark(self, update_id: int) -> None:
        self._marked.add(update_id)
        if update_id in self._unrecorded:
            self.recorded([update_id])


class Transaction:
    """One database transaction (see the module's description). `session` is the open
    session; `now` the instant it acts at; `published` the rows it stored in the outbox and
    leased to this process, because a sender waits for them (handed to it after commit)."""

    def __init__(
        self,
        transactions: Transactions,
        *,
        update_id: int | None,
        now: datetime,
        sender: Sender | None,
    ) -> None:
        self.update_id = update_id
        self.now = now
        self.published: list[Queued] = []
        self._transactions = transactions
        self._sender = sender
        self._published_any = False
        self._to_store: list[Outgoing | Call] = []  # published, written as it commits
        self._to_store_last: list[Outgoing | Call] = []  # published `last`, written after
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("the transaction is not open: use `async with`")
        return self._session

    async def __aenter__(self) -> Transaction:
        session = self._transactions.sessions()
        # The session's transaction begun (no database work: that starts with its first
        # statement), without a call into the database layer of its own.
        session.sync_session.begin()
        self._session = session
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        session = self.session
        committed = False
        try:
            if kind is None:
                await self._commit(session)  # and closed
                committed = True
            else:
                await session.rollback()
        finally:
            if not committed:
                await session.close()
                self.published = []  # gone with the rollback: nothing to hand on
                self._to_store, self._to_store_last = [], []
        # After the commit, and only then: the sender may send them at once.
        if self.published and self._sender is not None:
            self._sender(list(self.published))

    async def publish(
        self, messages: Iterable[Outgoing | Call], *, first: bool = False, last: bool = False
    ) -> None:
        """Store messages to send, in this transaction; they go out once it commits (`first`:
        ahead of all it published before, as the emergency numbers go; `last`: after all it
        publishes, before or after, as an incident's update goes after a joiner's promise).

        They are written as it commits, everything it published in one statement, in the
        order published (a transaction may publish more than once: a new ticket's alerts,
        then its card and reply); nothing reads the outbox between a publish and the
        commit."""
        items = list(messages)
        if items:
            if last:
                self._to_store_last.extend(items)
            else:
                self._to_store = [*items, *self._to_store] if first else [*self._to_store, *items]
            self._published_any = True

    def rewrite_unstored(self, change: Callable[[Outgoing | Call], Outgoing | Call]) -> None:
        """Each message this transaction published (and has not written yet: nothing is
        before it commits) as `change` makes it: a notice whose question was answered in the
        same transaction goes without its buttons (bot/answered.py)."""
        self._to_store = [change(item) for item in self._to_store]
        self._to_store_last = [change(item) for item in self._to_store_last]

    def _store(self, session: Session) -> None:
        """Write what was published into the outbox (leased to this process when a sender
        waits for it, `published`)."""
        items, self._to_store = [*self._to_store, *self._to_store_last], []
        self._to_store_last = []
        if not items:
            return
        lease = self.now + LEASE if self._sender is not None else None
        queued = outbox.enqueue_on(
            session.connection(),
            items,
            self.now,
            lease_until=lease,
            holder=self._transactions.holder,
        )
        if self._sender is not None:
            self.published.extend(queued)

    def wrote(self) -> bool:
        """Whether this transaction has written anything, or will as it commits: a change of
        the ORM's (flushed or pending), or a published message."""
        sync = self.session.sync_session
        flushed = isinstance(sync, RecordingSession) and sync.wrote
        pending = bool(sync.new or sync.deleted) or sync.identity_map.check_modified()
        return self._published_any or flushed or pending

    async def _commit(self, session: AsyncSession) -> None:
        """Store what was published, mark the update (see the module's description), commit
        and close: in one call into SQLAlchemy's synchronous layer (each awaited step was a
        call of its own, which cost more than its statement)."""
        update_id = self.update_id
        marking = (
            update_id is not None and not self._transactions.marked(update_id) and self.wrote()
        )

        def commit(sync: Session) -> None:
            self._store(sync)
            if marking:
                assert update_id is not None
                self._transactions._mark_on(sync.connection(), update_id, self.now)
            sync.commit()
            sync.close()

        await session.run_sync(commit)
        if marking:
            assert update_id is not None
            self._transactions._committed_mark(update_id)
