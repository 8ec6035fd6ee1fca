"""A surge links no report by guess (issue 14, SPEC rule 9): a tester's gas smell, said after
asking for the power-cut repair number, was linked to the power cut of 幸福里 (the surge check
read the how-to words as a power cut, and the report named no place so it was taken for the
one place of the incident). A danger to people never joins an outage by similarity, and a
report naming no place joins no incident of a place. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_surge_estates import XINGFULI, _all_open, _opens

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_gas_smell_after_a_how_to_question_joins_no_power_cut(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await _all_open(emulator, 741000, XINGFULI)
    rows = await all_tickets(application)
    assert rows[0].incident_id is not None
    user = 741100
    world.add_user(user, "R6", "zh")
    await world.user_sends(user, "停电报修电话是多少")
    await until(lambda: bool(bot_said(world, user)))
    await world.user_sends(user, "楼道里有很浓的煤气味")
    await until(lambda: any("#6" in e.text for e in bot_said(world, user)))
    rows = await all_tickets(application)
    assert rows[5].priority == "urgent"
    assert rows[5].incident_id is None


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_power_cut_naming_no_place_joins_no_incident_of_a_place(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    await _all_open(emulator, 742000, XINGFULI)
    await _opens(emulator, 742100, "zh", "停电了,什么时候来电", 6)
    await _opens(emulator, 742101, "en", "The power is out", 7)
    rows = await all_tickets(application)
    assert rows[0].incident_id is not None
    assert [t.incident_id for t in rows[5:]] == [None, None]
