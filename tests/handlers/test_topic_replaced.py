"""A ticket's topic deleted by a person: the replacement topic's introduction shows the
question as it reads now (the requester's edits applied) and everything the first one showed,
the photos, voice, location and contact that came with the first inquiry among them (issue 14,
8). End to end over the emulation, in both languages of the staff."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]
OFFICER = 100101
KEPT = ["photo", "voice", "location", "contact"]


async def _replaced(emulator: Emulator, desk_clock: DeskClock) -> tuple[Any, list[Any]]:
    """Ticket #1 opened with KEPT before its question, the question edited after the claim,
    its topic deleted and the requester writing again: the first topic and what the bot put
    into the second."""
    world = emulator.world
    world.limits.enabled = False
    for kind in KEPT:
        await control(emulator, "media", {"user_id": REQUESTER, "kind": kind})
    await bot_lines(emulator, REQUESTER, 1)  # asked what it is about
    question = await world.user_sends(REQUESTER, "我想申请公租房")
    assert question is not None
    # The card first; what came with the question follows under it.
    card = (await bot_lines(emulator, GENERAL_GROUP, 1))[0]
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    # The introduction and the four things kept, copied.
    await until(lambda: len(bot_said(world, GENERAL_GROUP, topic.thread_id)) == 5)
    edited = "我想申请公租房,家里四口人"
    await world.user_edits(REQUESTER, REQUESTER, question["message"]["message_id"], edited)
    await until(lambda: bot_said(world, GENERAL_GROUP, topic.thread_id)[-1].text == edited)
    deleting = {"user_id": OFFICER, "chat_id": GENERAL_GROUP, "action": "delete"}
    await control(emulator, "topics", {**deleting, "message_thread_id": topic.thread_id})
    await world.user_sends(REQUESTER, "户口本要原件吗?")
    await until(lambda: len(world.chats[GENERAL_GROUP].topics) == 1)
    second = max(world.chats[GENERAL_GROUP].topics)
    in_second = lambda: bot_said(world, GENERAL_GROUP, second)  # noqa: E731
    await until(lambda: in_second() and in_second()[-1].text == "户口本要原件吗?")
    return topic, in_second()


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_replacement_topic_shows_the_question_as_it_reads_now_and_what_came_with_it(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, _ = running
    _first, lines = await _replaced(emulator, desk_clock)
    intro, *copied, answer = lines
    assert "原来的话题已被关闭或删除" in intro.text
    assert "我想申请公租房" in intro.text
    assert "诉求人(开单后修改,现为):我想申请公租房,家里四口人" in intro.text
    assert [e.kind for e in copied] == KEPT
    assert answer.text == "户口本要原件吗?"
