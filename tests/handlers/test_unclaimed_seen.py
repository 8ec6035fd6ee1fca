"""What staff see of an unclaimed ticket (issue 14, "the first inquiry loses nothing"): the
requester's answer to an officer who asked under the card reaches that officer's group where
they asked, and the card shows what the requester said after it was opened. End to end over
the emulation, in a forum staff group and in a group without topics."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("forum", [True, False])
async def test_the_answer_to_an_officer_who_asked_under_the_card_reaches_them(
    running: tuple[Emulator, App], forum: bool
) -> None:
    emulator, _ = running
    world = emulator.world
    world.chats[GENERAL_GROUP].is_forum = forum
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(OFFICER, "请问您家几口人?", GENERAL_GROUP, reply_to=card.message_id)
    await until(lambda: any("几口人" in e.text for e in bot_said(world, REQUESTER)))
    await world.user_sends(REQUESTER, "三口人,月收入四千")
    # Where the officer asked: under the card, in the group (its General topic in a forum).
    await until(lambda: any("月收入四千" in e.text for e in bot_said(world, GENERAL_GROUP)))
    (answer,) = [e for e in bot_said(world, GENERAL_GROUP) if e.text == "三口人,月收入四千"]
    message = world.messages[(GENERAL_GROUP, answer.message_id)]
    assert message["reply_to_message"]["message_id"] == card.message_id
    assert world.chats[GENERAL_GROUP].topics == {}  # nobody claimed it: no topic
