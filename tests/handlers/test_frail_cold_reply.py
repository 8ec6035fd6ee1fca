"""A vulnerable person in the cold, end to end over the emulation (issue 14): "我家暖气不热了,
家里有80岁的老人,冻得受不了" or "No heating, my 85-year-old mother is freezing" is urgent at
once, and a careful clerk does not tell a freezing 85-year-old to check the valves and bleed
the radiators first: the requester hears the urgent ticket's acknowledgement (what happens
next, by when, the details the heating template asks for), never the template's self-help
answer; the supervisors' alert says why it is urgent (a vulnerable person without heating),
in the language they read (the desk's)."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900

CASES = [
    (
        REQUESTER,
        "我家暖气不热了,家里有80岁的老人,冻得受不了",
        ("阀门", "排气", "18℃"),
        ("特急", "值班主管", "上门"),
        "原因:家中有老人",
    ),
    (
        ENGLISH,
        "No heating, my 85-year-old mother is freezing",
        ("valve", "bleed", "18 °C"),
        ("top priority", "duty supervisor", "visit"),
        "原因:家中有老人",  # the supervisors read the desk's language, whoever wrote
    ),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "text", "self_help", "next_step", "reason"), CASES)
async def test_a_freezing_old_person_hears_the_urgent_ticket_not_the_valves(
    running: tuple[Emulator, App],
    user: int,
    text: str,
    self_help: tuple[str, ...],
    next_step: tuple[str, ...],
    reason: str,
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
    assert ticket is not None and ticket.priority == "urgent"
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    said = bot_said(world, user)
    told = "\n".join(e.text for e in said)
    for words in self_help:
        assert words not in told, told
    # the first thing they hear is the urgent ticket: what happens next, by when
    assert "#1" in said[0].text, told
    for words in next_step:
        assert words in said[0].text, said[0].text
    assert ("09:15" in said[0].text) or ("9:15" in said[0].text), said[0].text
    assert not [line for line in said if line.buttons]
    shown = "\n".join(line.text for line in alert)
    assert "#1" in shown
    assert reason in shown, shown


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_cold_alone_still_hears_the_valves(running: tuple[Emulator, App]) -> None:
    """No vulnerable person: the heating template's answer is the right first word."""
    emulator, _application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我家暖气不热了")
    await until(lambda: any("阀门" in e.text for e in bot_said(world, REQUESTER)))
    told = "\n".join(e.text for e in bot_said(world, REQUESTER))
    assert "原因" not in told
