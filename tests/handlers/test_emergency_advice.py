"""What the requester hears first of an emergency, in either language alike (issue 14, SPEC rule
9): a falling hazard in Chinese is as urgent as in English (the numbers, 119 first, no
next-working-day promise); someone at home depending on medical equipment in a power cut is
told the ambulance number and what to do if the device stops, before anything else; smoke, a
gas smell, someone trapped in a lift hear brief safety advice with the numbers; and no answer
claims an action nobody took (the gas template passed nothing to the gas company); someone
collapsed hears the ambulance and what to do beside them, not a building's collapse (keep away,
the fire brigade). End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900


async def _first_said(emulator: Emulator, application: App, user: int, text: str) -> list[Any]:
    """What the bot says to `user` once the ticket their `text` opens is promised."""
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    await until(lambda: any("#1" in e.text for e in bot_said(world, MANAGEMENT)))
    return bot_said(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "advice"),
    [
        (REQUESTER, "和平小区5号楼外墙瓷砖脱落,砸坏了楼下的车,太危险了", "远离"),
        (ENGLISH, "Tiles keep falling off the wall of building 5, one smashed a car", "keep"),
    ],
)
async def test_a_falling_hazard_is_an_emergency_in_either_language(
    running: tuple[Emulator, App], user: int, text: str, advice: str
) -> None:
    emulator, application = running
    said = await _first_said(emulator, application, user, text)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    assert "119" in said[0].text and advice in said[0].text
    assert not [e for e in said if "工作日" in e.text or "working day" in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "advice"),
    [
        (REQUESTER, "幸福里3号楼没电了,家里有老人用制氧机", "备用"),
        (ENGLISH, "No power in building 3 Xingfuli, my father is on an oxygen machine", "backup"),
    ],
)
async def test_someone_on_medical_equipment_in_a_cut_hears_the_ambulance_first(
    running: tuple[Emulator, App], user: int, text: str, advice: str
) -> None:
    emulator, application = running
    said = await _first_said(emulator, application, user, text)
    ambulance = next(
        n.number
        for n in application.bot_data.desk.settings.emergency.numbers
        if "person" in n.kinds
    )
    first = said[0].text
    assert ambulance in first and advice in first
    # the ambulance alone: no fire or police line for a device stopping (issue 14)
    assert all(n not in first for n in ("110", "119")), first
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "advice"),
    [
        (REQUESTER, "楼道里有烟,幸福路4号楼", "不要乘电梯"),
        (ENGLISH, "There is smoke in the stairwell of building 4, Xingfu Road", "lift"),
        (REQUESTER, "有人被困在电梯里了,幸福路4号楼", "不要强行扒门"),
        (ENGLISH, "someone is stuck in the elevator at 4 Xingfu Road", "do not force the doors"),
        (REQUESTER, "楼道里有很大的燃气味,幸福路4号楼", "不要开关电器"),
        (ENGLISH, "There is a strong smell of gas in the stairwell", "no flames"),
    ],
)
async def test_the_numbers_come_with_safety_advice_and_no_claim(
    running: tuple[Emulator, App], user: int, text: str, advice: str
) -> None:
    emulator, application = running
    said = await _first_said(emulator, application, user, text)
    assert advice in said[0].text
    everything = "\n".join(e.text for e in said)
    for claim in ("转燃气公司", "passing this to the gas company", "passed it to the gas"):
        assert claim not in everything


@pytest.mark.parametrize("store", ["sqlite"])
async def test_someone_collapsed_hears_the_ambulance_not_a_building_collapse(
    running: tuple[Emulator, App],
) -> None:
    """Someone "collapsed" is a person down: the ambulance (120) and to stay with them;
    not the fire brigade (119) nor to keep away from the collapse (a tester's grandmother got
    a building's advice)."""
    emulator, application = running
    text = "my grandmother collapsed and isn't breathing properly"
    said = await _first_said(emulator, application, ENGLISH, text)
    first = said[0].text
    assert "120" in first and "stay with the person" in first, first
    everything = "\n".join(e.text for e in said)
    assert "119" not in everything and "keep away from the collapse" not in everything
