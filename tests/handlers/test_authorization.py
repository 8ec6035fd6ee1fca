"""Nobody acts as staff or reads another requester's ticket, whatever they send or press."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import TicketMessage
from emulator.server import Emulator
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
OFFICER, SOCIAL_OFFICER, SUPERVISOR = 100101, 100201, 100190


@pytest.mark.parametrize("store", ["sqlite"])
async def test_crafted_presses_and_commands_are_refused(
    running: tuple[Emulator, App], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="handlers")
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await bot_lines(emulator, REQUESTER, 1)

    # A requester who got into the staff group crafts the Claim button's data on a message
    # they can see: refused. So is an officer of another department (in the group too).
    world.chats[GENERAL_GROUP].members.update({ENGLISH, SOCIAL_OFFICER})
    forged = await world.user_presses(ENGLISH, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: forged["callback_query"]["id"] in world.answered)
    assert card.buttons != []  # still unclaimed
    # An officer of another department may not claim it either.
    other = await world.user_presses(SOCIAL_OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: other["callback_query"]["id"] in world.answered)
    assert card.buttons != []

    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    # Someone of another department writing /resolve in the topic does not resolve it.
    await world.user_sends(SOCIAL_OFFICER, "/resolve 已办结", GENERAL_GROUP, topic.thread_id)
    await asyncio.sleep(0.5)
    assert not any("已办结" in e.text for e in world.transcripts[REQUESTER])

    # Another requester asking for ticket 1 learns nothing about it.
    await world.user_sends(ENGLISH, "/ticket 1")
    await world.user_sends(ENGLISH, "/status")
    replies = await bot_lines(emulator, ENGLISH, 2)  # a staff command, then their own status
    await asyncio.sleep(0.3)
    assert all("公租房" not in e.text for e in world.transcripts[ENGLISH])
    assert replies[0].text.startswith("/ticket is a command for staff")
    assert "no tickets" in replies[1].text
    # Nor can they rate it with a crafted button.
    await world.user_presses(ENGLISH, ENGLISH, replies[-1].message_id, "rate:1:1")
    await world.user_presses(ENGLISH, ENGLISH, replies[-1].message_id, "reopen:1")
    await asyncio.sleep(0.3)
    assert not any(
        "评分" in e.text or "重新打开" in e.text for e in world.transcripts[GENERAL_GROUP]
    )
    # Each refusal is logged, with who pressed what.
    refusals = [r.getMessage() for r in caplog.records if r.getMessage().startswith("refused")]
    assert any(f"'claim:1' by user {ENGLISH}" in r for r in refusals)
    assert any(f"'claim:1' by user {SOCIAL_OFFICER}" in r for r in refusals)
    assert any(f"'rate:1:1' from user {ENGLISH}" in r for r in refusals)
    assert any(f"'reopen:1' from user {ENGLISH}" in r for r in refusals)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_flooding_barring_and_the_open_ticket_limit(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, _ = running
    world = emulator.world
    # Our own limit, not Telegram's (which lets a bot send about one message a second to a
    # chat, and is tested with the emulation's limits elsewhere).
    world.limits.enabled = False
    # 20 a minute are handled; the 21st gets one request to slow down; the 22nd nothing.
    for _ in range(22):
        await world.user_sends(ENGLISH, "What are your opening hours?")
    lines = await bot_lines(emulator, ENGLISH, 21)
    assert "too fast" in lines[-1].text
    await asyncio.sleep(0.5)
    assert len(await bot_lines(emulator, ENGLISH, 21)) == 21
    desk_clock.now += timedelta(seconds=61)
    await world.user_sends(ENGLISH, "What are your opening hours?")
    assert "open Mon-Fri" in (await bot_lines(emulator, ENGLISH, 22))[-1].text

    # Only a supervisor may bar a requester; a barred requester is not answered.
    await world.user_sends(OFFICER, f"/block {ENGLISH} spam", GENERAL_GROUP)
    await until(lambda: any("仅限主管" in e.text for e in world.transcripts[GENERAL_GROUP]))
    await world.user_sends(SUPERVISOR, f"/block {ENGLISH} 反复发送广告")
    await until(lambda: any("已暂停受理" in e.text for e in world.transcripts[SUPERVISOR]))
    desk_clock.now += timedelta(seconds=61)
    await world.user_sends(ENGLISH, "What are your opening hours?")
    await asyncio.sleep(0.5)
    assert len(await bot_lines(emulator, ENGLISH, 22)) == 22
    await world.user_sends(SUPERVISOR, f"/unblock {ENGLISH}")
    await until(lambda: any("已恢复受理" in e.text for e in world.transcripts[SUPERVISOR]))
    await world.user_sends(ENGLISH, "What are your opening hours?")
    assert "open Mon-Fri" in (await bot_lines(emulator, ENGLISH, 23))[-1].text

    # Three open tickets at most; a fourth question is answered with the reason.
    for n in range(4):
        if n:
            await world.user_sends(REQUESTER, "/new")
        await world.user_sends(REQUESTER, "我想申请公租房")
    last = (await bot_lines(emulator, REQUESTER, 7))[-1]
    assert "已有 3 个正在办理的工单" in last.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_messages_the_flood_limit_drops_are_named_to_the_requester_once(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """A question and 25 more messages in a minute: the question and 19 are taken; the 21st
    message is answered, in the requester's language and as a reply to it, that it and the
    rest of the minute's are not recorded and to send them again after a minute; the rest get
    nothing more and reach nobody. Sent again after the minute, they are filed."""
    emulator, application = running
    world = emulator.world
    world.limits.enabled = False
    await world.user_sends(REQUESTER, "我要投诉:窗口工作人员态度很差")
    before = len(await bot_lines(emulator, REQUESTER, 2))  # the answer and the ticket
    sent = [await world.user_sends(REQUESTER, f"补充第{n}条") for n in range(1, 26)]
    await bot_lines(emulator, REQUESTER, before + 20)  # one "added" for each, and one more
    await until(lambda: any("太快" in e.text for e in bot_said(world, REQUESTER)))
    await asyncio.sleep(0.5)
    told = [e for e in bot_said(world, REQUESTER) if "太快" in e.text]
    assert len(told) == 1
    assert "这条消息以及接下来一分钟内发来的消息都没有记录" in told[0].text
    assert "请一分钟后重新发送" in told[0].text
    reply_to = world.messages[(REQUESTER, told[0].message_id)]["reply_to_message"]
    assert reply_to["message_id"] == sent[19]["message"]["message_id"]  # the 21st message
    assert len(bot_said(world, REQUESTER)) == before + 19 + 1
    desk = application.bot_data.desk
    async with desk.sessions() as session:
        filed = list(await session.scalars(select(TicketMessage.text)))
    assert [t for t in filed if t.startswith("补充")] == [f"补充第{n}条" for n in range(1, 20)]
    # Sent again after the minute: filed.
    desk_clock.now += timedelta(seconds=61)
    await world.user_sends(REQUESTER, "补充第20条")
    await until(lambda: "已记入" in bot_said(world, REQUESTER)[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_in_english_the_flood_notice_is_in_english(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    world.limits.enabled = False
    for _ in range(22):
        await world.user_sends(ENGLISH, "What are your opening hours?")
    await until(lambda: any("too fast" in e.text for e in bot_said(world, ENGLISH)))
    (told,) = [e.text for e in bot_said(world, ENGLISH) if "too fast" in e.text]
    assert "This message and any you send in the next minute are not recorded" in told
    assert "please send them again after a minute" in told
