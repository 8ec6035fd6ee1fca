"""The transaction object: an update's mark commits with its first effect, messages reach the
sender only once committed, and a rollback leaves nothing behind (on each store)."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, event, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import inbox, requesters
from bot.db import in_one_call
from bot.models import InboundUpdate, OutboxMessage, Requester
from bot.outbox import LEASE, Queued
from bot.outgoing import Outgoing
from bot.transaction import Transactions
from tests.conftest import MONDAY_9AM

Sessions = async_sessionmaker[AsyncSession]
NOW = MONDAY_9AM


def _notice(ticket_id: int) -> Outgoing:
    return Outgoing(5001, "zh", "added_to_ticket", {"ticket_id": ticket_id})


async def _received(sessions: Sessions, *update_ids: int) -> Transactions:
    async with sessions() as session, session.begin():
        updates = [{"update_id": u, "message": {"message_id": u}} for u in update_ids]
        await inbox.record(session=session, updates=updates, now=NOW)
    return Transactions(sessions, clock=lambda: NOW)


async def _processed(sessions: Sessions) -> dict[int, bool]:
    async with sessions() as session:
        rows = await session.execute(select(InboundUpdate.update_id, InboundUpdate.processed_at))
        return {update_id: at is not None for update_id, at in rows.all()}


async def _requesters(sessions: Sessions) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Requester)) or 0)


async def _write(transactions: Transactions, update_id: int | None) -> None:
    async with transactions(update_id=update_id) as tx:
        await requesters.get_or_create_requester(
            session=tx.session, telegram_user_id=1, chat_id=1, language="zh", now=tx.now
        )


async def test_the_mark_commits_with_the_first_effect(sessions: Sessions) -> None:
    transactions = await _received(sessions, 7, 8)
    await _write(transactions, 7)
    assert await _processed(sessions) == {7: True, 8: False}
    assert await _requesters(sessions) == 1
    assert transactions.marked(7)
    # Its later transactions carry no mark of their own; settling it forgets it.
    async with transactions(update_id=7) as tx:
        await tx.publish([_notice(1)])
    await transactions.settle(7)
    assert not transactions.marked(7)
    assert await _processed(sessions) == {7: True, 8: False}


async def test_a_rollback_takes_mark_and_messages_with_it(sessions: Sessions) -> None:
    transactions = await _received(sessions, 7)
    handed: list[list[Queued]] = []
    with pytest.raises(RuntimeError):
        async with transactions(update_id=7, sender=handed.append) as tx:
            await requesters.get_or_create_requester(
                session=tx.session, telegram_user_id=1, chat_id=1, language="zh", now=NOW
            )
            await tx.publish([_notice(1), _notice(2)])
            raise RuntimeError("crash before commit")
    assert handed == [] and tx.published == []
    assert not transactions.marked(7)
    assert await _processed(sessions) == {7: False}
    assert await _requesters(sessions) == 0
    async with sessions() as session:
        assert list(await session.scalars(select(OutboxMessage))) == []
    # A read carries no mark; the next transaction that writes does.
    async with transactions(update_id=7) as tx:
        await tx.session.scalar(select(Requester))
    assert await _processed(sessions) == {7: False}
    await _write(transactions, 7)
    assert await _processed(sessions) == {7: True}


async def test_an_update_that_wrote_nothing_is_marked_when_settled(sessions: Sessions) -> None:
    transactions = await _received(sessions, 9)
    async with transactions(update_id=9) as tx:
        await tx.session.scalar(select(Requester))
    assert await _processed(sessions) == {9: False}
    await transactions.settle(9)
    assert await _processed(sessions) == {9: True}
    async with sessions() as session:
        assert await inbox.unprocessed(session=session) == []


async def test_messages_reach_the_sender_only_after_commit(sessions: Sessions) -> None:
    transactions = await _received(sessions, 11)
    handed: list[list[Queued]] = []
    transactions.connect(handed.append)
    async with transactions(update_id=11) as tx:
        await tx.publish([_notice(1), _notice(2)])
        assert handed == []  # stored, not yet committed: nobody may send them
    assert [[q.message for q in batch] for batch in handed] == [[_notice(1), _notice(2)]]
    assert await _processed(sessions) == {11: True}  # publishing is an effect too
    async with sessions() as session:
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    # Committed, and leased to this process, which has them in hand.
    assert [r.id for r in rows] == [q.id for q in handed[0]]
    assert all(r.next_attempt_at == NOW + LEASE for r in rows)
    # Without a sender, messages wait in the outbox, due at once, for the poll.
    transactions.disconnect()
    async with transactions() as tx:
        await tx.publish([_notice(3)])
    assert tx.published == [] and len(handed) == 1
    async with sessions() as session:
        waiting = await session.scalar(select(OutboxMessage).where(OutboxMessage.id > rows[-1].id))
    assert waiting is not None and waiting.next_attempt_at == NOW


async def test_a_change_left_for_the_commit_to_write_carries_the_mark(
    sessions: Sessions,
) -> None:
    transactions = await _received(sessions, 12)
    await _write(transactions, None)  # a requester, written by no update
    async with transactions(update_id=12) as tx:
        requester = await tx.session.scalar(select(Requester))
        assert requester is not None
        requester.language = "en"  # not flushed: the commit writes it
    assert await _processed(sessions) == {12: True}
    async with sessions() as session:
        assert await session.scalar(select(Requester.language)) == "en"


async def test_what_a_transaction_publishes_is_stored_at_once_in_order(sessions: Sessions) -> None:
    """Everything a transaction published goes into the outbox in one statement as it commits,
    each row with an id above the one published before it (the sender and the poll go by the
    ids), and each handed to the sender with its own row's id."""
    transactions = await _received(sessions, 21)
    handed: list[list[Queued]] = []
    transactions.connect(handed.append)
    engine = transactions.engine.sync_engine
    inserts: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.startswith("INSERT INTO outbox"):
            inserts.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        async with transactions(update_id=21) as tx:
            await tx.publish([_notice(1), _notice(2)])
            await tx.publish([Outgoing(5002, "en", "added_to_ticket", {"ticket_id": 3})])
            await tx.publish([_notice(4)])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(inserts) == 1
    assert [(q.chat_id, q.message.context if q.message else None) for q in handed[0]] == [
        (5001, {"ticket_id": 1}),
        (5001, {"ticket_id": 2}),
        (5002, {"ticket_id": 3}),
        (5001, {"ticket_id": 4}),
    ]
    async with sessions() as session:
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert [(r.id, r.chat_id, r.context) for r in rows] == [
        (q.id, q.chat_id, q.message.context if q.message else None) for q in handed[0]
    ]


