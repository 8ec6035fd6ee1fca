"""A fresh tester's round, end to end over the emulation: a frail person told by kin, age or
living alone ("我奶奶八十多岁了", "独居的王大爷", "My 85-year-old neighbour lives alone")
without heating is urgent at once, never answered with the radiator-valve template; one not
answering the door is a welfare check: an emergency, the police and the ambulance numbers
and what to do, the supervisors alerted. "Nobody is trapped, just the lift button on floor 3
doesn't work" is a fault report at once as the Chinese one is, no category buttons; the
traffic light "stuck on red" is not asked what the lights do."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900


async def _told(emulator: Emulator, user: int, text: str) -> list[Any]:
    """What the requester is told after sending `text`, once a ticket number is in it."""
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    return bot_said(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_grandmother_in_a_cold_home_is_urgent_and_the_supervisors_alerted(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    said = await _told(emulator, REQUESTER, "我奶奶八十多岁了,家里暖气一直不热,屋里才几度")
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    assert ticket.first_response_due_at is not None
    assert ticket.first_response_due_at - ticket.opened_at <= timedelta(minutes=30)
    assert not [line for line in said if line.buttons]
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    assert any("#1" in line.text for line in alert)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "独居的王大爷家暖气不热,敲门也没人应"),
        (
            ENGLISH,
            "My 85-year-old neighbour lives alone and his heating has been off since"
            " yesterday, he isn't answering the door",
        ),
    ],
)
async def test_a_frail_person_not_answering_the_door_is_a_welfare_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    said = await _told(emulator, user, text)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    assert ticket.first_response_due_at is not None
    assert ticket.first_response_due_at - ticket.opened_at <= timedelta(minutes=30)
    first = said[0].text
    assert "110" in first and "120" in first
    assert first.index("110") < first.index("120")
    assert ("警察上门" if user == REQUESTER else "police to open the door") in first
    assert "阀门" not in first and "valve" not in first
    assert not [line for line in said if line.buttons]
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    assert any("#1" in line.text for line in alert)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (ENGLISH, "Nobody is trapped, just the lift button on floor 3 doesn't work"),
        (REQUESTER, "没人被困,就是电梯3楼的按钮坏了"),
    ],
)
async def test_a_broken_lift_button_is_a_fault_report_at_once(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) >= 1)
    said = bot_said(world, user)
    assert not [line for line in said if line.buttons]
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.category == "fault_report"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "not_asked", "asked"),
    [
        (
            ENGLISH,
            "The traffic light at Oak Street and 5th is stuck on red",
            "what they do",
            "which direction",
        ),
        (REQUESTER, "幸福路和人民路路口的红绿灯一直是红灯", "故障情况", "哪个方向"),
    ],
)
async def test_the_lights_stuck_on_red_are_not_asked_what_they_do(
    running: tuple[Emulator, App], user: int, text: str, not_asked: str, asked: str
) -> None:
    emulator, _application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any(asked in e.text for e in bot_said(world, user)))
    told = " ".join(e.text for e in bot_said(world, user))
    # the sentence that asks names the direction alone; what they do is noted as said
    asking = next(s for s in re.split(r"[.。]", told) if asked in s)
    assert not_asked not in asking
    assert not_asked in told
