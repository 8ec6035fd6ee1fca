"""What the requester sent with their question, and before anyone claimed the ticket (issue
14, a tester: the card of a forum group says the photos are "in the replies to this card",
but they appeared only at claim): copied as replies to the card when it is posted, in a
forum group as in a group without topics, so that a clerk sees the photo before claiming;
once claimed, the ticket's topic has each once. End to end over the emulation."""

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
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]
OFFICER = 100101
QUESTION = "我想申请公租房,照片是我的收入证明"


def _under(world: Any, message_id: int) -> list[Any]:
    """The bot's messages in the staff group that reply to its message `message_id`."""
    return [
        e
        for e in bot_said(world, GENERAL_GROUP)
        if world.messages[(GENERAL_GROUP, e.message_id)]
        .get("reply_to_message", {})
        .get("message_id")
        == message_id
    ]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("forum", [True, False])
async def test_the_photos_the_card_promises_are_in_its_replies_before_the_claim(
    running: tuple[Emulator, App], forum: bool
) -> None:
    emulator, _ = running
    world = emulator.world
    world.chats[GENERAL_GROUP].is_forum = forum
    await world.user_sends_content(REQUESTER, {**photo("P1"), "caption": QUESTION})
    card = (await bot_lines(emulator, GENERAL_GROUP, 1))[0]
    assert "另附:照片×1(在本卡片的回复中" in card.text
    # The photo that came with the question, under the card, nobody having claimed it.
    await until(lambda: [e.kind for e in _under(world, card.message_id)] == ["photo"])
    (copied,) = _under(world, card.message_id)
    assert copied.text == QUESTION and copied.thread_id is None
    # A photo sent afterwards, still before any claim, goes there too.
    await world.user_sends_content(REQUESTER, photo("P2"))
    await until(lambda: [e.kind for e in _under(world, card.message_id)] == ["photo", "photo"])
    await until(lambda: "另附:照片×2" in world.messages[(GENERAL_GROUP, card.message_id)]["text"])
    assert world.chats[GENERAL_GROUP].topics == {}  # nobody claimed it: no topic yet
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    if forum:
        # The owner's topic has each photo once, after its introduction.
        topic = await only_topic(world, GENERAL_GROUP)
        in_topic = lambda: bot_said(world, GENERAL_GROUP, topic.thread_id)  # noqa: E731
        await until(lambda: sum(e.kind == "photo" for e in in_topic()) == 2)
    await asyncio.sleep(0.3)  # anything still queued for the group arrives
    assert [e.kind for e in _under(world, card.message_id)] == ["photo", "photo"]
    if forum:
        assert [e.text for e in in_topic() if e.kind == "photo"] == [QUESTION, ""]
