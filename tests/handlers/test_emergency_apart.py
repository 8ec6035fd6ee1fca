"""A danger to people beside another open matter (issue 14, SPEC rule 9; a fresh tester): a
gas smell told by a requester whose power-cut ticket is open was filed into that ticket. A
careful clerk never lets a danger be lost inside another matter: it is its own urgent ticket,
the requester told the emergency numbers first, the supervisors alerted about it; nothing of
it filed into the unrelated ticket. End to end over the emulation, in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, filed_texts, said_text

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900

POWER = {
    REQUESTER: "幸福路4号楼停电了,从早上到现在都没电",
    ENGLISH: "No power in building 4 on Xingfu Road since this morning",
}
GAS = {
    REQUESTER: "楼道里有很浓的煤气味",
    ENGLISH: "I can smell gas in the stairwell",
}
GAS_NUMBER = {REQUESTER: "燃气抢修", ENGLISH: "Gas emergency"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_gas_smell_beside_a_power_cut_ticket_is_its_own_urgent_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, POWER[user])
    await until(lambda: "#1" in said_text(world, user))
    heard = len(bot_said(world, user))
    await world.user_sends(user, GAS[user])
    await until(lambda: "#2" in said_text(world, user))
    tickets = await all_tickets(application)
    assert len(tickets) == 2
    gas = tickets[1]
    assert gas.priority == "urgent" and gas.category == "fault_report"
    assert any(w in gas.question for w in ("煤气味", "smell gas"))
    assert not any(GAS[user] in text for text in await filed_texts(application, 1))
    # The numbers first, the gas line among the first named.
    first = bot_said(world, user)[heard]
    assert GAS_NUMBER[user] in first.text and "96777" in first.text
    await until(lambda: any("#2" in line.text for line in bot_said(world, MANAGEMENT)))


PHOTO = {"photo": [{"file_id": "p-1", "file_unique_id": "u-1", "width": 90, "height": 90}]}


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_gas_smell_under_a_photo_beside_a_power_cut_is_its_own_ticket(
    running: tuple[Emulator, App],
) -> None:
    """The same in a photo's caption: its own urgent ticket, the photo with it."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, POWER[REQUESTER])
    await until(lambda: "#1" in said_text(world, REQUESTER))
    await world.user_sends_content(REQUESTER, {**PHOTO, "caption": GAS[REQUESTER]})
    await until(lambda: "#2" in said_text(world, REQUESTER))
    tickets = await all_tickets(application)
    assert tickets[1].priority == "urgent" and "煤气味" in tickets[1].question
    assert "96777" in said_text(world, REQUESTER)
    assert not any("煤气味" in text for text in await filed_texts(application, 1))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "then"),
    [
        (REQUESTER, "幸福路4号楼的电梯坏了,停在3楼不动", "电梯里有人被困了,快来人"),
        (
            ENGLISH,
            "The lift in building 4 on Xingfu Road is broken",
            "Someone is trapped in the lift now",
        ),
    ],
)
async def test_a_danger_of_the_tickets_own_thing_raises_that_ticket(
    running: tuple[Emulator, App], user: int, first: str, then: str
) -> None:
    """Someone trapped in the lift reported broken: the same matter, that ticket raised."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, first)
    await until(lambda: "#1" in said_text(world, user))
    await world.user_sends(user, then)

    async def urgent() -> bool:
        tickets = await all_tickets(application)
        return tickets[0].priority == "urgent"

    await until(urgent)
    assert len(await all_tickets(application)) == 1
    await until(lambda: "96333" in said_text(world, user))
