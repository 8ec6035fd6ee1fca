"""A handoff's deadline never falls after the ticket's own: one asked for later is set at
the ticket's deadline, and the officer who sent it reads so; while another department
handles the ticket, its escalations name that department (a fresh tester's findings: a form
due 2026-12-03 17:30 for a ticket due 01:59 that night, no word of it). End to end over the
emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Handoff, Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import DeskClock, bot_lines, bot_said, until
from tests.handlers.handing import GROUPS, OFFICERS, a_ticket_with_an_inquiry
from tests.handlers.test_handed_settled import _accepted

App = Application  # type: ignore[type-arg]
SUPERVISOR = 100190  # 张主任, the general window's


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_handoff_asked_for_after_the_tickets_deadline_is_due_with_it(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    department, topic = await a_ticket_with_an_inquiry(emulator)
    group, officer = GROUPS[department], OFFICERS[department]
    await world.user_sends(officer, "/priority urgent", group, topic.thread_id)
    await until(lambda: any("特急" in e.text for e in bot_said(world, group)))
    to = "utilities" if department != "utilities" else "social_security"
    order = f"/transfer {to} 需上门核实住房情况 | 请安排走访 | 3天"
    await world.user_sends(officer, order, group, topic.thread_id)
    (form,) = await bot_lines(emulator, GROUPS[to], 1)
    async with application.bot_data.desk.sessions() as session:
        handoff = await session.scalar(select(Handoff))
        ticket = await session.get(Ticket, 1)
    assert handoff is not None and ticket is not None and ticket.resolution_due_at is not None
    assert handoff.due_at == ticket.resolution_due_at  # not three working days later
    due = ticket.resolution_due_at.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M")
    assert f"转办期限:{due}" in form.text and "办结期限" in form.text
    # The officer who sent it reads that the deadline was set at the ticket's.
    await until(
        lambda: any(
            "办结期限" in e.text and due in e.text and "转办期限" in e.text
            for e in bot_said(world, group, topic.thread_id)
        )
    )


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_escalation_names_the_department_handling_the_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    await _accepted(emulator, application)
    desk_clock.now += timedelta(days=7)  # past its resolution deadline
    await sweep(DeskContext(application))
    await until(lambda: any("预警" in e.text for e in bot_said(emulator.world, SUPERVISOR)))
    escalation = next(e for e in bot_said(emulator.world, SUPERVISOR) if "预警" in e.text)
    assert "由 公用事业科 办理中" in escalation.text, escalation.text
