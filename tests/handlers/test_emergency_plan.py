"""A plan to take one's own life, end to end over the emulation: "I will kill myself
tomorrow" and "我明天就去死" got an ordinary answer (words of the future spared them); now
the crisis line comes first, at once, on an urgent ticket; so for a plan to take all one's
sleeping pills ("tomorrow I will take all my sleeping pills", "明天我要把安眠药全吃了", a
new-user trial's). A prevention talk tomorrow, a sleeping pill asked about and pills taken as
prescribed stay ordinary."""

from __future__ import annotations

import re

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.danger import no_emergency
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
CRISIS = ["12356", "110", "120"]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (ENGLISH, "I will kill myself tomorrow"),
        (REQUESTER, "我明天就去死"),
        # a plan to overdose, said of oneself (a new-user trial: an ordinary answer)
        (ENGLISH, "tomorrow I will take all my sleeping pills"),
        (REQUESTER, "明天我要把安眠药全吃了"),
    ],
)
async def test_a_plan_for_tomorrow_gets_the_crisis_line_now(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)

    async def opened() -> bool:
        return await ticket_no(application, 1) is not None

    await until(opened)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    listed = [line for line in bot_said(world, user)[0].text.splitlines() if line.startswith("·")]
    assert [re.findall(r"\d+", line)[-1] for line in listed] == CRISIS, listed


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (ENGLISH, "Will there be a suicide prevention talk tomorrow?"),
        # a sleeping pill asked about, pills taken as prescribed: no plan
        (REQUESTER, "明天要吃安眠药吗"),
        (ENGLISH, "tomorrow I will take my pills as prescribed"),
    ],
)
async def test_a_prevention_talk_or_pills_as_prescribed_are_no_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    await no_emergency(emulator, application, user, text)
