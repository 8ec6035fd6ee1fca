"""Looks the end-to-end tests take at what the bot did: the tickets in its database, what the
requester's messages filed under one say, a message's buttons, all it said to someone."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, Ticket, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until

App = Application  # type: ignore[type-arg]


async def all_tickets(application: App) -> list[Ticket]:
    """Every ticket, in the order they were opened."""
    async with application.bot_data.desk.sessions() as session:
        return list(await session.scalars(select(Ticket).order_by(Ticket.id)))


async def ticket_no(application: App, ticket_id: int) -> Ticket | None:
    """Ticket `ticket_id`, if there is one."""
    async with application.bot_data.desk.sessions() as session:
        return await session.get(Ticket, ticket_id)


async def filed_texts(application: App, ticket_id: int) -> list[str]:
    """What the requester's messages filed under a ticket say ("" for one without words)."""
    async with application.bot_data.desk.sessions() as session:
        rows = await session.scalars(
            select(TicketMessage).where(
                TicketMessage.ticket_id == ticket_id, TicketMessage.direction == Direction.IN
            )
        )
        return [m.text or "" for m in rows]


def callbacks_of(line: object) -> list[str]:
    """The callback data of a message's buttons, row by row."""
    return [b["callback_data"] for row in getattr(line, "buttons", []) for b in row]


def said_text(world: Any, user: int) -> str:
    """All the bot has said to someone, a line a message."""
    return "\n".join(line.text for line in bot_said(world, user))


async def reply_to(emulator: Emulator, user: int, text: str) -> str:
    """`text` sent by `user`; the bot's reply, once it comes."""
    world = emulator.world
    told = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > told)
    return str(bot_said(world, user)[-1].text)
