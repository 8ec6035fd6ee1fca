"""A requester's message reads whether their current ticket was told of a danger with the
requester (bot/requesters.py `requester_with_current`), as a card redrawn reads it with its
ticket (bot/intake/card.py `to_redraw`): what `dangers.of_tickets` answers later in that
transaction is what its own query would answer, without running it; a danger told meanwhile
is seen."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import dangers, requesters
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


async def test_a_ticket_told_of_no_danger_is_known_so_until_one_is_told(
    sessions: async_sessionmaker[AsyncSession], rules: Rules
) -> None:
    requester_id = await new_requester(sessions, MONDAY_9AM, USER)
    await new_ticket(sessions, rules, MONDAY_9AM, requester_id=requester_id, question="电梯坏了")
    counted = _counted(sessions)
    async with sessions() as session, session.begin():
        _, current, _ = await _read(session)
        assert current is not None
        read = counted["selects"]
        assert await dangers.of_tickets(session, [current.id]) == {}
        assert counted["selects"] == read  # read with the ticket
        kinds = dangers.told(
            session,
            current,
            text="电梯里困住人了,救命",
            words=["救命"],
            now=MONDAY_9AM,
            actor_id=None,
        )
        assert kinds
        assert (await dangers.of_tickets(session, [current.id]))[current.id] == kinds
    async with sessions() as session:
        _, current, _ = await _read(session)
        assert current is not None
        assert (await dangers.of_tickets(session, [current.id]))[current.id] == kinds
