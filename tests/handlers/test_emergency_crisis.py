"""Someone about to take their own life, or pleading as a threat comes back, end to end over
the emulation (bot/crisis_words.py): a tester's first message "I have the pills in my hand"
got an ordinary answer, and "he is coming back now, please help" too. Each now opens an
urgent ticket at once, the numbers told first (the crisis line at their head for the pills,
as for a neighbour about to jump; all of them, the police first, for the plea), the
supervisors alerted. Help asked with a passport, and a car hit by someone (nothing fell on
it, no one hurt), stay ordinary."""

from __future__ import annotations

import re

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.danger import no_emergency
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
EVERY = ["110", "119", "120", "12356", "96333", "96777", "95598"]
CRISIS = ["12356", "110", "120"]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "named"),
    [
        (ENGLISH, "I have the pills in my hand", CRISIS),
        (REQUESTER, "我手里拿着一瓶安眠药", CRISIS),
        (ENGLISH, "I can't go on anymore", CRISIS),
        (REQUESTER, "我想结束这一切", CRISIS),
        (ENGLISH, "he is coming back now, please help", EVERY),
        (REQUESTER, "他又回来了,帮帮我", EVERY),
    ],
)
async def test_a_crisis_is_urgent_at_once(
    running: tuple[Emulator, App], user: int, text: str, named: list[str]
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
    said = bot_said(world, user)
    listed = [line for line in said[0].text.splitlines() if line.startswith("·")]
    assert [re.findall(r"\d+", line)[-1] for line in listed] == named, listed
    assert not [line for line in said if line.buttons]
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    assert any("#1" in line.text for line in alert)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (ENGLISH, "please help me with my passport"),
        (ENGLISH, "he hit my car"),
        (REQUESTER, "我想死你了"),
    ],
)
async def test_help_with_an_errand_or_a_scraped_car_is_no_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    await no_emergency(emulator, application, user, text)