async def test_published_first_goes_before_all_and_last_after_all(sessions: Sessions) -> None:
    """`first` ahead of everything published before it, `last` after everything published
    before or after it (a joiner's incident update after their ticket's promise)."""
    transactions = await _received(sessions, 22)
    handed: list[list[Queued]] = []
    transactions.connect(handed.append)
    async with transactions(update_id=22) as tx:
        await tx.publish([_notice(1)])
        await tx.publish([_notice(2)], last=True)
        await tx.publish([_notice(3)])
        await tx.publish([_notice(4)], first=True)
        await tx.publish([_notice(5)])
    assert [q.message.context["ticket_id"] for q in handed[0] if q.message] == [4, 1, 3, 5, 2]


def _handed_on(*update_ids: int) -> list[dict[str, object]]:
    """The inbox rows of updates a polling process hands on before recording them."""
    updates = [{"update_id": u, "message": {"message_id": u}} for u in update_ids]
    return inbox.rows_of(updates, NOW, {u: 5001 for u in update_ids})


async def test_an_update_handed_on_unrecorded_is_recorded_with_its_first_effect(
    sessions: Sessions,
) -> None:
    """A polling process hands an update on before recording it: its first transaction that
    writes records it, processed, in the same commit as its effect (one commit, not two)."""
    transactions = Transactions(sessions, clock=lambda: NOW)
    transactions.unrecorded(_handed_on(31, 32))
    assert transactions.waiting_to_record([31, 32, 33]) == {31, 32}
    engine = transactions.engine.sync_engine
    commits: list[object] = []
    count = commits.append  # one bound method, to remove the listener by
    event.listen(engine, "commit", count)
    try:
        await _write(transactions, 31)
    finally:
        event.remove(engine, "commit", count)
    assert len(commits) == 1
    assert await _processed(sessions) == {31: True}
    assert await _requesters(sessions) == 1
    assert transactions.waiting_to_record([31, 32]) == {32}
    # The other, recorded on its own meanwhile (its handling took long), is marked as usual.
    await inbox.record_committed(
        engine=transactions.engine, updates=[{"update_id": 32, "message": {}}], now=NOW
    )
    assert await _processed(sessions) == {31: True, 32: False}
    async with transactions(update_id=32) as tx:
        await tx.publish([_notice(1)])
    assert await _processed(sessions) == {31: True, 32: True}
    assert await transactions.until_recorded([31, 32], 0) == set()


async def test_an_update_handed_on_unrecorded_that_wrote_nothing_is_recorded_when_settled(
    sessions: Sessions,
) -> None:
    transactions = Transactions(sessions, clock=lambda: NOW)
    transactions.unrecorded(_handed_on(41))
    async with transactions(update_id=41) as tx:
        await tx.session.scalar(select(Requester))
    assert await _processed(sessions) == {}
    assert await transactions.until_recorded([41], 0) == {41}
    await transactions.settle(41)
    assert await _processed(sessions) == {41: True}
    assert await transactions.until_recorded([41], 0) == set()
    async with sessions() as session:
        assert await inbox.payload(session=session, update_id=41) == {
            "update_id": 41,
            "message": {"message_id": 41},
        }


async def test_a_single_read_opens_no_transaction(sessions: Sessions, store: str) -> None:
    """`Transactions.reading`: one SELECT, nothing around it (bot/db.py `one_read`)."""
    transactions = Transactions(sessions, clock=lambda: NOW)

    def read(connection: Connection) -> tuple[int, bool]:
        found = connection.execute(select(func.count()).select_from(Requester)).scalar_one()
        driver = connection.connection.driver_connection
        if store == "sqlite":  # aiosqlite's own, or the one of bot/db.py InlineConnection
            held = driver._connection.in_transaction
        else:
            held = driver.is_in_transaction()
        return found, held

    assert await in_one_call(transactions.reading, read, transaction=False) == (0, False)
