"""Telegram's implicit reply in forum topics (issue 15, E1): every message in a topic that
answers nothing else of it is a reply to the topic's first message (forum_topic_created,
whose id is the thread's). The bot finds a ticket by its topic, never by that reply."""

from __future__ import annotations

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

App = Application  # type: ignore[type-arg]
OFFICER = 100101


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_implicit_reply_to_a_topics_first_message_chooses_no_ticket(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    # The officer's words in the ticket's topic carry the implicit reply, and reach the
    # requester as before.
    update = await world.user_sends(OFFICER, "请提供户口本复印件", GENERAL_GROUP, topic.thread_id)
    assert update is not None
    root = update["message"]["reply_to_message"]
    assert root["message_id"] == topic.thread_id and "forum_topic_created" in root
    await until(lambda: any("户口本复印件" in e.text for e in bot_said(world, REQUESTER)))
    # A topic the staff keep for themselves: a command there is about no ticket (the bot
    # asks which), though Telegram marks it a reply to that topic's first message.
    chat_topic = world.create_topic(GENERAL_GROUP, "闲聊")
    told = len(bot_said(world, REQUESTER))
    await world.user_sends(OFFICER, "/priority 紧急", GENERAL_GROUP, chat_topic.thread_id)
    await until(lambda: bot_said(world, GENERAL_GROUP, chat_topic.thread_id) != [])
    (usage,) = bot_said(world, GENERAL_GROUP, chat_topic.thread_id)
    assert "/priority [N]" in usage.text
    assert len(bot_said(world, REQUESTER)) == told  # ticket #1 untouched
