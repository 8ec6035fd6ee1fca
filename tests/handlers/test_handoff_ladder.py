"""Issue 14, leftovers: a handoff form running late was told once, to everyone at once, and
never again, however long it then stayed late. It climbs the escalation ladder as an overdue
ticket does (config `escalation.ladder`, owner → department → supervisors → management), one
step per overdue period (the time the form was given): at its deadline the ticket's owner in
the ticket's topic and the receiving department's group; one period later the supervisors of
both departments too; one more, management. Each step is told once. The clock is moved, not
slept on. End to end over the emulation."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Handoff
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import DeskClock, bot_said, until
from tests.handlers.handing import GROUPS, OFFICERS, a_form

App = Application  # type: ignore[type-arg]
SUPERVISORS = {"general": 100190, "social_security": 100290, "utilities": 100390}
MANAGEMENT = -1000000000900


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_accepted_handoff_running_late_climbs_the_ladder_a_step_a_period(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    to, form, department = await a_form(emulator)
    await world.user_presses(OFFICERS[to], GROUPS[to], form.message_id, "accept:1")
    await until(lambda: "接收办理" in form.text)
    async with application.bot_data.desk.sessions() as session:
        handoff = await session.scalar(select(Handoff))
        assert handoff is not None
        due, period = handoff.due_at, handoff.due_at - handoff.created_at
    chats = [*GROUPS.values(), *SUPERVISORS.values(), MANAGEMENT]
    seen = {chat: 0 for chat in chats}

    def late(chat: int, thread: bool | None = None) -> list[str]:
        return [
            e.text
            for e in bot_said(world, chat)[seen[chat] :]
            if "转办逾期" in e.text and (thread is None or bool(e.thread_id) == thread)
        ]

    async def at(instant: object) -> None:
        for chat in chats:
            seen[chat] = len(bot_said(world, chat))
        desk_clock.now = instant  # type: ignore[assignment]
        await sweep(DeskContext(application))

    # Step 1, at its deadline: the owner in the ticket's topic, the receiving group.
    await at(due + timedelta(minutes=1))
    await until(lambda: bool(late(GROUPS[to])) and bool(late(GROUPS[department], thread=True)))
    assert "第1级" in late(GROUPS[to])[0]
    await asyncio.sleep(0.3)
    assert not late(SUPERVISORS[to]) and not late(SUPERVISORS[department])
    assert not late(MANAGEMENT)

    # The same step is not told again.
    await at(due + timedelta(minutes=2))
    await asyncio.sleep(0.3)
    assert not any(late(chat) for chat in chats)

    # Step 2, one period later: the supervisors of both departments, and the owner again.
    await at(due + period + timedelta(minutes=1))
    await until(lambda: bool(late(SUPERVISORS[to])) and bool(late(SUPERVISORS[department])))
    assert "第2级" in late(SUPERVISORS[to])[0]
    await until(lambda: bool(late(GROUPS[department], thread=True)))
    await asyncio.sleep(0.3)
    assert not late(MANAGEMENT)

    # Step 3, one more: management.
    await at(due + 2 * period + timedelta(minutes=1))
    await until(lambda: bool(late(MANAGEMENT)))
    assert "第3级" in late(MANAGEMENT)[0]

    # The ladder has no more steps: nothing more, however late.
    await at(due + 10 * period)
    await asyncio.sleep(0.3)
    assert not any(late(chat) for chat in chats)
