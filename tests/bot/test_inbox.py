"""The inbox: an update is recorded once, and marked processed with its first effect."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import inbox, requesters
from bot.models import InboundUpdate, Requester
from tests.conftest import MONDAY_9AM

Sessions = async_sessionmaker[AsyncSession]


def _update(update_id: int, text: str = "你好") -> dict[str, object]:
    return {"update_id": update_id, "message": {"message_id": update_id, "text": text}}


async def _processed(sessions: Sessions) -> dict[int, bool]:
    async with sessions() as session:
        rows = await session.execute(select(InboundUpdate.update_id, InboundUpdate.processed_at))
        return {update_id: at is not None for update_id, at in rows.all()}


async def test_repeats_are_recorded_once(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        first = await inbox.record(
            session=session, updates=[_update(1), _update(2)], now=MONDAY_9AM
        )
    async with sessions() as session, session.begin():
        again = await inbox.record(
            session=session, updates=[_update(2), _update(3)], now=MONDAY_9AM
        )
    assert first == {1, 2} and again == {3}
    async with sessions() as session:
        assert [u["update_id"] for u in await inbox.unprocessed(session=session)] == [1, 2, 3]


async def test_the_first_committed_write_carries_the_mark(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        await inbox.record(session=session, updates=[_update(7), _update(8)], now=MONDAY_9AM)
    # A transaction that fails takes the mark down with it; the next one that commits has it.
    with inbox.handling(7, MONDAY_9AM) as state:
        with pytest.raises(RuntimeError):
            async with sessions() as session, session.begin():
                await requesters.get_or_create_requester(
                    session=session, telegram_user_id=1, chat_id=1, language="zh", now=MONDAY_9AM
                )
                raise RuntimeError("crash before commit")
        assert not state.marked and not (await _processed(sessions))[7]
        async with sessions() as session, session.begin():  # a read: no mark
            await session.scalar(select(Requester))
        assert not state.marked
        async with sessions() as session, session.begin():
            await requesters.get_or_create_requester(
                session=session, telegram_user_id=1, chat_id=1, language="zh", now=MONDAY_9AM
            )
        assert state.marked
    assert await _processed(sessions) == {7: True, 8: False}
    async with sessions() as session:
        assert [u["update_id"] for u in await inbox.unprocessed(session=session)] == [8]


async def test_an_old_id_used_again_is_a_new_update(sessions: Sessions) -> None:
    """Telegram may start its ids anywhere after a quiet week: only recent ids are repeats."""
    from datetime import timedelta

    async with sessions() as session, session.begin():
        await inbox.record(session=session, updates=[_update(5, "旧")], now=MONDAY_9AM)
        await inbox.mark_processed(session=session, update_id=5, now=MONDAY_9AM)
    later = MONDAY_9AM + timedelta(days=9)
    async with sessions() as session, session.begin():
        assert await inbox.record(session=session, updates=[_update(5, "新")], now=later) == {5}
    async with sessions() as session:
        (payload,) = await inbox.unprocessed(session=session)
    assert payload["message"]["text"] == "新"
