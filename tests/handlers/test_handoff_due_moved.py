"""A handoff's deadline moved by the ticket's owner (SPEC rule 7): `/handoff_due <time limit>`
in the ticket's topic sets it anew from now, earlier as well as later, never past the
ticket's own resolution deadline; the department it went to hears it under its form, and a
deadline moved earlier is the one the sweep holds it to. The clock is moved, not slept on.
End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Handoff, Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import DeskClock, bot_said, until
from tests.handlers.handing import GROUPS, OFFICERS, a_form
from tests.handlers.test_handed_over import replies_to

App = Application  # type: ignore[type-arg]


async def form_due(application: App) -> Any:
    async with application.bot_data.desk.sessions() as session:
        form = await session.scalar(select(Handoff))
        assert form is not None
        return form.due_at


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_owner_moves_a_handoffs_deadline_earlier_and_the_department_hears_it(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, form, department = await a_form(emulator)
    (topic,) = world.chats[GROUPS[department]].topics.values()
    owner, group = OFFICERS[department], GROUPS[department]
    first = await form_due(application)

    await world.user_sends(owner, "/handoff_due 2", group, topic.thread_id)
    await until(lambda: any("转办期限已改为" in e.text for e in bot_said(world, group)))
    earlier = await form_due(application)
    assert earlier < first
    # The receiving department, under its form: earlier, and by when to decide.
    await until(
        lambda: any("提前了" in e.text for e in replies_to(world, GROUPS[to], form.message_id))
    )
    (heard,) = [e for e in replies_to(world, GROUPS[to], form.message_id) if "提前了" in e.text]
    assert "转办期限已由" in heard.text and "接收或退回" in heard.text

    # Later again, as far as the ticket's own deadline and no further.
    await world.user_sends(owner, "/handoff_due 30d", group, topic.thread_id)
    await until(lambda: any("已定为办结期限" in e.text for e in bot_said(world, group)))
    async with desk.sessions() as session:
        ticket = await session.scalar(select(Ticket))
    assert ticket is not None
    assert await form_due(application) == ticket.resolution_due_at

    # Back to two hours: past them (not past the 8 the form asked first), the sweep tells it late.
    await world.user_sends(owner, "/handoff_due 2h", group, topic.thread_id)
    await until(
        lambda: len([e for e in bot_said(world, group) if "转办期限已改为" in e.text]) == 3
    )
    desk_clock.now += timedelta(hours=3)
    await sweep(DeskContext(application))
    await until(lambda: any("转办单逾期" in e.text for e in bot_said(world, GROUPS[to])))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_only_the_owner_moves_it_and_only_a_running_handoff(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    to, form, department = await a_form(emulator)
    (topic,) = world.chats[GROUPS[department]].topics.values()
    group = GROUPS[department]
    first = await form_due(application)
    # Unreadable: the usage.
    await world.user_sends(OFFICERS[department], "/handoff_due soon", group, topic.thread_id)
    await until(lambda: any("/handoff_due" in e.text for e in bot_said(world, group)))
    await world.user_presses(OFFICERS[to], GROUPS[to], form.message_id, "accept:1")
    await until(lambda: "接收办理" in form.text)
    # The handling department cannot move the owner's deadline (a reply on its form).
    await world.user_sends(OFFICERS[to], "/handoff_due 1", GROUPS[to], reply_to=form.message_id)
    refused = "只有工单 #1 的负责人或主管可以这样做"
    await until(lambda: any(refused in e.text for e in bot_said(world, GROUPS[to])))
    assert await form_due(application) == first
    # Accepted: the owner still moves it (the handling department has it done by then).
    await world.user_sends(OFFICERS[department], "/handoff_due 4", group, topic.thread_id)
    await until(lambda: any("请在此之前办妥" in e.text for e in bot_said(world, GROUPS[to])))
    assert await form_due(application) < first
    assert not any("转办期限已改为" in e.text for e in bot_said(world, GROUPS[to]) if e.thread_id)
