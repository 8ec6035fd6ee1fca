"""Traditional characters are read as Simplified (issue 14: a tester's "和平小區3號樓停電了,
整棟樓都沒電" got "did you mean" while the same words in Simplified opened an urgent power-cut
ticket at once): the readers of the desk see a text's reading form (`bot.reading`), the
ticket and its card keep what the requester wrote. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
UTILITIES_GROUP = -1000000000103


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    "text", ["和平小区3号楼停电了,整栋楼都没电", "和平小區3號樓停電了,整棟樓都沒電"]
)
async def test_a_power_cut_in_traditional_characters_is_the_same_urgent_ticket(
    running: tuple[Emulator, App], text: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, text)
    await until(lambda: any("工单 #1" in e.text for e in bot_said(world, REQUESTER)))
    said = bot_said(world, REQUESTER)
    assert not any(e.buttons for e in said)  # no "did you mean", no category to choose
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
    assert ticket.priority == "urgent"
    assert ticket.question == text  # kept as written
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert text in card.text  # shown as written, never rewritten
