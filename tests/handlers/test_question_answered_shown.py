"""Issue 14, a fresh tester: the progress notice of the street light's ticket said
"负责人向您提问,等待您的答复:请问灯杆上的编号是多少?" twice, though "编号是A-0312" had been
filed under it, and again once it was resolved and reopened. An officer's question counts
answered once the requester wrote to the ticket after it, or the ticket was resolved since;
notices and /status show it as a question waiting only while it waits, and once answered as
the officer's question they answered, never as progress. End to end over the emulation, both
languages; the clock is moved, not slept on."""

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
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
# /status shows an answered question as what it is (issue 14: it was "最新进展"), not progress.
SHOWN = {REQUESTER: ("您已答复负责人的提问", "最新进展"), ENGLISH: ("you answered", "latest:")}
CASE = {
    REQUESTER: ("我想申请公租房", "请问您家几口人?", "三口人", "负责人向您提问", "还是没办好"),
    ENGLISH: (
        "I want to apply for public rental housing",
        "How many people live in your household?",
        "Three of us",
        "the officer asked you",
        "It is still not solved",
    ),
}


async def _notice(emulator: Emulator, application: App, clock: DeskClock, user: int) -> str:
    """The requester's next progress notice, the clock moved a day on."""
    heard = len(bot_said(emulator.world, user))
    clock.now += timedelta(hours=25)
    await sweep(DeskContext(application))
    clock.now += timedelta(hours=2)
    await sweep(DeskContext(application))
    return str((await bot_lines(emulator, user, heard + 1))[-1].text)


async def _says(emulator: Emulator, clock: DeskClock, user: int, words: str) -> str:
    clock.now += timedelta(minutes=1)
    heard = len(bot_said(emulator.world, user))
    await emulator.world.user_sends(user, words)
    return str((await bot_lines(emulator, user, heard + 1))[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_an_answered_question_is_not_asked_again(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    question, asked, answer, told, not_solved = CASE[requester]
    await world.user_sends(requester, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, requester, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(OFFICER, asked, GENERAL_GROUP, topic.thread_id)
    await until(lambda: any(asked in e.text for e in bot_said(world, requester)))
    # Unanswered, the notice shows it as the question waiting.
    assert told in await _notice(emulator, application, desk_clock, requester)
    await _says(emulator, desk_clock, requester, answer)
    notice = await _notice(emulator, application, desk_clock, requester)
    assert told not in notice and "#1" in notice, notice
    status = await _says(emulator, desk_clock, requester, "/status")
    assert told not in status, status
    answered, progress = SHOWN[requester]
    assert f"{answered}" in status and asked in status and progress not in status, status
    # Asked again, then resolved unanswered and reopened: nothing waits on it any more.
    desk_clock.now += timedelta(minutes=1)
    heard = len(bot_said(world, requester))
    await world.user_sends(OFFICER, asked, GENERAL_GROUP, topic.thread_id)
    await bot_lines(emulator, requester, heard + 1)
    desk_clock.now += timedelta(minutes=1)
    heard = len(bot_said(world, requester))
    await world.user_sends(OFFICER, "/resolve 已办结", GENERAL_GROUP, topic.thread_id)
    await bot_lines(emulator, requester, heard + 1)
    await _says(emulator, desk_clock, requester, not_solved)
    notice = await _notice(emulator, application, desk_clock, requester)
    assert told not in notice and "#1" in notice, notice
