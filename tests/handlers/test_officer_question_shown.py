"""Issue 14, a fresh tester: an officer's question to the requester ("请问具体是几号楼?")
showed in the requester's notices as "最新进展" (latest progress). It is a question from the
officer, waiting for their answer: /status and the day's progress notice say so, in the
requester's language. End to end over the emulation; the clock is moved, not slept on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    only_topic,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
CASE = {
    REQUESTER: ("我想申请公租房", "请问您家几口人?户籍在本市吗?", "负责人向您提问", "最新进展"),
    ENGLISH: (
        "I want to apply for public rental housing",
        "How many people live in your household?",
        "the officer asked you",
        "latest",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_an_officers_question_is_shown_as_a_question(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    question, asked, told, progress = CASE[requester]
    await world.user_sends(requester, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    heard = len(await bot_lines(emulator, requester, 2))
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, asked, GENERAL_GROUP, topic.thread_id)
    heard = len(await bot_lines(emulator, requester, heard + 1))
    await world.user_sends(requester, "/status")
    status = (await bot_lines(emulator, requester, heard + 1))[-1].text
    assert told in status and asked in status and progress not in status, status
    heard += 1
    desk_clock.now += timedelta(hours=25)
    await sweep(DeskContext(application))
    desk_clock.now += timedelta(hours=2)
    await sweep(DeskContext(application))
    notice = (await bot_lines(emulator, requester, heard + 1))[-1].text
    assert told in notice and asked in notice and progress not in notice, notice
