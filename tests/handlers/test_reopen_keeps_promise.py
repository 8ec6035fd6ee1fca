"""Issue 14, a fresh tester: "not solved" after a resolution reopened the ticket with a new,
later promise, as if none had passed. A promise never moves later (bot/sla.py
`kept_promise`): the reopened ticket keeps the time promised; past it, the requester hears it
is overdue, with an apology, not a new time. End to end over the emulation, both languages."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)
from tests.handlers.test_after_resolution import OFFICER, _resolved, _ticket

App = Application  # type: ignore[type-arg]
CASE = {
    REQUESTER: ("我想申请公租房", "还是没解决", "重新打开", "已超过承诺的办结时间"),
    ENGLISH: (
        "I want to apply for public rental housing",
        "It is still not solved",
        "reopened",
        "past the time we promised",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_reopening_keeps_the_promise(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    emulator, application = running
    question, not_solved, reopened, overdue = CASE[requester]
    _, heard = await _resolved(emulator, requester, question)
    promised = (await _ticket(application)).resolution_due_at
    desk_clock.now = promised + timedelta(hours=1)  # past it: still not solved
    await emulator.world.user_sends(requester, not_solved)
    told = (await bot_lines(emulator, requester, heard + 1))[-1].text
    assert reopened in told and overdue in told, told
    ticket = await _ticket(application)
    assert ticket.reopen_count == 1 and ticket.resolution_due_at == promised


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_reopened_before_the_promise_keeps_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    emulator, application = running
    question, not_solved, reopened, overdue = CASE[requester]
    _, heard = await _resolved(emulator, requester, question)
    promised = (await _ticket(application)).resolution_due_at
    desk_clock.now += timedelta(hours=2)
    await emulator.world.user_sends(requester, not_solved)
    told = (await bot_lines(emulator, requester, heard + 1))[-1].text
    assert reopened in told and overdue not in told, told
    assert (await _ticket(application)).resolution_due_at == promised


@pytest.mark.parametrize("store", ["sqlite"])
async def test_after_a_clock_jump_only_the_breach_is_told(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """A fresh tester's finding: the sweep, late past a deadline (the server was down, the
    clock jumped), sent "即将到期" (due soon) and "已超期" (overdue) at the same moment. A
    warning that the deadline is near is false once it has passed: only the breach goes."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, CASE[REQUESTER][0])
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)
    promised = (await _ticket(application)).resolution_due_at
    desk_clock.now = promised + timedelta(minutes=10)
    await sweep(DeskContext(application))
    await until(lambda: any("已超期" in e.text for e in bot_said(world, OFFICER)))
    await asyncio.sleep(0.5)  # anything else the sweep sent has arrived too
    said = [e.text for chat in (OFFICER, GENERAL_GROUP) for e in bot_said(world, chat)]
    assert not any("即将到期" in text for text in said), said
