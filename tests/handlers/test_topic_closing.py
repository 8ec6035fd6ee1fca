"""Issue 14: a ticket's forum topic follows the ticket. Closed (confirmed, rated, withdrawn),
where config `closure.close_topics` says so, its topic is closed after the last word about it
went there, so nobody goes on writing in a finished case; what still comes about it (a rating
given later) goes under its card. Back in hand (the requester says it is not solved, or takes
a withdrawal back), its topic is reopened so its staff can write in it again, even one a
person closed after the resolution."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.config import Settings, load_settings
from emulator.server import Emulator
from tests.conftest import ROOT
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]
OFFICER = 100101


@pytest.fixture
def settings() -> Settings:
    """config.yaml, with closed tickets' topics closed (config `closure.close_topics`)."""
    configured = load_settings(ROOT / "config.yaml")
    closure = configured.closure.model_copy(update={"close_topics": True})
    return configured.model_copy(update={"closure": closure})


async def _resolved(emulator: Emulator, requester: int, question: str) -> tuple[Any, Any]:
    """Ticket #1 of `requester`, claimed and resolved: its topic, and the resolution."""
    world = emulator.world
    await world.user_sends(requester, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, requester, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/resolve 已安排检修", GENERAL_GROUP, topic.thread_id)
    resolution = (await bot_lines(emulator, requester, 3))[-1]
    assert "已安排检修" in resolution.text
    return topic, resolution


def _service(world: Any, thread: int) -> list[str]:
    """The topic's service messages, in order (forum_topic_closed, ..._reopened)."""
    found = []
    for entry in world.transcripts[GENERAL_GROUP]:
        if entry.thread_id != thread or entry.kind != "service":
            continue
        message = world.messages.get((GENERAL_GROUP, entry.message_id), {})
        found += [k for k in ("forum_topic_closed", "forum_topic_reopened") if k in message]
    return found


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_confirmed_ticket_closes_its_topic_after_its_last_word(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    topic, resolution = await _resolved(emulator, REQUESTER, "我想申请公租房")
    await world.user_presses(REQUESTER, REQUESTER, resolution.message_id, "rate:1:5")
    await until(lambda: world.chats[GENERAL_GROUP].topics[topic.thread_id].closed)
    # The rating was said in the topic before it closed.
    in_topic = [e.text for e in bot_said(world, GENERAL_GROUP, topic.thread_id)]
    assert any("5" in t and "评" in t for t in in_topic), in_topic
    assert _service(world, topic.thread_id)[-1] == "forum_topic_closed"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_not_solved_reopens_a_topic_a_person_closed_after_the_resolution(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    topic, resolution = await _resolved(emulator, ENGLISH, "我想申请公租房")
    closing = {"user_id": OFFICER, "chat_id": GENERAL_GROUP, "action": "close"}
    await control(emulator, "topics", {**closing, "message_thread_id": topic.thread_id})
    await world.user_presses(ENGLISH, ENGLISH, resolution.message_id, "reopen:1")
    await until(lambda: not world.chats[GENERAL_GROUP].topics[topic.thread_id].closed)
    await until(lambda: any("重新打开" in e.text for e in bot_said(world, GENERAL_GROUP)))
    # The same topic, open: its owner writes there and the requester reads it.
    assert list(world.chats[GENERAL_GROUP].topics) == [topic.thread_id]
    await world.user_sends(OFFICER, "师傅明天再去一次", GENERAL_GROUP, topic.thread_id)
    await until(lambda: bot_said(world, ENGLISH)[-1].text == "师傅明天再去一次")


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_withdrawn_ticket_closes_its_topic_and_taken_back_reopens_it(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    heard = len(await bot_lines(emulator, REQUESTER, 2))
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(REQUESTER, "算了,不用了,我自己找物业了")
    asked = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    await world.user_presses(REQUESTER, REQUESTER, asked.message_id, "wd:1")
    await until(lambda: world.chats[GENERAL_GROUP].topics[topic.thread_id].closed)

    await world.user_sends(REQUESTER, "我没要撤销公租房那个!")
    await until(lambda: not world.chats[GENERAL_GROUP].topics[topic.thread_id].closed)
    assert _service(world, topic.thread_id)[-2:] == ["forum_topic_closed", "forum_topic_reopened"]
    await world.user_sends(OFFICER, "好的,继续为您办理", GENERAL_GROUP, topic.thread_id)
    await until(lambda: bot_said(world, REQUESTER)[-1].text == "好的,继续为您办理")
    assert list(world.chats[GENERAL_GROUP].topics) == [topic.thread_id]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_closed_topic_s_late_word_goes_under_the_card(running: tuple[Emulator, App]) -> None:
    """Confirmed in words, then rated: the rating comes after the topic closed; its staff
    read it under the ticket's card, and the topic stays closed."""
    emulator, _ = running
    world = emulator.world
    topic, _ = await _resolved(emulator, REQUESTER, "我想申请公租房")
    await world.user_sends(REQUESTER, "解决了,谢谢")
    await until(lambda: world.chats[GENERAL_GROUP].topics[topic.thread_id].closed)
    stars = await bot_lines(emulator, REQUESTER, 4)
    rate = next(e for e in reversed(stars) if e.buttons)
    await world.user_presses(REQUESTER, REQUESTER, rate.message_id, "rate:1:4")
    card = bot_said(world, GENERAL_GROUP)[0]
    await until(
        lambda: any(
            e.thread_id is None and "4" in e.text and e.message_id != card.message_id
            for e in bot_said(world, GENERAL_GROUP)[1:]
        )
    )
    assert world.chats[GENERAL_GROUP].topics[topic.thread_id].closed
