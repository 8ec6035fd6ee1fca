"""A ticket taken from its owner and given to another says why (SPEC rule 13: accountability):
a reassignment chosen on the owner picker (buttons) asks the supervisor for the reason, with
the command that gives it (`/assign N <staff number> <reason>`), and changes nothing until
then; given, the reason is recorded in the ticket's log and the previous owner reads it. A
first assignment (nobody owned it) needs none. Through the real Application against the
emulation."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Ticket, TicketEvent
from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, bot_lines, bot_said, until
from tests.handlers.test_stale_buttons import press

App = Application  # type: ignore[type-arg]
OFFICER, SECOND_OFFICER, SUPERVISOR = 100101, 100102, 100190


async def owner(application: App) -> int | None:
    async with application.bot_data.desk.sessions() as session:
        return await session.scalar(select(Ticket.owner_id))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_reassignment_on_the_picker_asks_why_and_the_reason_reaches_the_ledger(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: card.buttons == [])
    await until(lambda: owner(application))

    await world.user_sends(SUPERVISOR, "/assign 1")
    picker = (await bot_lines(emulator, SUPERVISOR, 1))[-1]
    data = f"own:1:{SECOND_OFFICER}:{OFFICER}"
    assert data in [row[0]["callback_data"] for row in picker.buttons]
    shown = await press(emulator, SUPERVISOR, SUPERVISOR, picker.message_id, data)
    # Asked why, with the command that says it; nothing changed yet.
    assert "理由" in shown and "/assign 1 G-0102" in shown, shown
    assert await owner(application) == OFFICER

    await world.user_sends(SUPERVISOR, "/assign 1 G-0102 王芳本周休假")
    await until(lambda: any("原因:王芳本周休假" in e.text for e in bot_said(world, OFFICER)))
    assert await owner(application) == SECOND_OFFICER
    async with application.bot_data.desk.sessions() as session:
        event = await session.scalar(select(TicketEvent).where(TicketEvent.kind == "assign"))
    assert event is not None and event.data["reason"] == "王芳本周休假"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_first_assignment_on_the_picker_needs_no_reason(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(SUPERVISOR, "/assign 1")
    picker = (await bot_lines(emulator, SUPERVISOR, 1))[-1]
    await world.user_presses(SUPERVISOR, SUPERVISOR, picker.message_id, f"own:1:{OFFICER}:0")
    await until(lambda: owner(application))
    assert await owner(application) == OFFICER
