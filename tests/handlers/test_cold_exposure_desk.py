"""A fresh tester's round, end to end over the emulation: someone exposed to the freezing
cold out of doors ("人民路天桥底下有个老人躺着...今晚零下五度", a child alone at a bus stop
at -8, a homeless man shivering on a park bench) is an emergency from a new requester's first
message: an urgent ticket at once, no category buttons, the police and ambulance numbers and
what to do, the supervisors alerted. A lift stopped between floors with someone "maybe"
inside ("电梯坏了,卡在6楼不动了,里面好像有人") is someone trapped, as a first message and
after "我要报修"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
LIFT = "和平小区4栋电梯坏了,卡在6楼不动了,里面好像有人"


async def _urgent(
    emulator: Emulator, application: App, user: int, category: str = "fault_report"
) -> list[Any]:
    """Ticket #1 is urgent, in `category`, never offered category buttons, and management is
    alerted: what the requester was told."""
    world = emulator.world
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert (ticket.priority, ticket.category) == ("urgent", category)
    assert ticket.first_response_due_at is not None
    assert ticket.first_response_due_at - ticket.opened_at <= timedelta(minutes=30)
    said = bot_said(world, user)
    assert not [line for line in said if line.buttons]
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    assert any("#1" in line.text for line in alert)
    return said


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "advice"),
    [
        (REQUESTER, "人民路天桥底下有个老人躺着,穿得很单薄,今晚零下五度,我叫他他也不怎么回应", ""),
        (REQUESTER, "公园长椅上有个流浪汉冻得直发抖", "挡住寒风"),
        (
            ENGLISH,
            "There's a child alone at the bus stop on Park Road, no coat, it's -8 outside,"
            " been there an hour",
            "shield them from the wind",
        ),
    ],
)
async def test_someone_exposed_to_the_cold_outdoors_is_an_emergency_at_once(
    running: tuple[Emulator, App], user: int, text: str, advice: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, text)
    # a danger to a person: the emergency's category, at the general window (bot/danger_filing.py)
    said = await _urgent(emulator, application, user)
    first = said[0].text
    assert "110" in first and "120" in first
    assert "119" not in first  # the numbers for this danger alone (issue 14)
    assert advice in first


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("first", ["", "我要报修"])
async def test_a_lift_stuck_with_someone_maybe_inside_is_someone_trapped(
    running: tuple[Emulator, App], first: str
) -> None:
    emulator, application = running
    world = emulator.world
    if first:
        await world.user_sends(REQUESTER, first)
        await until(lambda: any("什么事" in e.text for e in bot_said(world, REQUESTER)))
    await world.user_sends(REQUESTER, LIFT)
    said = await _urgent(emulator, application, REQUESTER)
    assert any("96333" in line.text for line in said)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and "里面好像有人" in ticket.question
