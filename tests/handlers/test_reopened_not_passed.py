"""A ticket the requester reopened once is no ticket passed around (推诿) in /report: being
reopened is not passing the buck; handoffs and reassignments are (issue 14, input 3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_reopened_ticket_is_not_passed_around(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(ENGLISH, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, ENGLISH, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/resolve 已安排检修", GENERAL_GROUP, topic.thread_id)
    await bot_lines(emulator, ENGLISH, 3)
    await world.user_sends(ENGLISH, "No, it is still not solved, the water is still brown")
    assert "reopened" in (await bot_lines(emulator, ENGLISH, 4))[-1].text
    desk_clock.now += timedelta(hours=1)
    await world.user_sends(SUPERVISOR, "/report day")
    await until(lambda: any("服务监督报告" in e.text for e in bot_said(world, SUPERVISOR)))
    summary = next(e.text for e in bot_said(world, SUPERVISOR) if "服务监督报告" in e.text)
    assert "工单 1 " in summary
    assert "反复流转的工单 0" in summary
