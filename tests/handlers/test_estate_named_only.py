"""A new-user trial: "幸福里小区从早上开始就没水了" opened a water-cut ticket whose reply said the
address was received ("已收到您说的:详细地址(小区、楼栋)…"), though only the estate was
named: the template asks for the estate and the building, for officers to find the place,
and the building was never asked for. An estate's name alone is part of the address: the
reply says the estate was received ("小区:幸福里") and still asks for the building; a full
address ("幸福里5号楼3单元") is taken as given, nothing asked again. End to end over the
emulation, in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers import promised
from tests.handlers.conftest import ENGLISH, REQUESTER, until
from tests.handlers.looks import all_tickets, said_text

App = Application  # type: ignore[type-arg]
ESTATE_ONLY = {
    REQUESTER: "幸福里小区从早上开始就没水了",
    ENGLISH: "No water in Xingfu Estate since this morning",
}
FULL = {
    REQUESTER: "幸福里5号楼3单元停水了",
    ENGLISH: "No water in Xingfuli building 5 unit 3",
}
# What the reply says was received of the place, and the address item the template lists.
ESTATE = {REQUESTER: "小区:幸福里", ENGLISH: "estate: Xingfu Estate"}
ADDRESS = {REQUESTER: "详细地址(小区、楼栋)", ENGLISH: "the exact address (estate and building)"}
BUILDING = {REQUESTER: "详细地址(楼栋)", ENGLISH: "the exact address (building)"}


async def _promise(emulator: Emulator, application: App, user: int, words: str) -> str:
    """The reply promising the water cut's ticket #1 opened for `words`."""
    world = emulator.world
    await world.user_sends(user, words)
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert ticket.category == "fault_report", ticket.category
    return said_text(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_an_estate_alone_is_noted_and_the_building_asked(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    reply = await _promise(emulator, application, user, ESTATE_ONLY[user])
    noted, asked = promised.noted(reply, user), promised.asked(reply, user)
    assert ADDRESS[user] not in noted, reply  # the address is not claimed
    assert ESTATE[user] in noted, reply  # the estate is, as it was said
    assert BUILDING[user] in asked, reply  # the building is asked for


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_full_address_is_taken_as_given(running: tuple[Emulator, App], user: int) -> None:
    emulator, application = running
    reply = await _promise(emulator, application, user, FULL[user])
    assert ADDRESS[user] in promised.noted(reply, user), reply
    asked = promised.asked(reply, user)
    assert "地址" not in asked and "address" not in asked, reply
