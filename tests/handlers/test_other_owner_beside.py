"""A new-user trial: a complaint about the property company opened ticket #1 (the general
office's); a minute later "公司拖欠我三个月工资" (wages owed: a complaint too, social
security's) was filed into it, "已记入工单 #1", for officers who do not handle wages. Two
complaints the knowledge base answers surely, for two departments, are two matters: the
wages get a ticket of their own, for their department, and #1 none of their words; the
property complaint's own follow-up still goes into #1. End to end over the emulation, in
both languages, the desk's clock moved on a minute before each message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until
from tests.handlers.looks import all_tickets, filed_texts, said_text

App = Application  # type: ignore[type-arg]
PROPERTY = {
    REQUESTER: "已经好几天了,物业不管",
    ENGLISH: "How do I complain about my property management company?",
}
WAGES = {
    REQUESTER: "公司拖欠我三个月工资",
    ENGLISH: "My employer owes me three months of wages",
}
STILL = {REQUESTER: "物业还是不管", ENGLISH: "The property company still does nothing"}


async def _property_then(emulator: Emulator, clock: DeskClock, user: int, words: str) -> None:
    """The property complaint's ticket #1 opened, then `words` a minute later, answered."""
    world = emulator.world
    await world.user_sends(user, PROPERTY[user])
    await until(lambda: "#1" in said_text(world, user))
    told = len(bot_said(world, user))
    clock.now += timedelta(minutes=1)
    await world.user_sends(user, words)
    await until(lambda: len(bot_said(world, user)) > told)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_wages_beside_a_property_complaint_get_their_own_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    await _property_then(emulator, desk_clock, user, WAGES[user])
    await until(lambda: "#2" in said_text(emulator.world, user))
    first, second = await all_tickets(application)
    assert (first.category, first.department_key) == ("complaint", "general")
    assert (second.category, second.department_key) == ("complaint", "social_security")
    assert WAGES[user] in second.question, second.question
    assert WAGES[user] not in await filed_texts(application, 1)
    assert WAGES[user] not in first.question


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_property_complaint_s_follow_up_still_goes_into_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    await _property_then(emulator, desk_clock, user, STILL[user])
    await until(lambda: _filed(application, STILL[user]))
    assert [t.id for t in await all_tickets(application)] == [1]


async def _filed(application: App, text: str) -> bool:
    return text in await filed_texts(application, 1)
