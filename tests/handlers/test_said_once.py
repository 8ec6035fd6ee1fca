"""Issue 14, a fresh tester: /ticket N printed a long question twice (诉求人原话, and again
under 首问经过), and /status repeated an officer's whole long reply as 最新进展. The record now
refers to the question shown above it, and /status shows a long reply's start, saying it is
shortened and that all of it is the officer's message above. End to end over the emulation,
a requester of each language (the staff read Chinese)."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, only_topic

App = Application  # type: ignore[type-arg]
SOCIAL_GROUP, SOCIAL_OFFICER = -1000000000102, 100201
ASKED = {REQUESTER: "我的社保卡丢了怎么补办", ENGLISH: "I lost my social security card"}
MORE = {
    REQUESTER: "补办以后原来卡里的钱还在吗?我下个月要去医院看病,着急用卡,"
    "能不能加急办理,大概要等几天?",
    ENGLISH: "Is the money on the old card still there after the replacement? I need the card "
    "for a hospital visit next month: can it be done faster, and how many days does it take?",
}
REPLY = "您好,您的社保卡补办申请已受理。" + "原卡内的医保个人账户余额会全部转入新卡,不会丢失。" * 8
SHORTENED = {REQUESTER: "节选", ENGLISH: "shortened"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_long_question_and_a_long_reply_are_shown_once(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(requester, ASKED[requester])
    await bot_lines(emulator, requester, 1)  # the answer
    await world.user_sends(requester, MORE[requester])  # not settled by it: a ticket
    (card,) = await bot_lines(emulator, SOCIAL_GROUP, 1)
    await world.user_presses(SOCIAL_OFFICER, SOCIAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, SOCIAL_GROUP)
    await world.user_sends(SOCIAL_OFFICER, "/ticket 1", SOCIAL_GROUP, topic.thread_id)
    history = (await bot_lines(emulator, SOCIAL_GROUP, 3))[-1].text
    assert history.count(MORE[requester]) == 1 and "(全文见上)" in history, history
    heard = len(await bot_lines(emulator, requester, 3))  # answer, promise, claimed
    await world.user_sends(SOCIAL_OFFICER, REPLY, SOCIAL_GROUP, topic.thread_id)
    heard = len(await bot_lines(emulator, requester, heard + 1))
    await world.user_sends(requester, "/status")
    status = (await bot_lines(emulator, requester, heard + 1))[-1].text
    assert REPLY not in status and REPLY[:30] in status, status
    assert SHORTENED[requester] in status and str(len(REPLY)) in status, status
