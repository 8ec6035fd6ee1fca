"""A staff reply longer than a Telegram message to a requester with one ticket (the tester:
a reply of over 4,096 characters was copied as one message, which Telegram refuses with
"Bad Request: message is too long", and the requester got none of it). The requester gets
every word, in order, in messages that each fit, and their next message is still
acknowledged. End to end over the emulation, in Chinese and in English."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.limits import Fault
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
# the owner as the requester reads them: in their language
WANG_FANG = {REQUESTER: "王芳", ENGLISH: "Wang Fang"}
OFFICER = 100101
APPLY = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
# About 9,000 characters each: paragraphs, the last one saying it is the last.
REPLY = {
    REQUESTER: "\n\n".join(
        f"第{n}段:请携带身份证原件、户口本和收入证明到综合窗口办理,逾期不候,谢谢配合。"
        for n in range(212)
    )
    + "\n\n以上全部,请知悉。",
    ENGLISH: "\n\n".join(
        f"Point {n}: bring your ID card, household register and proof of income to the"
        f" main counter before the deadline."
        for n in range(84)
    )
    + "\n\nThat is all, thank you.",
}
LAST = {REQUESTER: "以上全部,请知悉。", ENGLISH: "That is all, thank you."}
# Words of the matter (thanks alone are answered, kept from the staff: bot/thanked.py).
NEXT = {REQUESTER: "好的,我明天带齐材料过去", ENGLISH: "OK, I will bring them tomorrow"}
ACKNOWLEDGED = {REQUESTER: "工单 #1", ENGLISH: "#1"}


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_reply_longer_than_a_message_reaches_the_requester_whole_in_order(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, _ = running
    world = emulator.world
    reply = REPLY[requester]
    assert 8800 <= _units(reply) <= 9400
    await world.user_sends(requester, APPLY[requester])
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await until(lambda: any(WANG_FANG[requester] in t for t in _texts(emulator, requester)))
    before = len(_texts(emulator, requester))

    await world.user_sends(OFFICER, reply, GENERAL_GROUP, topic.thread_id)
    await until(lambda: any(LAST[requester] in t for t in _texts(emulator, requester)[before:]))
    parts = _texts(emulator, requester)[before:]
    assert len(parts) >= 3 and all(_units(p) <= 4096 for p in parts)
    # Every word, in order, nothing added; the messages are cut at paragraph ends (the blank
    # lines between two messages are not a message's own, as Telegram trims a text).
    assert "\n".join(parts).split() == reply.split()
    assert all(p.strip().endswith(("。", ".")) for p in parts)

    # The requester's next message is filed on the ticket and acknowledged.
    after = len(_texts(emulator, requester))
    await world.user_sends(requester, NEXT[requester])
    await until(lambda: len(_texts(emulator, requester)) > after)
    assert ACKNOWLEDGED[requester] in _texts(emulator, requester)[after]
    staff = [e.text for e in bot_said(world, GENERAL_GROUP, topic.thread_id)]
    assert NEXT[requester] in staff
    assert not any("Telegram" in t for t in staff)  # no refusal said to the staff


UNDELIVERED = "未能送达诉求人"  # the staff's language: config.yaml's default, Chinese


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_reply_telegram_refuses_as_too_long_blocks_nothing_after_it(
    running: tuple[Emulator, App], requester: int
) -> None:
    """Whatever Telegram still refuses as too long is given up on alone: its staff hear it in
    the ticket's topic, the requester's next message is acknowledged, the next reply
    reaches them."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(requester, APPLY[requester])
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await until(lambda: any(WANG_FANG[requester] in t for t in _texts(emulator, requester)))
    emulator.faults.add("copyMessage", Fault(400, description="Bad Request: message is too long"))
    await world.user_sends(OFFICER, "请明天上午来窗口", GENERAL_GROUP, topic.thread_id)
    await until(
        lambda: any(UNDELIVERED in e.text for e in bot_said(world, GENERAL_GROUP, topic.thread_id))
    )
    after = len(_texts(emulator, requester))
    await world.user_sends(requester, NEXT[requester])
    await until(lambda: len(_texts(emulator, requester)) > after)
    assert ACKNOWLEDGED[requester] in _texts(emulator, requester)[after]
    await world.user_sends(OFFICER, "请后天上午来窗口", GENERAL_GROUP, topic.thread_id)
    await until(lambda: "请后天上午来窗口" in _texts(emulator, requester))
    assert "请明天上午来窗口" not in _texts(emulator, requester)
