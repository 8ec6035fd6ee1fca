"""Issue 14, a fresh tester: the promised time passing told the requester nothing until the
next day's progress notice. When the time promised to settle a ticket passes, the requester
hears at once, with an apology and who was told (the officer in charge and their
supervisors), never a time already past as a promise. The clock is moved, not slept on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
SORRY = {
    REQUESTER: ("我想申请公租房", "已为您查询材料清单", "很抱歉", "王芳", "主管"),
    ENGLISH: (
        "I want to apply for public rental housing",
        "We are checking the list of documents for you",
        "We are sorry",
        "Wang Fang",
        "supervisor",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_the_promised_time_passing_is_told_to_the_requester_at_once(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    question, update, sorry, owner, supervisors = SORRY[requester]
    await world.user_sends(requester, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    heard = len(await bot_lines(emulator, requester, 2))
    topic = await only_topic(world, GENERAL_GROUP)
    async with DeskContext(application).desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        assert ticket is not None
        due = ticket.resolution_due_at
    # An update an hour before the promised time: the day's notice is a day away.
    desk_clock.now = due - timedelta(hours=1)
    await world.user_sends(OFFICER, update, GENERAL_GROUP, topic.thread_id)
    heard = len(await bot_lines(emulator, requester, heard + 1))
    desk_clock.now = due + timedelta(minutes=5)
    await sweep(DeskContext(application))
    await until(lambda: len(bot_said(world, requester)) > heard)
    told = bot_said(world, requester)[heard].text
    assert sorry in told and owner in told and supervisors in told, told
