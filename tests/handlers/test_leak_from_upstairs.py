"""A new-user trial: "我家楼上漏水" (water leaking into my home from the flat upstairs) was
answered with the pipe leak's template: close your own main water valve, pipes after it are
yours to repair. The leak is the upstairs neighbour's. English alike ("Water is leaking from
the flat above into my bathroom", "my ceiling is dripping, it's coming from upstairs").

Such a leak now gets its own answer (knowledge/base/utilities.yaml `leak-from-upstairs`): the
neighbour upstairs closes their valve and checks their pipes, the property manager helps reach
them and find the leak, damage between neighbours is settled between them or mediated, power
off if the water is near wiring; and a fault report is opened, asking the address and a photo.
A pipe leaking in the requester's own home still gets the pipe leak's. End to end over the
emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, until
from tests.handlers.looks import all_tickets, said_text

App = Application  # type: ignore[type-arg]
OWN_VALVE = {REQUESTER: "关闭家中自来水总阀", ENGLISH: "close your main water valve"}
# The upstairs leak's advice, a phrase each: the neighbour's valve, the property manager's
# help, mediation between neighbours.
UPSTAIRS_ADVICE = {
    REQUESTER: ["请联系楼上住户", "关闭自家进水总阀", "物业可以帮您联系楼上住户", "人民调解"],
    ENGLISH: [
        "Ask your neighbours upstairs to close their main water valve",
        "the property manager can contact them",
        "mediat",
    ],
}
# The power near wiring, as for any leak.
POWER = {REQUESTER: "关闭家中电源", ENGLISH: "switch off your power"}
ASKED = {
    REQUESTER: ["详细地址(小区、楼栋、门牌号)", "漏水处的照片"],
    ENGLISH: ["the exact address (estate, building, flat)", "a photo of the leak"],
}


async def _reported(emulator: Emulator, application: App, user: int, report: str) -> str:
    """All the bot told `user` once the ticket for `report` is opened and its details asked."""
    world = emulator.world
    await world.user_sends(user, report)
    await until(lambda: "#1" in said_text(world, user))
    await until(lambda: all(a in said_text(world, user) for a in ASKED[user]))
    return said_text(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "report"),
    [
        (REQUESTER, "我家楼上漏水"),
        (REQUESTER, "楼上邻居家漏水到我家了"),
        (ENGLISH, "Water is leaking from the flat above into my bathroom"),
        (ENGLISH, "my ceiling is dripping, it's coming from upstairs"),
    ],
)
async def test_a_leak_from_the_flat_above_gets_the_upstairs_advice_and_a_ticket(
    running: tuple[Emulator, App], user: int, report: str
) -> None:
    emulator, application = running
    told = await _reported(emulator, application, user, report)
    assert OWN_VALVE[user] not in told, told
    for advice in [*UPSTAIRS_ADVICE[user], POWER[user]]:
        assert advice in told, (advice, told)
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
    assert ticket.incident_id is None and ticket.priority == "normal"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "report"),
    [(REQUESTER, "卫生间的水管在漏水"), (ENGLISH, "A pipe has burst in my kitchen")],
)
async def test_a_pipe_leaking_in_ones_own_home_still_gets_the_pipe_leak_s_advice(
    running: tuple[Emulator, App], user: int, report: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, report)
    await until(lambda: "#1" in said_text(world, user))
    await until(lambda: OWN_VALVE[user].casefold() in said_text(world, user).casefold())
    told = said_text(world, user)
    assert not [a for a in UPSTAIRS_ADVICE[user] if a in told], told
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
