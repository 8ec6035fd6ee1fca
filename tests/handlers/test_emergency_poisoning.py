"""Carbon monoxide and a gas leak as a new-user trial met them, end to end over the emulation.
"我家煤气中毒了,头很晕", "I think we have carbon monoxide poisoning" were taken for a gas leak
(the gas company's line first, advice for a leak) or for someone unconscious: people poisoned
by carbon monoxide now hear the ambulance (120) first, then the fire brigade (119), and what
fits it: everyone out into fresh air, windows open, no flames or switches. And a gas smell's
advice says not to use the phone inside, then the bot asked for the place and a phone number
in the chat: every line that asks them to write here now says to do it once outside."""

from __future__ import annotations

import re
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900

# The advice of carbon monoxide, in each language; that of someone unconscious, and a leak's.
FRESH_AIR = {REQUESTER: ("通风", "室外", "明火"), ENGLISH: ("fresh air", "window", "flames")}
NOT_FIT = {
    REQUESTER: ("保持其呼吸通畅", "燃气抢修"),
    ENGLISH: ("keep their airway clear", "Gas emergency"),
}
# What asks them to write in the chat, and what says to do so from outside.
ASKS = {REQUESTER: ("请告诉我们", "请在这里发送"), ENGLISH: ("tell us exactly", "send here")}
OUTSIDE = {REQUESTER: "室外", ENGLISH: "outside"}


async def _promised(emulator: Emulator, user: int, text: str) -> list[Any]:
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    await until(lambda: any("#1" in e.text for e in bot_said(world, MANAGEMENT)))
    return bot_said(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "我家煤气中毒了,头很晕"),
        (REQUESTER, "一氧化碳中毒"),
        (ENGLISH, "I think we have carbon monoxide poisoning, my head is spinning"),
    ],
)
async def test_carbon_monoxide_poisoning_hears_the_ambulance_first_and_fresh_air(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    said = await _promised(emulator, user, text)
    first = said[0].text
    listed = [line for line in first.splitlines() if line.startswith("·")]
    assert [re.findall(r"\d+", line)[-1] for line in listed] == ["120", "119"], first
    assert all(words in first for words in FRESH_AIR[user]), first
    everything = "\n".join(e.text for e in said)
    assert not [w for w in NOT_FIT[user] if w in everything], everything
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    alert = "\n".join(e.text for e in bot_said(emulator.world, MANAGEMENT))
    assert "一氧化碳" in alert, alert  # the staff's language: named as carbon monoxide


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "楼道里有很大的燃气味"),
        (ENGLISH, "There is a strong smell of gas in my kitchen"),
        (REQUESTER, "我家煤气中毒了,头很晕"),
        (ENGLISH, "I think we have carbon monoxide poisoning, my head is spinning"),
    ],
)
async def test_gas_or_fumes_are_asked_to_write_only_once_outside(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    """Told not to use the phone inside, they are asked for the place (no place was told)
    and, for a leak, a phone number: each such line says to send it once outside."""
    emulator, _ = running
    said = await _promised(emulator, user, text)
    asking = [
        line
        for e in said
        for line in e.text.splitlines()
        if any(words in line for words in ASKS[user])
    ]
    assert asking, [e.text for e in said]
    assert all(OUTSIDE[user] in line for line in asking), asking
