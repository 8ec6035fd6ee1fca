"""Issue 14, a fresh tester: a handoff form whose time limit passed told nobody who could act
on it. Once it passes, the ticket's owner hears it in the ticket's topic, the receiving
department in its group, and the supervisors of both departments. The clock is moved, not
slept on. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import REQUESTER, DeskClock, bot_said, until
from tests.handlers.handing import GROUPS, OFFICERS, a_form

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_handoff_past_its_time_limit_is_told_at_once(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    to, form, department = await a_form(emulator)
    before = {chat: len(bot_said(world, chat)) for chat in GROUPS.values()}
    desk_clock.now += timedelta(days=3)
    await sweep(DeskContext(application))

    def told(chat: int, thread: bool | None = None) -> bool:
        return any(
            "转办单逾期" in e.text and (thread is None or bool(e.thread_id) == thread)
            for e in bot_said(world, chat)[before[chat] :]
        )

    # The receiving department, in its group.
    await until(lambda: told(GROUPS[to]))
    # The ticket's owner, in the ticket's topic in their department's group.
    await until(lambda: told(GROUPS[department], thread=True))
    # The alert names the time as the form did: one term for one deadline.
    (term,) = [line.split(":")[0] for line in form.text.splitlines() if "期限:" in line]
    alert = next(e.text for e in bot_said(world, GROUPS[to]) if "转办单逾期" in e.text)
    assert term == "转办期限" and f"{term} " in alert, (term, alert)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_accepted_handoff_past_its_time_limit_is_told_and_not_to_the_requester(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """Accepted, the form's time limit is the handling department's to meet: past it, that
    department hears it in its group and the owner in the ticket's topic; the requester hears
    nothing of it (staff's words, not theirs)."""
    emulator, application = running
    world = emulator.world
    to, form, department = await a_form(emulator)
    await world.user_presses(OFFICERS[to], GROUPS[to], form.message_id, "accept:1")
    await until(lambda: "接收办理" in form.text)
    before = {chat: len(bot_said(world, chat)) for chat in [*GROUPS.values(), REQUESTER]}
    desk_clock.now += timedelta(days=3)
    await sweep(DeskContext(application))

    def told(chat: int, thread: bool | None = None) -> bool:
        return any(
            "转办逾期" in e.text
            and "办理" in e.text
            and (thread is None or bool(e.thread_id) == thread)
            for e in bot_said(world, chat)[before[chat] :]
        )

    await until(lambda: told(GROUPS[to]))
    await until(lambda: told(GROUPS[department], thread=True))
    assert not any("转办" in e.text for e in bot_said(world, REQUESTER)[before[REQUESTER] :])
