"""Issue 14, a fresh tester: a closed ticket is shown as closed everywhere. A forum topic was
opened for a ticket withdrawn before the topic's call went out; /status showed the officer's
question as waiting on a withdrawn ticket; an auto-closed ticket's card still read "claimed".
End to end over the emulation, in both languages.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.limits import Fault
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
CASE = {
    REQUESTER: ("我想申请公租房", "请问您家几口人?", "撤销工单吧", "负责人向您提问", "已撤销"),
    ENGLISH: (
        "I want to apply for public rental housing",
        "How many people live in your household?",
        "never mind, cancel it",
        "the officer asked you",
        "withdrawn",
    ),
}


async def _withdraw(emulator: Emulator, who: int, words: str) -> None:
    world = emulator.world
    heard = len(bot_said(world, who))
    await world.user_sends(who, words)
    asked = (await bot_lines(emulator, who, heard + 1))[-1]
    await world.user_presses(who, who, asked.message_id, "wd:1")
    await bot_lines(emulator, who, heard + 2)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_no_topic_for_a_ticket_withdrawn_before_it_opened(
    running: tuple[Emulator, App], requester: int
) -> None:
    """Claimed, its topic's call held back by Telegram (429), withdrawn meanwhile: no topic is
    opened when the call may go; the staff still read that it was withdrawn."""
    emulator, _ = running
    world = emulator.world
    question, _, withdrawing, _, _ = CASE[requester]
    await world.user_sends(requester, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    emulator.faults.add("createForumTopic", Fault(429, retry_after=2))
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: emulator.faults.pending("createForumTopic") == 0)
    await bot_lines(emulator, requester, 2)
    await _withdraw(emulator, requester, withdrawing)
    heard = len(bot_said(world, GENERAL_GROUP))
    await until(lambda: len(bot_said(world, GENERAL_GROUP)) > heard, seconds=8)
    await asyncio.sleep(3)  # past the 429's wait: the topic's call would have gone by now
    assert not world.chats[GENERAL_GROUP].topics


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_status_shows_no_question_waiting_on_a_withdrawn_ticket(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, _ = running
    world = emulator.world
    question, asked, withdrawing, waiting, withdrawn = CASE[requester]
    await world.user_sends(requester, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    heard = len(await bot_lines(emulator, requester, 2))
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, asked, GENERAL_GROUP, topic.thread_id)
    await bot_lines(emulator, requester, heard + 1)
    await _withdraw(emulator, requester, withdrawing)
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, "/status")
    status = (await bot_lines(emulator, requester, heard + 1))[-1].text
    assert withdrawn in status.casefold() and "#1" in status, status
    assert waiting not in status and asked not in status, status


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_an_auto_closed_ticket_redraws_its_card(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    """Resolved, never confirmed: at the auto-close time the card says it closed so, and
    when, with its owner (the staff's card is in the desk's language), as a withdrawn or
    confirmed one's does; no longer "claimed by"."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(requester, CASE[requester][0])
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    heard = len(await bot_lines(emulator, requester, 2))
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/resolve 已办结", GENERAL_GROUP, topic.thread_id)
    await bot_lines(emulator, requester, heard + 1)
    desk = DeskContext(application).desk
    desk_clock.now += desk.settings.closure.auto_close_after + timedelta(minutes=1)
    await sweep(DeskContext(application))
    await until(lambda: "自动关闭" in world.find(GENERAL_GROUP, card.message_id)["text"])
    shown = world.find(GENERAL_GROUP, card.message_id)["text"]
    assert "超时未确认" in shown and "负责人 王芳" in shown and "已由" not in shown, shown


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_topic_made_while_its_ticket_was_withdrawn_is_closed_at_once(
    running: tuple[Emulator, App],
) -> None:
    """The topic's call on its way (Telegram slow to answer) while the requester withdraws:
    the topic made is closed at once, and nothing of the ticket goes into it."""
    emulator, _ = running
    world = emulator.world
    question, _, withdrawing, _, _ = CASE[REQUESTER]
    await world.user_sends(REQUESTER, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    emulator.faults.add("createForumTopic", Fault(None, delay=3))
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: emulator.faults.pending("createForumTopic") == 0)
    await bot_lines(emulator, REQUESTER, 2)
    await _withdraw(emulator, REQUESTER, withdrawing)
    await until(lambda: bool(world.chats[GENERAL_GROUP].topics), seconds=8)
    (topic,) = world.chats[GENERAL_GROUP].topics.values()
    await until(lambda: topic.closed)
    await until(lambda: any("撤销" in e.text for e in bot_said(world, GENERAL_GROUP)))
    await asyncio.sleep(0.5)
    assert not bot_said(world, GENERAL_GROUP, topic.thread_id)
