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
from datetime import datetime
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from bot.models import InboundUpdate


@dataclass
class _Handling:
    update_id: int
    now: datetime
    marking: bool = False  # the current transaction carries the mark
    marked: bool = False  # committed


_handling: ContextVar[_Handling | None] = ContextVar("shouwen_handling", default=None)


async def record(
    *, session: AsyncSession, updates: Sequence[dict[str, Any]], now: datetime
) -> set[int]:
    """Record updates not seen before; their ids (the others are repeats, to be ignored)."""
    ids = [int(u["update_id"]) for u in updates]
    seen = set(
        await session.scalars(
            select(InboundUpdate.update_id).where(InboundUpdate.update_id.in_(ids))
        )
    )
    new = {i for i in ids if i not in seen}
    for payload in updates:
        if payload["update_id"] in new:
            session.add(
                InboundUpdate(update_id=payload["update_id"], payload=payload, received_at=now)
            )
    await session.flush()
    return new


async def unprocessed(*, session: AsyncSession) -> list[dict[str, Any]]:
    """Updates recorded but never processed (the bot stopped first), oldest first."""
    rows = await session.scalars(
        select(InboundUpdate.payload)
        .where(InboundUpdate.processed_at.is_(None))
        .order_by(InboundUpdate.update_id)
    )
    return list(rows)


async def mark_processed(*, session: AsyncSession, update_id: int, now: datetime) -> None:
    await session.execute(
        update(InboundUpdate)
        .where(InboundUpdate.update_id == update_id, InboundUpdate.processed_at.is_(None))
        .values(processed_at=now)
    )


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
    session.execute(
        update(InboundUpdate)
        .where(InboundUpdate.update_id == state.update_id, InboundUpdate.processed_at.is_(None))
        .values(processed_at=state.now)
    )
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
