"""What staff read in /ticket N, /queue and a surge alert (issue 14's tester): every kind of
message marked by its kind (a captioned photo too, a contact as a contact), no heading over
nothing, and a question of several lines kept to its line in a list or a summary. End to end
over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.opening import open_at_desk
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]
OFFICER = 100101
MANAGEMENT_CHAT = -1000000000900


async def _answer_to(emulator: Emulator, command: str, thread_id: int | None = None) -> str:
    world = emulator.world
    before = len(bot_said(world, GENERAL_GROUP))
    await world.user_sends(OFFICER, command, GENERAL_GROUP, thread_id)
    await until(lambda: len(bot_said(world, GENERAL_GROUP)) > before)
    return str(bot_said(world, GENERAL_GROUP)[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_ticket_n_marks_every_kind_and_shows_no_empty_heading(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    # No message yet: no "消息:" heading over nothing.
    record = await _answer_to(emulator, "/ticket 1")
    assert record.startswith("工单 #1") and "消息:" not in record
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await control(
        emulator, "media", {"user_id": REQUESTER, "kind": "photo", "caption": "租房合同"}
    )
    await control(emulator, "media", {"user_id": REQUESTER, "kind": "contact"})
    await control(emulator, "media", {"user_id": REQUESTER, "kind": "video_note"})
    await until(lambda: len(bot_said(world, GENERAL_GROUP, topic.thread_id)) >= 4)
    record = await _answer_to(emulator, "/ticket 1", topic.thread_id)
    assert "消息:\n" in record
    assert "诉求人:[图片] 租房合同" in record
    assert "诉求人:[联系人]" in record and "诉求人:[视频消息]" in record
    assert "其他消息" not in record


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_question_of_several_lines_keeps_to_its_line_in_the_queue(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(REQUESTER, "我想申请公租房\n家里三口人")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    listed = await _answer_to(emulator, "/queue")
    assert listed.splitlines()[0] == "待认领:"
    (line,) = listed.splitlines()[1:]
    assert line.startswith("#1 ") and "我想申请公租房 / 家里三口人" in line


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_surge_alerts_summary_keeps_to_its_line(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    for n in range(5):
        user_id = 700001 + n
        world.add_user(user_id, f"R{n}", "zh", started=True)
        desk_clock.now += timedelta(minutes=3)
        await open_at_desk(
            application,
            user_id,
            "zh",
            question="小区电梯又坏了\n老人下不了楼",
            category="complaint",
            publish=True,
        )
    await until(lambda: any("群体性事件" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    (alert,) = [e for e in bot_said(world, MANAGEMENT_CHAT) if "群体性事件" in e.text]
    assert "概要:小区电梯又坏了 / 老人下不了楼\n" in alert.text
