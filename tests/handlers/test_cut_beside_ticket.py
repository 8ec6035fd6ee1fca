"""A trial of today's tip: "公司拖欠我三个月工资" opened a wages ticket, which asked for the
employer's name and address; a minute later "幸福里小区从早上开始就没水了" was filed into it,
"已记入工单 #1", its estate read as the address asked for (in English, "No water in Xingfuli
since this morning" as more of the wages' telling). A water cut told now is a matter of its
own beside a ticket that tells none: its own ticket, for the utilities; the wages' ticket
none of its words. The water cut's own ticket still takes "还是没水". End to end over the
emulation, both languages, the desk's clock moved on a minute before each message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until
from tests.handlers.looks import all_tickets, filed_texts, said_text

App = Application  # type: ignore[type-arg]
WAGES = {
    REQUESTER: "公司拖欠我三个月工资",
    ENGLISH: "My employer owes me three months of wages",
}
CUT = {
    REQUESTER: "幸福里小区从早上开始就没水了",
    ENGLISH: "No water in Xingfuli since this morning",
}
STILL = {REQUESTER: "还是没水", ENGLISH: "still no water"}


async def _after(emulator: Emulator, clock: DeskClock, user: int, first: str, then: str) -> None:
    """`first` sent and its ticket #1 opened, then `then` a minute later, answered."""
    world = emulator.world
    await world.user_sends(user, first)
    await until(lambda: "#1" in said_text(world, user))
    told = len(bot_said(world, user))
    clock.now += timedelta(minutes=1)
    await world.user_sends(user, then)
    await until(lambda: len(bot_said(world, user)) > told)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_water_cut_beside_a_wages_ticket_is_its_own(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    await _after(emulator, desk_clock, user, WAGES[user], CUT[user])
    await until(lambda: "#2" in said_text(emulator.world, user))
    wages, cut = await all_tickets(application)
    assert (cut.category, cut.department_key) == ("fault_report", "utilities")
    assert CUT[user] in cut.question, cut.question
    assert CUT[user] not in await filed_texts(application, wages.id)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_water_cut_s_own_ticket_takes_more_of_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    await _after(emulator, desk_clock, user, CUT[user], STILL[user])
    await until(lambda: _filed(application, STILL[user]))
    assert [t.id for t in await all_tickets(application)] == [1]


async def _filed(application: App, text: str) -> bool:
    return text in await filed_texts(application, 1)
