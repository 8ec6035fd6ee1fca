"""A new-user trial: "从3月5号开始幸福里小区就没水了" opened a normal water-cut ticket whose
reply said the address was received ("已收到您说的:详细地址(小区、楼栋)"): "3月5号" was read
as a house number, and the date as a notice's (a planned cut, no keyword raise); "Xingfuli
community has had no water since March 5th" opened an urgent one, with the supervisors
alerted, and asked again for the estate and for when the water stopped. The same matter in
either language is one: a cut going on since a day gone by is happening now, as urgent as
the configured keyword that names it (停水, no water: config.yaml `keywords`, README "A
supply cut happening now"), its supervisors alerted; a date is never a house number; the
estate named is noted as said, the building still asked, the day it began never asked
again. End to end over the emulation, in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers import promised
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
SUPERVISOR, UTILITIES_GROUP = 100390, -1000000000103  # of Utilities (config.yaml)
# The cut since a day gone by, in the estate named alone: the trial's words and their kin.
SINCE = [
    (REQUESTER, "从3月5号开始幸福里小区就没水了", "小区:幸福里"),
    (REQUESTER, "幸福里小区5号开始就停水了", "小区:幸福里"),
    (REQUESTER, "上周三开始幸福里小区一直没水", "小区:幸福里"),
    (ENGLISH, "Xingfuli community has had no water since March 5th", "estate: Xingfuli community"),
    (ENGLISH, "No water in Xingfuli estate since 5 March", "estate: Xingfuli estate"),
]
ADDRESS = {REQUESTER: "详细地址(小区、楼栋)", ENGLISH: "the exact address (estate and building)"}
BUILDING = {REQUESTER: "详细地址(楼栋)", ENGLISH: "the exact address (building)"}
WHEN = {REQUESTER: "停水开始的时间", ENGLISH: "when the water stopped"}
NEIGHBOURS = {REQUESTER: "邻居是否同样停水", ENGLISH: "whether neighbours are affected"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "words", "estate"), SINCE)
async def test_a_cut_since_a_day_is_urgent_its_estate_noted_its_day_not_asked(
    running: tuple[Emulator, App], user: int, words: str, estate: str
) -> None:
    emulator, application = running
    world = emulator.world
    reply = await promised.promise(emulator, user, words)
    noted, asked = promised.noted(reply, user), promised.asked(reply, user)
    assert ADDRESS[user] not in noted, reply  # no house number: the address is not claimed
    assert estate in noted and WHEN[user] in noted, reply  # the estate and the day, as said
    assert BUILDING[user] in asked and NEIGHBOURS[user] in asked, reply
    assert WHEN[user] not in asked, reply  # the day it began is never asked again
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.priority) == ("fault_report", "urgent")
    await until(lambda: any("#1" in line.text for line in bot_said(world, SUPERVISOR)))
    (card,) = [line.text for line in bot_said(world, UTILITIES_GROUP) if "#1" in line.text]
    assert "特急" in card and "详细地址(楼栋)" in card and "停水开始的时间" not in card, card


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words"),
    [(REQUESTER, "3.5号开始就没水了"), (ENGLISH, "water off since March 5th")],
)
async def test_a_date_alone_is_no_address(
    running: tuple[Emulator, App], user: int, words: str
) -> None:
    emulator, application = running
    reply = await promised.promise(emulator, user, words)
    assert ADDRESS[user] in promised.asked(reply, user), reply  # the whole address is asked
    noted, asked = promised.noted(reply, user), promised.asked(reply, user)
    assert WHEN[user] in noted and WHEN[user] not in asked, reply
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.priority) == ("fault_report", "urgent")
