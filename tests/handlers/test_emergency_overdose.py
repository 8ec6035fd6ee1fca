"""An overdose already taken, end to end over the emulation (bot/harm_words.py
`OVERDOSE_TAKEN`): "我吞了半瓶安眠药", "I just swallowed half a bottle of sleeping pills", "I
took all my pills" got the ambulance alone, no crisis line, though a plan to take them all
("tomorrow I will take all my sleeping pills") gets it. Now it is a medical emergency and
self-harm both: the ambulance (120) first, the crisis line (12356) too, the advice for what
was swallowed and a word to call the crisis line, the supervisors alerted of both. A battery
a child swallowed stays the ambulance alone."""

from __future__ import annotations

import re

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
SUICIDE = {"zh": "轻生", "en": "suicide"}
SWALLOWED = {"zh": "误吞异物", "en": "swallowed something harmful"}
ADVICE = {REQUESTER: ("不要催吐", "心理援助热线"), ENGLISH: ("vomit", "crisis line")}


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


def _numbers(text: str) -> list[str]:
    listed = [line for line in text.splitlines() if line.startswith("·")]
    return [re.findall(r"\d+", line)[-1] for line in listed]


async def _first_reply(emulator: Emulator, user: int, text: str) -> str:
    await emulator.world.user_sends(user, text)
    await until(lambda: any("#1" in t for t in _texts(emulator, user)))
    return _texts(emulator, user)[0]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "我吞了半瓶安眠药"),
        (REQUESTER, "我刚吃了一整瓶安眠药"),
        (REQUESTER, "我把一整瓶安眠药都吃了"),
        (ENGLISH, "I swallowed all my sleeping pills"),
        (ENGLISH, "I just swallowed half a bottle of sleeping pills"),
        (ENGLISH, "I took all my pills"),
    ],
)
async def test_an_overdose_taken_hears_the_ambulance_first_and_the_crisis_line(
    running: tuple[Emulator, App], settings: Settings, user: int, text: str
) -> None:
    emulator, application = running
    staff = settings.languages.default
    first = await _first_reply(emulator, user, text)
    told = _numbers(first)
    assert told[:1] == ["120"] and "12356" in told, first
    now = next(line for line in first.splitlines() if line.startswith(("现在", "Now")))
    assert all(words in now for words in ADVICE[user]), first
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    await until(lambda: any("#1" in t for t in _texts(emulator, MANAGEMENT)))
    alert = next(t for t in _texts(emulator, MANAGEMENT) if "#1" in t)
    assert SUICIDE[staff] in alert and SWALLOWED[staff] in alert, alert


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "孩子误吞了电池"),
        (ENGLISH, "My son swallowed a battery"),
        # A child's pills said with 把 were heard as a plan of one's own: the crisis line
        # first, the ambulance third.
        (REQUESTER, "孩子把一瓶药都吃了"),
        (REQUESTER, "宝宝把半瓶止痛药吃了"),
        (ENGLISH, "My son took a whole bottle of pills"),
    ],
)
async def test_a_battery_a_child_swallowed_hears_the_ambulance_alone(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, _ = running
    first = await _first_reply(emulator, user, text)
    assert _numbers(first) == ["120"], first
    assert ADVICE[user][1] not in first, first
