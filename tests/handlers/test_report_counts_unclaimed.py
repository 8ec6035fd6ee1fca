"""The report's on-time claims count a ticket left unclaimed past its claim deadline as
missed, as the breach ledger already does (a fresh tester's finding: '按时认领 100%' while
ticket #3 waited unclaimed past its deadline; 67% only once someone claimed it). End to end
over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_ticket_unclaimed_past_its_deadline_counts_as_missed(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)
    await world.user_sends(
        ENGLISH, "The rude clerk at window 3 shouted at me and refused my papers"
    )
    await bot_lines(emulator, ENGLISH, 1)
    desk_clock.now += timedelta(hours=6)  # ticket #2's claim deadline has passed, unclaimed
    await sweep(DeskContext(application))
    await until(
        lambda: any("#2" in e.text and "预警" in e.text for e in bot_said(world, SUPERVISOR))
    )
    await world.user_sends(SUPERVISOR, "/report day")
    await until(lambda: any("按时认领" in e.text for e in bot_said(world, SUPERVISOR)))
    report = next(e for e in bot_said(world, SUPERVISOR) if "按时认领" in e.text)
    assert "【综合服务窗口】工单 2 · 按时认领 50%" in report.text, report.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_ticket_n_lists_each_escalation_step(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """SPEC: each step of the escalation ladder is recorded; /ticket N shows them, in time
    order among the ticket's other events."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    desk_clock.now += timedelta(hours=8)
    await sweep(DeskContext(application))
    await until(lambda: any("预警" in e.text for e in bot_said(world, SUPERVISOR)))
    await world.user_sends(SUPERVISOR, "/ticket 1")
    await until(lambda: any("经过:" in e.text for e in bot_said(world, SUPERVISOR)))
    history = next(e for e in bot_said(world, SUPERVISOR) if "经过:" in e.text).text
    steps = [line for line in history.splitlines() if "预警" in line]
    assert len(steps) >= 2, history
    assert "首次响应期限" in steps[-1] and "已告知" in steps[-1], history
