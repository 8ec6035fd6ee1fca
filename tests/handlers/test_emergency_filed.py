"""Where an emergency is filed (issue 14, a fresh tester): an elderly neighbour not answering
the door for days and someone fainted at a station were fault reports for Utilities
(公用事业科). A danger to a person themselves is no fault of a thing a department repairs: a
careful clerk files it at the general window (config `default_department`), as urgent as
before, in the emergency's category (config `emergency.category`: a later tester found a
knife and someone fainted filed as consultations); a gas leak stays Utilities'. End to end
over the emulation, both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
GROUP = {"general": -1000000000101, "utilities": -1000000000103}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "category", "department"),
    [
        (REQUESTER, "我家隔壁的老太太三天没出门了,敲门也没人应", "fault_report", "general"),
        (
            ENGLISH,
            "My elderly neighbour hasn't answered her door for three days",
            "fault_report",
            "general",
        ),
        (REQUESTER, "有人在地铁站晕倒了", "fault_report", "general"),
        (ENGLISH, "Someone just fainted at the bus station", "fault_report", "general"),
        (REQUESTER, "楼道里有很浓的煤气味", "fault_report", "utilities"),
        (ENGLISH, "I smell gas in the stairwell", "fault_report", "utilities"),
    ],
)
async def test_a_danger_to_a_person_goes_to_the_general_window_a_gas_leak_to_utilities(
    running: tuple[Emulator, App], user: int, text: str, category: str, department: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert (ticket.category, ticket.department_key) == (category, department)
    assert ticket.priority == "urgent"
    assert ticket.first_response_due_at - ticket.opened_at == timedelta(minutes=15)
    assert not [line for line in bot_said(world, user) if line.buttons]  # nothing asked first
    card = await bot_lines(emulator, GROUP[department], 1)
    assert any("#1" in line.text for line in card)
