"""Mentioned in a group it does not serve, the bot says briefly that the group is not served
and how to reach it (a private chat): a tester's "@shouwen_bot 公租房怎么申请" in a
residents' group got silence. Whatever is not addressed to it there stays unanswered (other
bots' commands, people talking). End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]
STRANGER = -1000000000777


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_mention_in_a_group_not_served_says_where_to_write(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    group = world.add_group(STRANGER, "闲聊群", [REQUESTER, ENGLISH])
    await world.user_sends(REQUESTER, "大家好,今天停水了吗", group.id)
    await world.user_sends(REQUESTER, "/status", group.id)  # perhaps another bot's
    await world.user_sends(REQUESTER, "@shouwen_bot 公租房怎么申请", group.id)
    await until(lambda: bool(bot_said(world, group.id)))
    (said,) = bot_said(world, group.id)
    assert "私聊" in said.text and "t.me/shouwen_bot" in said.text
    await world.user_sends(ENGLISH, "@Shouwen_Bot how do I apply for housing?", group.id)
    await until(lambda: len(bot_said(world, group.id)) == 2)
    assert "private chat" in bot_said(world, group.id)[-1].text
    # The requesters' private chats heard nothing of it.
    await world.user_sends(ENGLISH, "/help")
    await bot_lines(emulator, ENGLISH, 1)
    assert not bot_said(world, REQUESTER)
