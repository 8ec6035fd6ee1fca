"""A requester blocks the bot and unblocks it (issue 14, input 4, a fresh tester): Telegram
tells the bot both (`my_chat_member`, member -> kicked -> member, in the private chat), and
the bot says nothing to them while blocked, tells the owner, and, once unblocked, sends what
they missed and tells the owner they are back; after that only the newest message asking
whether it is solved keeps live buttons, and /start greets them back naming their open
ticket. Both languages, through the real bot and the emulation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Requester, StaffLink
from emulator.server import Emulator
from handlers.context import DeskContext
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
WORDS = {  # their question, its matter, later words, welcome, the resolved state
    REQUESTER: ("我想申请公租房", "公租房", "检修的师傅什么时候来?", "欢迎回来", "待确认"),
    ENGLISH: (
        "I want to apply for public rental housing",
        "public rental",
        "When will the repairman come?",
        "Welcome back",
        "awaiting your confirmation",
    ),
}
SUMMARY = "安排检修"
# What was released says when it was written (issue 14: "no time"): the desk's clock then.
WRITTEN = {REQUESTER: "写于 2026-11-30", ENGLISH: "Written 2026-11-30"}
REPLY = "师傅明天上午到"


async def _block(emulator: Emulator, user_id: int, blocked: bool) -> None:
    url = f"http://127.0.0.1:{emulator.port}/control/blocks"
    body = {"user_id": user_id, "blocked": blocked}
    async with aiohttp.ClientSession() as client, client.post(url, json=body) as answered:
        assert answered.status == 200


def _live(emulator: Emulator, chat_id: int) -> list[int]:
    """The bot's messages in a chat that carry buttons now."""
    world = emulator.world
    return [
        e.message_id
        for e in bot_said(world, chat_id)
        if world.messages[(chat_id, e.message_id)].get("reply_markup")
    ]


def _in_topic(world: Any, thread_id: int, words: str) -> list[Any]:
    return [e for e in bot_said(world, GENERAL_GROUP, thread_id) if words in e.text]


async def _blocked(application: App, user_id: int) -> bool | None:
    async with DeskContext(application).desk.sessions() as session:
        found = await session.scalar(
            select(Requester.blocked_bot).where(Requester.telegram_user_id == user_id)
        )
    return found


async def _linked(application: App, chat_id: int, message_id: int) -> bool:
    async with DeskContext(application).desk.sessions() as session:
        return await session.get(StaffLink, (chat_id, message_id)) is not None


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("who", [REQUESTER, ENGLISH])
async def test_blocked_then_unblocked_is_told_once_with_one_live_set_and_greeted_back(
    running: tuple[Emulator, App], desk_clock: DeskClock, who: int
) -> None:
    emulator, application = running
    world = emulator.world
    question, matter, words, welcome, awaiting = WORDS[who]
    back, summary = "恢复联系", SUMMARY
    await world.user_sends(who, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, who, 2)  # the promise, the claim
    topic = await only_topic(world, GENERAL_GROUP)
    refused = world.counters["error 403"]

    # Blocked: Telegram tells the bot; the owner hears it before anything fails, and the
    # requester is sent nothing (nothing answers the update in their chat).
    await _block(emulator, who, True)
    await until(lambda: _blocked(application, who))
    await until(lambda: bool(_in_topic(world, topic.thread_id, "屏蔽")))
    assert world.counters["error 403"] == refused  # nothing was sent to their chat
    await world.user_sends(OFFICER, REPLY, GENERAL_GROUP, topic.thread_id)
    await until(lambda: world.counters["error 403"] == refused + 1)  # the officer's reply
    desk_clock.now += timedelta(minutes=30)
    await world.user_sends(OFFICER, f"/resolve 已{summary}", GENERAL_GROUP, topic.thread_id)
    await until(lambda: world.counters["error 403"] == refused + 2)  # the resolution

    # Unblocked: what they missed reaches them at once, each saying when it was written,
    # and the owner hears they are back.
    desk_clock.now += timedelta(hours=3)
    before = len(bot_said(world, who))
    await _block(emulator, who, False)
    # Words at once after it ask again: only the newest question keeps its buttons.
    await world.user_sends(who, words)
    lines = await bot_lines(emulator, who, before + 3)
    assert welcome in lines[before].text
    reply, resolution = lines[before + 1].text, lines[before + 2].text
    assert REPLY in reply and f"{WRITTEN[who]} 09:00" in reply, reply
    assert summary in resolution and f"{WRITTEN[who]} 09:30" in resolution, resolution
    await until(lambda: bool(_in_topic(world, topic.thread_id, back)))
    asked = (await bot_lines(emulator, who, before + 4))[-1]
    assert summary in asked.text
    await until(lambda: _live(emulator, who) == [asked.message_id])

    # /start greets them back, naming their ticket and its state in their language.
    await world.user_sends(who, "/start")
    greeting = (await bot_lines(emulator, who, before + 5))[-1].text
    assert "#1" in greeting and matter in greeting and awaiting in greeting
    assert len(_in_topic(world, topic.thread_id, back)) == 1  # told once
