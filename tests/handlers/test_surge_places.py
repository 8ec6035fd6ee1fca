"""A surge links the tickets of one matter at one place (SPEC rule 9): a tester's street-light
reports at four different addresses and a blocked sewer were linked as one mass incident and
raised to urgent. Broken lights at different addresses are different faults, and a light and a
sewer are never one matter; five people reporting the same light are one incident (a water
cut, a matter of an area, links whatever the addresses on one road or estate: see
test_surge_estates.py). End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
MANAGEMENT_CHAT = -1000000000900


async def _all_open(emulator: Emulator, first_user: int, reports: list[str]) -> None:
    """Each report sent by a requester of its own, its ticket opened (a fault report when the
    bot asks the category; "None of these" when it offers templates) before the next."""
    world = emulator.world
    for number, text in enumerate(reports, start=1):
        user_id = first_user + number
        world.add_user(user_id, f"R{number}", "zh")
        await world.user_sends(user_id, text)
        await until(lambda u=user_id: bool(bot_said(world, u)))
        last = bot_said(world, user_id)[-1]
        buttons = [b["callback_data"] for row in last.buttons for b in row]
        for press in ("cat:fault_report", "human"):
            if press in buttons:
                await world.user_presses(user_id, user_id, last.message_id, press)
        await until(lambda u=user_id, n=number: any(f"#{n}" in e.text for e in bot_said(world, u)))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_lights_at_different_addresses_and_a_sewer_are_no_incident(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    reports = [
        "幸福路23号门口的路灯坏了,晚上一片漆黑",
        "建设路5号旁边的路灯不亮了",
        "人民路88号小区门口路灯坏了好几天",
        "解放路12号对面的路灯一直不亮",
        "幸福路23号路灯旁边的下水道堵了,污水漫到路上",
    ]
    await _all_open(emulator, 705000, reports)
    rows = await all_tickets(application)
    assert [t.id for t in rows] == [1, 2, 3, 4, 5]
    assert [t.incident_id for t in rows] == [None] * 5
    assert {t.priority for t in rows} == {"normal"}
    assert not [e for e in bot_said(emulator.world, MANAGEMENT_CHAT) if "群体性事件" in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_five_reports_of_one_light_are_one_incident(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    reports = [
        "幸福路23号门口的路灯坏了,晚上一片漆黑",
        "幸福路23号门口路灯不亮了",
        "幸福路23号门口路灯坏了好几天",
        "幸福路23号门口那盏路灯一直不亮",
        "幸福路23号门口的路灯坏了",
    ]
    await _all_open(emulator, 706000, reports)
    rows = await all_tickets(application)
    assert rows[0].incident_id is not None
    assert [t.incident_id for t in rows] == [rows[0].incident_id] * 5
    await until(
        lambda: any("群体性事件" in e.text for e in bot_said(emulator.world, MANAGEMENT_CHAT))
    )
