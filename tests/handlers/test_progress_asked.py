"""A requester asking how their ticket stands ("有进展吗?", "Any news?") hears where it is (who
has it, the latest update, the promise), not only that their words were added (a fresh
tester's finding). Through the real Application and the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
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
@pytest.mark.parametrize(
    ("who", "opening", "asked", "told"),
    [
        (REQUESTER, "我想申请公租房", "有进展吗?", ["工单 #1 正在等待工作人员认领办理", "承诺"]),
        (
            ENGLISH,
            "I want to apply for public rental housing",
            "Any news?",
            ["Ticket #1 is waiting for a member of staff", "We promised to settle it by"],
        ),
        # A tester's "怎么还没人理我" heard only that it was added to the ticket.
        (REQUESTER, "我想申请公租房", "怎么还没人理我", ["工单 #1 正在等待工作人员认领办理"]),
        (
            ENGLISH,
            "I want to apply for public rental housing",
            "Why hasn't anyone replied to me?",
            ["Ticket #1 is waiting for a member of staff"],
        ),
    ],
)
async def test_asked_how_an_unclaimed_ticket_stands(
    running: tuple[Emulator, App], who: int, opening: str, asked: str, told: list[str]
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(who, opening)
    await until(lambda: any("#1" in e.text for e in bot_said(world, who)))
    heard = len(bot_said(world, who))
    await world.user_sends(who, asked)
    reply = (await bot_lines(emulator, who, heard + 1))[-1]
    assert all(words in reply.text for words in told), reply.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_asked_how_a_claimed_ticket_stands_the_latest_update_is_told(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    heard = len(await bot_lines(emulator, REQUESTER, 2))
    await world.user_sends(OFFICER, "材料已收到,正在审核", GENERAL_GROUP, topic.thread_id)
    heard = len(await bot_lines(emulator, REQUESTER, heard + 1))
    await world.user_sends(REQUESTER, "什么时候能有结果?")
    reply = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "负责办理" in reply.text and "最新进展" in reply.text, reply.text
    assert "材料已收到,正在审核" in reply.text
