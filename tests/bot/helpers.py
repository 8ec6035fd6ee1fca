"""Small steps the domain tests share: a requester, a ticket, a transaction, the outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import requesters, tickets
from bot.models import OutboxMessage, Ticket
from bot.rules import Rules

OFFICER = 100101  # general services
OFFICER_2 = 100102
SUPERVISOR = 100190
OTHER_DEPT_OFFICER = 100201  # social security
OTHER_DEPT_SUPERVISOR = 100290


async def new_requester(
    sessions: async_sessionmaker[AsyncSession], now: datetime, telegram_user_id: int = 5001
) -> int:
    async with sessions() as session, session.begin():
        requester = await requesters.get_or_create_requester(
            session=session,
            telegram_user_id=telegram_user_id,
            chat_id=telegram_user_id,
            language="zh",
            now=now,
        )
        return requester.id


async def new_ticket(
    sessions: async_sessionmaker[AsyncSession],
    rules: Rules,
    now: datetime,
    *,
    requester_id: int,
    question: str = "我的社保卡丢了怎么补办?",
    category: str = "consultation",
    priority: str | None = None,
) -> Ticket:
    async with sessions() as session, session.begin():
        opened = await tickets.open_ticket(
            session=session,
            rules=rules,
            requester_id=requester_id,
            question=question,
            category=category,
            priority=priority,
            now=now,
        )
        return opened.ticket


async def outbox_rows(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
    """Every message stored to send, in the order it was stored."""
    async with sessions() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
