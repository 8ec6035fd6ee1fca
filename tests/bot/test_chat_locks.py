"""What decides who handles a chat's next update on PostgreSQL: a chat's unprocessed updates,
and the update itself whatever its chat, in Telegram's order (bot/chat_locks.py `backlog`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import delete

from bot import inbox
from bot.chat_locks import ChatLocks, for_database
from bot.db import create_engine, session_factory
from bot.models import InboundUpdate

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
CHATS = (None, 101, 202)  # None: an update without a chat (an inline query, say)

# An inbox: per update id (1..12), its chat and whether it was processed.
inboxes = st.dictionaries(
    st.integers(1, 12), st.tuples(st.sampled_from(CHATS), st.booleans()), max_size=12
)


@pytest.fixture
async def locks(postgres_url: str) -> AsyncIterator[ChatLocks]:
    found = for_database(postgres_url)
    assert found is not None
    try:
        yield found
    finally:
        await found.close()


async def _fill(url: str, rows: dict[int, tuple[int | None, bool]]) -> None:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session, session.begin():
            await session.execute(delete(InboundUpdate))
            updates = [{"update_id": update_id} for update_id in sorted(rows)]
            chats = {update_id: chat for update_id, (chat, _) in rows.items()}
            await inbox.record(session=session, updates=updates, now=NOW, chats=chats)
            for update_id, (_, processed) in rows.items():
                if processed:
                    await inbox.mark_processed(session=session, update_id=update_id, now=NOW)
    finally:
        await engine.dispose()


def _expected(
    rows: dict[int, tuple[int | None, bool]], chat_id: int | None, update_id: int, limit: int
) -> list[int]:
    """The specification: unprocessed, of the chat or the update itself, in order, at most
    `limit` (an update without a chat is no chat's)."""
    return sorted(
        u
        for u, (chat, processed) in rows.items()
        if not processed and ((chat is not None and chat == chat_id) or u == update_id)
    )[:limit]


async def test_a_chats_backlog_and_the_update_itself_once_each_in_order(
    postgres_url: str, locks: ChatLocks
) -> None:
    rows = {1: (101, False), 2: (101, True), 3: (101, False), 4: (202, False), 5: (None, False)}
    await _fill(postgres_url, rows)

    assert [u for u, _ in await locks.backlog(101, 4)] == [1, 3, 4]
    assert [u for u, _ in await locks.backlog(101, 3)] == [1, 3]  # its own: not twice
    assert [u for u, _ in await locks.backlog(None, 5)] == [5]  # no chat: the update alone
    assert [u for u, _ in await locks.backlog(202, 1)] == [1, 4]  # another chat's, by its id
    assert [u for u, _ in await locks.backlog(101, 2)] == [1, 3]  # processed: not there
    assert [u for u, _ in await locks.backlog(101, 4, limit=2)] == [1, 3]
    payloads = dict(await locks.backlog(202, 5))
    assert payloads == {4: {"update_id": 4}, 5: {"update_id": 5}}


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=inboxes, chat_id=st.sampled_from(CHATS), limit=st.integers(1, 13), data=st.data())
async def test_the_backlog_is_what_its_specification_says(
    postgres_url: str,
    locks: ChatLocks,
    rows: dict[int, tuple[int | None, bool]],
    chat_id: int | None,
    limit: int,
    data: st.DataObject,
) -> None:
    # The update handled is in the inbox, or (-1) there is none: the orphans' look.
    update_id = data.draw(st.sampled_from([*sorted(rows), -1]))
    await _fill(postgres_url, rows)
    found = [u for u, _ in await locks.backlog(chat_id, update_id, limit)]
    assert found == _expected(rows, chat_id, update_id, limit)
