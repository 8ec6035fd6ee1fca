"""Someone fallen into a well, a manhole or a pit, end to end over the emulation: a new-user
trial's "孩子掉进井里了" got the fire brigade (119) alone, as someone in the water, and "a child
fell into a manhole" nothing at all. A person down there must be got out and is likely hurt:
the rescue (119) first, then the ambulance (120), and not to climb in after them; on an
urgent ticket, the supervisors alerted. A phone dropped down a drain stays ordinary."""

from __future__ import annotations

import re

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.danger import no_emergency
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
CLIMB_IN = {REQUESTER: "不要下去", ENGLISH: "do not climb down"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "孩子掉进井里了"),
        (REQUESTER, "有人掉进下水道了,快来人"),
        (ENGLISH, "a child fell into a manhole"),
        (ENGLISH, "My neighbour's son has fallen down a well"),
    ],
)
async def test_someone_fallen_in_hears_the_rescue_and_the_ambulance(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    first = bot_said(world, user)[0].text
    listed = [line for line in first.splitlines() if line.startswith("·")]
    assert [re.findall(r"\d+", line)[-1] for line in listed][:2] == ["119", "120"], first
    assert CLIMB_IN[user] in first, first
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    await until(lambda: any("#1" in e.text for e in bot_said(world, MANAGEMENT)))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [(REQUESTER, "我的手机掉进下水道了,能捞上来吗"), (ENGLISH, "my keys fell into a drain")],
)
async def test_a_thing_dropped_down_a_drain_is_no_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    await no_emergency(emulator, application, user, text)
