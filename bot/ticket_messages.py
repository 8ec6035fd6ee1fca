"""A ticket's messages read back: all of them in order (/ticket N), and the ticket a
requester's message was filed under (an edit of it goes there)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Direction, Ticket, TicketMessage, TicketStatus
from bot.store import get


async def ticket_of_message(
    *, session: AsyncSession, chat_id: int, message_id: int
) -> Ticket | None:
    """The ticket a requester's message (`message_id` in their chat) was filed under, unless
    that ticket is closed; None if it was filed under none."""
    ticket_id = await session.scalar(
        select(TicketMessage.ticket_id)
        .where(
            TicketMessage.telegram_chat_id == chat_id,
            TicketMessage.telegram_message_id == message_id,
            TicketMessage.direction == Direction.IN,
        )
        .limit(1)
    )
    if ticket_id is None:
        return None
    ticket = await get(session=session, ticket_id=ticket_id)
    return None if ticket.status is TicketStatus.CLOSED else ticket


async def history(
    *, session: AsyncSession, ticket_id: int, public_only: bool
) -> list[TicketMessage]:
    """The ticket's messages in order; requesters get the public ones only."""
    query = select(TicketMessage).where(TicketMessage.ticket_id == ticket_id)
    if public_only:
        query = query.where(TicketMessage.direction != Direction.NOTE)
    return list(await session.scalars(query.order_by(TicketMessage.id)))
