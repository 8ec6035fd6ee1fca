"""The offline demo (`make run` without a token) started again on its database: the emulated
chats start empty, but their ids go on above those the database refers to, so the earlier
tickets carry on and no id stands for two messages (an update is not taken for one already
handled, a link or a card for another message)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.config import Settings
from bot.desk import build_desk
from bot.models import StaffLink
from handlers.app import offline_emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    serving,
    until,
)

OFFICER = 100101


def _in_topic(world: Any, thread_id: int, words: str) -> bool:
    return any(words in e.text for e in bot_said(world, GENERAL_GROUP, thread_id))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_offline_demo_started_again_goes_on_with_its_tickets(
    settings: Settings,
    database_url: str,
    desk_clock: DeskClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    # The first run: a ticket, claimed, and its officer's question to the requester.
    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    emulator = await offline_emulator(desk, settings)
    try:
        async with serving(desk, emulator):
            world = emulator.world
            await world.user_sends(REQUESTER, "我要投诉:窗口工作人员态度很差")
            (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
            await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
            await until(lambda: len(world.chats[GENERAL_GROUP].topics) == 1)
            (topic,) = world.chats[GENERAL_GROUP].topics.values()
            await world.user_sends(OFFICER, "请问是哪一天?", GENERAL_GROUP, topic.thread_id)
            await until(lambda: bot_said(world, REQUESTER)[-1].text == "请问是哪一天?")
            first_run = {c: chat.next_message_id for c, chat in world.chats.items()}
    finally:
        await emulator.stop()

    # Started again on the same database: a new, empty emulation.
    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    emulator = await offline_emulator(desk, settings)
    try:
        async with serving(desk, emulator):
            world = emulator.world
            # Its first update is handled, not taken for one of the first run's.
            await world.user_sends(REQUESTER, "是昨天上午")
            assert "已记入工单 #1" in (await bot_lines(emulator, REQUESTER, 1))[-1].text
            assert all(e.message_id >= first_run[REQUESTER] for e in world.transcripts[REQUESTER])
            # The ticket's officer reads it in a topic of this run, and answers.
            await until(lambda: len(world.chats[GENERAL_GROUP].topics) == 1)
            (topic,) = world.chats[GENERAL_GROUP].topics.values()
            await until(lambda: _in_topic(world, topic.thread_id, "是昨天上午"))
            await world.user_sends(OFFICER, "好的,已核实", GENERAL_GROUP, topic.thread_id)
            await until(lambda: bot_said(world, REQUESTER)[-1].text == "好的,已核实")
            answer = bot_said(world, REQUESTER)[-1]
            # A reply to the answer reaches ticket 1 (its link is this run's message's).
            await until(lambda: _linked_now(desk, answer.message_id))
            # (Words of the matter: thanks alone are answered, not relayed, bot/thanked.py.)
            await world.user_sends(REQUESTER, "大约十点钟", reply_to=answer.message_id)
            await until(lambda: _in_topic(world, topic.thread_id, "大约十点钟"))
            # A new ticket's card is this run's: its Claim edits it.
            await world.user_sends(
                ENGLISH, "I want to complain: the queue ticket machine is broken"
            )
            await until(lambda: any("#2" in e.text for e in bot_said(world, GENERAL_GROUP)))
            card = next(e for e in bot_said(world, GENERAL_GROUP) if "新工单 #2" in e.text)
            await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:2")
            await until(
                lambda: world.find(GENERAL_GROUP, card.message_id)["text"].endswith("认领")
            )
    finally:
        await emulator.stop()
    # Nothing went wrong on the way but the one thing expected: the first run's topic is not
    # in this emulation, and the ticket got a new one.
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert [p for p in problems if "unusable (Message thread not found)" not in p] == []


async def _linked_now(desk: Any, message_id: int) -> bool:
    async with desk.sessions() as session:
        link = await session.get(StaffLink, (REQUESTER, message_id))
        return link is not None and link.ticket_id == 1


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_message_kept_before_any_ticket_keeps_its_id_after_a_restart(
    settings: Settings, database_url: str, desk_clock: DeskClock
) -> None:
    """A location sent before the question is kept with the requester only (no ticket refers
    to it yet): started again, the emulation's next message in that chat has a higher id, so
    the kept location is not taken for the question that follows."""
    location = {"location": {"latitude": 31.2, "longitude": 121.4}}
    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    emulator = await offline_emulator(desk, settings)
    try:
        async with serving(desk, emulator):
            kept = await emulator.world.user_sends_content(ENGLISH, location)
            assert kept is not None
            await bot_lines(emulator, ENGLISH, 1)  # asked what it is about
    finally:
        await emulator.stop()

    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    emulator = await offline_emulator(desk, settings)
    try:
        async with serving(desk, emulator):
            sent = await emulator.world.user_sends(
                ENGLISH, "That location is where a fallen tree blocks the road"
            )
            assert sent is not None
            assert sent["message"]["message_id"] > kept["message"]["message_id"]
    finally:
        await emulator.stop()
