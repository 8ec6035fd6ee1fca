"""The inbox: an update is recorded once; a recent id again is a repeat, an old one is new.
(Its mark with the first effect is the transaction's: tests/bot/test_transaction.py.)"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import inbox
from tests.conftest import MONDAY_9AM

Sessions = async_sessionmaker[AsyncSession]


def _update(update_id: int, text: str = "你好") -> dict[str, object]:
    return {"update_id": update_id, "message": {"message_id": update_id, "text": text}}


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
