"""Emergency advice is never given on a guess (issue 14, a fresh tester): "The plaster in our
stairwell is peeling off and falling down in big pieces" came near the gas leak's phrasing
"There is a strong smell of gas in the stairwell" by the stairwell alone, and the requester
was told to turn off the gas main and leave the building, on an urgent ticket. A fault told
near an emergency's template that its words do not name is registered as the fault it is;
the gas leak told is still answered with its advice. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "gas"),
    [
        (
            ENGLISH,
            "The plaster in our stairwell is peeling off and falling down in big pieces",
            False,
        ),
        (ENGLISH, "There is a strong smell of gas in our stairwell", True),
        (REQUESTER, "楼道里有很大的燃气味,是不是漏气了", True),
    ],
)
async def test_gas_advice_only_for_gas(
    running: tuple[Emulator, App], user: int, text: str, gas: bool
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    said = " ".join(e.text for e in bot_said(world, user))
    advised = "gas main" in said or "燃气总阀" in said
    assert advised is gas, said
    (ticket,) = await all_tickets(application)
    assert (ticket.priority == "urgent") is gas, ticket.priority
