"""The inbox: nothing a requester sends is lost to a crash, nothing is done twice.

An update is recorded (keyed by update_id) before Telegram is told it arrived, so a crash after
that point finds it here on restart, unprocessed. It is marked processed in the same
transaction as its first effect: while an update is being handled (`handling`), the first
transaction that writes anything also marks it, so either both are committed or neither.
An update handled without writing anything is marked on its own afterwards.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, Update, bindparam, event, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from bot.models import InboundUpdate


@dataclass
class _Handling:
    update_id: int
    now: datetime
    marking: bool = False  # the current transaction carries the mark
    marked: bool = False  # committed


_TABLE = cast(Table, InboundUpdate.__table__)
REPEAT_WINDOW = timedelta(days=2)
_handling: ContextVar[_Handling | None] = ContextVar("shouwen_handling", default=None)


def _record_statement(insert: Any) -> Any:
    """Record a batch of updates, at Core level and built once: this runs for every batch.

    Telegram sends an update again only within a day; after a week without updates it may
    start its ids anywhere, so a row older than REPEAT_WINDOW with the same id is a new update.
    """
    fresh = insert(_TABLE)
    return fresh.on_conflict_do_update(
        index_elements=[_TABLE.c.update_id],
        set_={
            "payload": fresh.excluded.payload,
            "received_at": fresh.excluded.received_at,
            "processed_at": None,
        },
        where=_TABLE.c.received_at < bindparam("repeat_before"),
    ).returning(_TABLE.c.update_id)


_RECORD = {
    "sqlite": _record_statement(sqlite_insert),
    "postgresql": _record_statement(postgresql_insert),
}


async def record(
    *, session: AsyncSession, updates: Sequence[dict[str, Any]], now: datetime
) -> set[int]:
    """Record updates not seen before; their ids (the others are repeats, to be ignored)."""
    if not updates:
        return set()
    statement = _RECORD[session.get_bind().dialect.name]
    cutoff = now - REPEAT_WINDOW
    rows = [
        {
            "update_id": int(u["update_id"]),
            "payload": u,
            "received_at": now,
            "repeat_before": cutoff,
        }
        for u in updates
    ]
    connection = await session.connection()
    return {row[0] for row in (await connection.execute(statement, rows)).all()}


async def unprocessed(*, session: AsyncSession) -> list[dict[str, Any]]:
    """Updates recorded but never processed (the bot stopped first), oldest first."""
    rows = await session.scalars(
        select(InboundUpdate.payload)
        .where(InboundUpdate.processed_at.is_(None))
        .order_by(InboundUpdate.update_id)
    )
    return list(rows)


# At Core level and built once: this runs for every update. (The ORM's bulk UPDATE would also
# look for loaded objects to synchronise.)
_MARK: Update = (
    update(_TABLE)
    .where(_TABLE.c.update_id == bindparam("marked_update"), _TABLE.c.processed_at.is_(None))
    .values(processed_at=bindparam("marked_at"))
)


def _mark_values(update_id: int, now: datetime) -> dict[str, Any]:
    return {"marked_update": update_id, "marked_at": now}


async def mark_processed(*, session: AsyncSession, update_id: int, now: datetime) -> None:
    connection = await session.connection()
    await connection.execute(_MARK, _mark_values(update_id, now))


@contextlib.contextmanager
def handling(update_id: int, now: datetime) -> Iterator[_Handling]:
    """While the block runs, the first committed write also marks the update processed."""
    state = _Handling(update_id, now)
    token = _handling.set(state)
    try:
        yield state
    finally:
        _handling.reset(token)


@event.listens_for(Session, "after_flush")
def _wrote(session: Session, _context: object) -> None:
    session.info["wrote"] = True


@event.listens_for(Session, "before_commit")
def _mark_with_effects(session: Session) -> None:
    state = _handling.get()
    if state is None or state.marked or not session.info.get("wrote"):
        return
    session.connection().execute(_MARK, _mark_values(state.update_id, state.now))
    state.marking = True


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    state = _handling.get()
    if state is not None and state.marking:
        state.marked, state.marking = True, False
    session.info.pop("wrote", None)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    state = _handling.get()
    if state is not None:
        state.marking = False
    session.info.pop("wrote", None)
