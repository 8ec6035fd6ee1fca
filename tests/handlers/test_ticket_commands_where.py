"""Commands that act on a ticket sent where no ticket is (a tester's /resolve in the General
topic was told "no such command"): staff are told where the command works (the ticket's topic,
or a reply to its card in a group without topics) and, for one that takes it, that the
ticket's number will do; a command written with capitals works as written in lower case
(issue 14 item 3). In the staff's language (config `languages.default`). End to end over the
emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    staff_speaking,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101

# What staff read: the command is for a ticket; where (forum, plain group); the number will do;
# no such command; the usage line's start.
SAID = {
    "zh": (
        "用于具体的工单",
        "在该工单的话题里",
        "回复该工单的卡片",
        "或写明工单号",
        "没有",
        "用法:",
    ),
    "en": (
        "is for a particular ticket",
        "in that ticket's topic",
        "as a reply to that ticket's card",
        "or give the ticket's number",
        "There is no",
        "Usage: ",
    ),
}
# Commands for one ticket, and whether each takes the ticket's number instead.
TICKET_COMMANDS = [
    ("/resolve 已办结", False),
    ("/Resolve 已办结", False),
    ("/note 打过电话", False),
    ("/transfer utilities 停水 | 请核实 | 4", False),
    ("/priority urgent", True),
    ("/propose", True),
]


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _answer(emulator: Emulator, text: str, **where: Any) -> str:
    """What the bot answers an officer's `text` in the general group (where: thread_id,
    reply_to)."""
    before = len(bot_said(emulator.world, GENERAL_GROUP))
    await emulator.world.user_sends(OFFICER, text, GENERAL_GROUP, **where)
    return str((await bot_lines(emulator, GENERAL_GROUP, before + 1))[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_ticket_command_outside_a_ticket_says_where_it_works(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    world = emulator.world
    for_ticket, in_topic, in_reply, by_number, no_such, usage = SAID[settings.languages.default]
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    # The General topic of a group with topics.
    for text, numbered in TICKET_COMMANDS:
        answer = await _answer(emulator, text)
        assert for_ticket in answer and in_topic in answer, (text, answer)
        assert no_such not in answer, (text, answer)
        assert (by_number in answer and usage in answer) is numbered, (text, answer)
    # An unknown command is still answered with the commands there.
    assert no_such in await _answer(emulator, "/close")
    # A group without topics: a plain message, replying to nothing.
    world.chats[GENERAL_GROUP].is_forum = False
    for text, numbered in TICKET_COMMANDS:
        answer = await _answer(emulator, text)
        assert for_ticket in answer and in_reply in answer, (text, answer)
        assert (by_number in answer) is numbered, (text, answer)
    # Nothing of it reached the requester: only the promise of the ticket.
    assert len(bot_said(world, REQUESTER)) == 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_commands_work_whatever_their_casing(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await until(lambda: bool(bot_said(world, GENERAL_GROUP, topic.thread_id)))
    no_such = SAID[settings.languages.default][4]
    # A note, a command handled by its own handler, and the resolution, each with capitals.
    noted = await _answer(emulator, "/NOTE 已电话联系", thread_id=topic.thread_id)
    assert no_such not in noted and "已电话联系" not in noted
    history = await _answer(emulator, "/Ticket 1", thread_id=topic.thread_id)
    assert "已电话联系" in history
    await world.user_sends(OFFICER, "/Resolve 已为您登记申请", GENERAL_GROUP, topic.thread_id)
    await until(lambda: any("已为您登记申请" in e.text for e in bot_said(world, REQUESTER)))
    said = [e.text for e in bot_said(world, REQUESTER)]
    assert not any("已电话联系" in t or "/Resolve" in t for t in said)
