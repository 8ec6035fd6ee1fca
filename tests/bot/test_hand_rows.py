"""A requester's message reads their tickets in hand with the requester (bot/requesters.py
`requester_with_current`, bot/hand_rows.py): what `replies.in_hand` answers later in that
transaction is what its own query would answer, without running it; a write since, or a
change not yet written, is seen."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import acknowledgements, conversation, replies, requesters
from bot.models import Ticket, TicketStatus
from bot.rules import Rules
from tests.bot.helpers import new_requester, new_ticket
from tests.conftest import MONDAY_9AM

USER = 5001


def _counted(sessions: async_sessionmaker[AsyncSession]) -> Counter[str]:
    """SELECT statements the database is sent from now on, counted."""
    counted: Counter[str] = Counter()

    def count(_c: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.startswith("SELECT"):
            counted.update(["selects"])

    event.listen(sessions.kw["bind"].sync_engine, "before_cursor_execute", count)
    return counted


async def _read(session: AsyncSession) -> requesters.Asking:
    return await requesters.requester_with_current(
        session=session, telegram_user_id=USER, chat_id=USER, language="zh", now=MONDAY_9AM
    )


async def test_tickets_in_hand_come_with_the_requester_until_something_changes(
    sessions: async_sessionmaker[AsyncSession], rules: Rules
) -> None:
    requester_id = await new_requester(sessions, MONDAY_9AM, USER)
    first = await new_ticket(sessions, rules, MONDAY_9AM, requester_id=requester_id)
    second = await new_ticket(
        sessions, rules, MONDAY_9AM, requester_id=requester_id, question="楼下路灯坏了"
    )
    counted = _counted(sessions)
    async with sessions() as session:
        requester, current, holding = await _read(session)
        assert requester.id == requester_id
        assert current is not None and current.id == second.id and holding == 2
        read = counted["selects"]
        before = await replies.in_hand(session=session, requester_id=requester_id)
        assert [t.id for t, _ in before] == [first.id, second.id]
        assert counted["selects"] == read  # read with the requester
        # The requester writes under the first: read again, it shows.
        later = MONDAY_9AM + timedelta(minutes=5)
        await conversation.add_requester_message(
            session=session,
            rules=rules,
            ticket_id=first.id,
            requester_id=requester_id,
            now=later,
            text="还是没人来修",
        )
        after = await replies.in_hand(session=session, requester_id=requester_id)
        assert after[0][1].requester_wrote != before[0][1].requester_wrote
        assert after[1][1].requester_wrote == before[1][1].requester_wrote
        # A change not yet written: the query (which writes it first) decides.
        current.status = TicketStatus.CLOSED
        assert [
            t.id for t, _ in await replies.in_hand(session=session, requester_id=requester_id)
        ] == [first.id]
        await session.rollback()


async def test_the_others_in_hand_come_with_the_requester_until_a_ticket_changes(
    sessions: async_sessionmaker[AsyncSession], rules: Rules
) -> None:
    """An acknowledgement's other tickets in hand (`acknowledgements.others_in_hand`) are the
    ones read with the requester, even after their message was filed; a ticket changed since
    (written, or not yet) is seen."""
    requester_id = await new_requester(sessions, MONDAY_9AM, USER)
    first = await new_ticket(sessions, rules, MONDAY_9AM, requester_id=requester_id)
    second = await new_ticket(
        sessions, rules, MONDAY_9AM, requester_id=requester_id, question="楼下路灯坏了"
    )
    counted = _counted(sessions)
    async with sessions() as session:
        _, current, _ = await _read(session)
        assert current is not None
        await conversation.add_requester_message(
            session=session,
            rules=rules,
            ticket_id=second.id,
            requester_id=requester_id,
            now=MONDAY_9AM + timedelta(minutes=5),
            text="还是没人来修",
        )
        read = counted["selects"]
        assert await acknowledgements.others_in_hand(session=session, ticket=current) == {
            "others": [first.id]
        }
        assert counted["selects"] == read  # read with the requester
        # The first closed, not yet written: the query (which writes it first) decides.
        closing = await session.get(Ticket, first.id)
        assert closing is not None
        closing.status = TicketStatus.CLOSED
        assert await acknowledgements.others_in_hand(session=session, ticket=current) == {}
        assert counted["selects"] == read + 1
        # Written now: the tickets are read again.
        closing.status = TicketStatus.OPEN
        await session.flush()
        assert await acknowledgements.others_in_hand(session=session, ticket=current) == {
            "others": [first.id]
        }
        assert counted["selects"] == read + 2
        await session.rollback()
