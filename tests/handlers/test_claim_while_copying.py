"""A ticket claimed while what came with its question is still on its way to the card (a slow
or busy staff group): the claim's new topic is introduced once and holds each thing once; what
was still on its way goes under the card as it would have, never opening a topic of its own
before the claim's. End to end over the emulation (the group's copies slowed by a delayed
answer of Telegram's)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
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
KEPT = ["photo", "voice", "location", "contact"]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_claim_while_the_questions_photos_are_on_their_way_introduces_the_topic_once(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    world.limits.enabled = False
    for kind in KEPT:
        await control(emulator, "media", {"user_id": REQUESTER, "kind": kind})
    await bot_lines(emulator, REQUESTER, 1)  # asked what it is about
    # The first thing copied under the card takes a while to be answered.
    slow = {"method": "copyMessage", "status": None, "delay": 1.5, "count": 1}
    await control(emulator, "faults", slow)
    await world.user_sends(REQUESTER, "我想申请公租房")
    card = (await bot_lines(emulator, GENERAL_GROUP, 1))[0]
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    in_topic = lambda: bot_said(world, GENERAL_GROUP, topic.thread_id)  # noqa: E731
    await until(lambda: len(in_topic()) >= 5)
    await asyncio.sleep(0.5)  # anything more that would come
    intro, *copied = in_topic()
    assert "工单 #1 由 王芳 负责" in intro.text
    assert [e.kind for e in copied] == KEPT
    assert len(world.chats[GENERAL_GROUP].topics) == 1
    # Under the card: each thing once, as it went before the claim, the rest after it.
    general: list[Any] = [
        e for e in bot_said(world, GENERAL_GROUP) if e.thread_id != topic.thread_id
    ]
    assert [e.kind for e in general][1:] == KEPT
