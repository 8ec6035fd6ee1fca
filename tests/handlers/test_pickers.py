"""A supervisor's picker (an owner, a priority) is used once: its buttons go and it says what
was chosen; a second press on it changes nothing and says why; whoever loses a ticket to a
reassignment hears of it (a fresh tester's findings). Through the real bot and the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import REQUESTER, DeskClock, bot_lines, bot_said, until
from tests.handlers.test_stale_buttons import press

App = Application  # type: ignore[type-arg]
OFFICER, SECOND_OFFICER, SUPERVISOR = 100101, 100102, 100190  # 王芳, 李强, 张主任


async def _ticket(application: App, ticket_id: int) -> Ticket:
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_owner_picker_is_used_once_and_the_one_who_loses_a_ticket_hears(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, REQUESTER, 1)
    await world.user_sends(SUPERVISOR, "/assign 1")
    picker = (await bot_lines(emulator, SUPERVISOR, 1))[-1]
    first, second = (row[0]["callback_data"] for row in picker.buttons)  # 王芳, 李强
    await world.user_presses(SUPERVISOR, SUPERVISOR, picker.message_id, second)
    # The picker says what was chosen, and offers nothing more.
    await until(lambda: picker.buttons == [] and "李强" in picker.text)
    await until(lambda: any("李强" in e.text for e in bot_said(world, REQUESTER)))
    told_requester = len(bot_said(world, REQUESTER))
    # Pressed again (a client still showing it): nothing changes, and the presser reads why.
    shown = await press(emulator, SUPERVISOR, SUPERVISOR, picker.message_id, first)
    assert "李强" in shown and "失效" in shown, shown
    assert (await _ticket(application, 1)).owner_id == SECOND_OFFICER
    assert len(bot_said(world, REQUESTER)) == told_requester
    # A reassignment on purpose: the officer who loses it hears so, and who has it now.
    await world.user_sends(SUPERVISOR, "/assign 1 王芳 李强休假")
    await until(lambda: any("王芳" in e.text for e in bot_said(world, REQUESTER)[told_requester:]))
    await until(
        lambda: any(
            "工单 #1" in e.text and "王芳" in e.text and "不再由您负责" in e.text
            for e in bot_said(world, SECOND_OFFICER)
        )
    )


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_priority_picker_is_used_once(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, REQUESTER, 1)
    desk_clock.now += timedelta(hours=8)
    await sweep(DeskContext(application))
    escalation = (await bot_lines(emulator, SUPERVISOR, 1))[0]
    await world.user_presses(SUPERVISOR, SUPERVISOR, escalation.message_id, "sv:p:1")
    picker = (await bot_lines(emulator, SUPERVISOR, 3))[-1]
    data = {row[0]["text"]: row[0]["callback_data"] for row in picker.buttons}
    await world.user_presses(SUPERVISOR, SUPERVISOR, picker.message_id, data["特急"])
    await until(lambda: picker.buttons == [] and "特急" in picker.text)
    shown = await press(emulator, SUPERVISOR, SUPERVISOR, picker.message_id, data["紧急"])
    assert "特急" in shown and "失效" in shown, shown
    assert (await _ticket(application, 1)).priority == "urgent"
