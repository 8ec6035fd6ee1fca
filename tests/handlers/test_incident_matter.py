"""Who joins a mass incident (issue 14, SPEC rule 9): a requester at the place of a power cut's
incident with another matter (a noise complaint in the building without power) was linked to
the outage, by its place alone, and got its updates. A careful clerk links only a matter of
the incident's kind at its place; anything else is a ticket of its own. End to end over the
emulation, in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
OUTAGE = {
    REQUESTER: [
        "幸福里3号楼停电了",
        "幸福里3号楼停电了,家里没电",
        "幸福里3号楼停电",
        "幸福里3号楼全楼停电了",
        "幸福里3号楼突然停电了",
    ],
    ENGLISH: [
        "Power cut in Xingfuli building 3",
        "No power in Xingfuli building 3",
        "Xingfuli building 3 has a power cut",
        "Power outage in Xingfuli building 3",
        "The power is out in Xingfuli building 3",
    ],
}
# The knowledge base knows neither as a noise complaint: their words alone, mostly the place.
NOISE = {
    REQUESTER: "幸福里3号楼太吵",
    ENGLISH: "Loud music in Xingfuli building 3",
}
MORE_OUTAGE = {REQUESTER: "幸福里3号楼也停电了", ENGLISH: "Power cut in Xingfuli building 3 too"}


async def _opened(emulator: Emulator, user_id: int, text: str, number: int) -> None:
    """`user_id` says `text` until ticket `number` is theirs (asked its kind: a complaint;
    offered answers: a person)."""
    world = emulator.world
    said = len(bot_said(world, user_id))
    await world.user_sends(user_id, text)
    await until(lambda: len(bot_said(world, user_id)) > said)
    last = bot_said(world, user_id)[-1]
    pressed = [b["callback_data"] for row in last.buttons for b in row]
    if "human" in pressed:
        await world.user_presses(user_id, user_id, last.message_id, "human")
        await until(lambda: bot_said(world, user_id)[-1] is not last)
        last = bot_said(world, user_id)[-1]
        pressed = [b["callback_data"] for row in last.buttons for b in row]
    if "cat:complaint" in pressed:
        await world.user_presses(user_id, user_id, last.message_id, "cat:complaint")
    await until(lambda: any(f"#{number}" in e.text for e in bot_said(world, user_id)))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_another_matter_at_an_incident_s_place_is_its_own_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    language = "zh" if user == REQUESTER else "en"
    for n, text in enumerate(OUTAGE[user], start=1):
        world.add_user(700000 + n, f"R{n}", language)
        await _opened(emulator, 700000 + n, text, n)
    found = await all_tickets(application)
    incident = found[0].incident_id
    assert incident is not None and {t.incident_id for t in found} == {incident}
    await _opened(emulator, user, NOISE[user], len(OUTAGE[user]) + 1)
    noise = (await all_tickets(application))[-1]
    assert noise.incident_id is None, noise.question
    # A power cut there still joins it.
    other = 700100
    world.add_user(other, "R100", language)
    await _opened(emulator, other, MORE_OUTAGE[user], len(OUTAGE[user]) + 2)
    joined = (await all_tickets(application))[-1]
    assert joined.incident_id == incident, joined.question


GAS = {
    REQUESTER: "幸福里3号楼楼道里有很浓的煤气味",
    ENGLISH: "There is a strong smell of gas in the stairwell of Xingfuli building 3",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_danger_of_another_kind_at_an_incident_s_place_is_not_linked_to_it(
    running: tuple[Emulator, App], user: int
) -> None:
    """A gas smell in the building of a power cut is its own urgent ticket, not one of the
    power cut's incident (someone trapped in its lift is: test_emergency_incident.py): the
    outage's updates ("power back by 8pm") are nothing to them."""
    emulator, application = running
    world = emulator.world
    language = "zh" if user == REQUESTER else "en"
    for n, text in enumerate(OUTAGE[user], start=1):
        world.add_user(700000 + n, f"R{n}", language)
        await _opened(emulator, 700000 + n, text, n)
    assert (await all_tickets(application))[0].incident_id is not None
    await world.user_sends(user, GAS[user])
    await until(lambda: any(f"#{len(OUTAGE[user]) + 1}" in e.text for e in bot_said(world, user)))
    gas = (await all_tickets(application))[-1]
    assert gas.priority == "urgent" and gas.incident_id is None, gas.question
