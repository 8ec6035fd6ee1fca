"""A ticket of the requester's answered by its officer, resolved, rated and closed over the
emulation: what the recurrence tests reply under."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.models import Ticket, TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
QUESTION = "我想申请公租房"
OFFICERS_WORDS = "您好,我是王芳,公租房申请材料清单已发给您"


async def answered_and_closed(
    emulator: Emulator, application: App, user: int, topic: Any, words: str
) -> Any:
    """The officer's `words` to `user` in ticket #1's topic; then /resolve, the resolution
    rated by `user` and the ticket closed: the requester's copy of the officer's words."""
    world = emulator.world
    await world.user_sends(OFFICER, words, GENERAL_GROUP, topic.thread_id)
    await until(lambda: any(e.text == words for e in bot_said(world, user)))
    theirs = next(e for e in bot_said(world, user) if e.text == words)
    await world.user_sends(OFFICER, "/resolve 已发材料清单", GENERAL_GROUP, topic.thread_id)
    await until(lambda: any("已发材料清单" in e.text for e in bot_said(world, user)))
    resolution = next(e for e in bot_said(world, user) if "已发材料清单" in e.text)
    await world.user_presses(user, user, resolution.message_id, "rate:1:5")

    async def closed() -> bool:
        async with application.bot_data.desk.sessions() as session:
            ticket = await session.get(Ticket, 1)
            return ticket is not None and ticket.status is TicketStatus.CLOSED

    await until(closed)
    return theirs


async def a_closed_ticket(
    emulator: Emulator, application: App, user: int = REQUESTER, words: str = OFFICERS_WORDS
) -> Any:
    """Ticket #1 of `user`'s, claimed, the officer's `words` to them, resolved, rated and
    closed: the requester's copy of the officer's words."""
    world = emulator.world
    await world.user_sends(user, QUESTION)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    return await answered_and_closed(emulator, application, user, topic, words)
