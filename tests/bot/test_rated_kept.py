"""A requester's message reads when they last rated a ticket with who they are
(bot/requesters.py `requester_with_current`, bot/rated_kept.py): `kept` answers what the
query for it would find, and a rating written since, or one not yet written, makes it
step aside (the caller queries, as before)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import rated_kept, requesters
from bot.models import Rating, Ticket
from bot.rules import Rules
from tests.bot.helpers import new_requester, new_ticket
from tests.conftest import MONDAY_9AM

USER = 5002


async def _read(session: AsyncSession, user: int = USER) -> requesters.Asking:
    return await requesters.requester_with_current(
        session=session, telegram_user_id=user, chat_id=user, language="zh", now=MONDAY_9AM
    )


async def _latest(session: AsyncSession, requester_id: int) -> object:
    """What a query finds: the instant of the requester's latest rating."""
    return await session.scalar(
        select(func.max(Rating.at))
        .join(Ticket, Rating.ticket_id == Ticket.id)
        .where(Ticket.requester_id == requester_id)
    )


async def _rate(
    sessions: async_sessionmaker[AsyncSession], ticket_id: int, minutes: int, score: int
) -> None:
    async with sessions() as session, session.begin():
        at = MONDAY_9AM + timedelta(minutes=minutes)
        session.add(Rating(ticket_id=ticket_id, owner_id=None, score=score, at=at))


async def test_the_latest_rating_comes_with_the_requester(
    sessions: async_sessionmaker[AsyncSession], rules: Rules
) -> None:
    requester_id = await new_requester(sessions, MONDAY_9AM, USER)
    async with sessions() as session:
        await _read(session)
        assert rated_kept.kept(session, USER) == (None,)  # never rated
    first = await new_ticket(sessions, rules, MONDAY_9AM, requester_id=requester_id)
    second = await new_ticket(
        sessions, rules, MONDAY_9AM, requester_id=requester_id, question="楼下路灯坏了"
    )
    await _rate(sessions, first.id, 30, 5)
    await _rate(sessions, second.id, 10, 1)  # later ticket, earlier rating
    async with sessions() as session:
        await _read(session)
        kept = rated_kept.kept(session, USER)
        assert kept is not None
        assert kept[0] == await _latest(session, requester_id)
        assert kept[0] == MONDAY_9AM + timedelta(minutes=30)
        assert rated_kept.kept(session, USER + 1) is None  # someone else's: not known
        # A rating written since (by any session of the process): the query decides again.
        later = MONDAY_9AM + timedelta(minutes=40)
        await session.execute(insert(Rating).values(ticket_id=second.id, score=2, at=later))
        assert rated_kept.kept(session, USER) is None
        # One in this session, not yet written: the same.
        await _read(session)
        assert rated_kept.kept(session, USER) is not None
        session.add(Rating(ticket_id=first.id, owner_id=None, score=3, at=MONDAY_9AM))
        assert rated_kept.kept(session, USER) is None
        await session.rollback()


async def test_a_first_contact_has_rated_nothing(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        asking = await _read(session, USER + 7)
        assert asking.requester.id is None  # not written yet
        assert rated_kept.kept(session, USER + 7) == (None,)
        await session.rollback()
