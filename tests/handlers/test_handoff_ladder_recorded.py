"""Issue 14: a late handoff form climbs the escalation ladder a step per overdue period
(bot/ladder_handoffs.py), but its steps were told and nowhere recorded: the escalations
table held the ticket's steps only, `/ticket N` showed none of the form's, and the
accountability ledger (and so `/report`) never learned a department let a form run late.
Each step of a late form is recorded as a ticket's escalation is (the escalations table,
naming the receiving department), `/ticket N` lists it among the ticket's events, and the
form's deadline passing is a breach of the receiving department in the ledger, which the
report shows. The clock is moved, not slept on. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Escalation, Handoff, LedgerEntry
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import DeskClock, bot_said, until
from tests.handlers.test_handoff_form import GROUPS, OFFICERS, a_form
from tests.handlers.test_handoff_ladder import MANAGEMENT, SUPERVISORS

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_each_step_of_a_late_handoff_is_recorded_shown_and_in_the_ledger(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, form, department = await a_form(emulator)
    await world.user_presses(OFFICERS[to], GROUPS[to], form.message_id, "accept:1")
    await until(lambda: "接收办理" in form.text)
    async with desk.sessions() as session:
        handoff = await session.scalar(select(Handoff))
        assert handoff is not None
        due, period = handoff.due_at, handoff.due_at - handoff.created_at

    for n in range(3):  # each step of the ladder, told to management at the third
        desk_clock.now = due + n * period + timedelta(minutes=1)
        await sweep(DeskContext(application))
    await until(lambda: any("转办逾期" in e.text for e in bot_said(world, MANAGEMENT)))

    async with desk.sessions() as session:
        steps = (
            await session.scalars(
                select(Escalation)
                .where(Escalation.deadline == "handoff")
                .order_by(Escalation.fired_at)
            )
        ).all()
        ledger = (await session.scalars(select(LedgerEntry))).all()
    assert [(s.ticket_id, s.step, s.department_key) for s in steps] == [
        (1, 0, to),
        (1, 1, to),
        (1, 2, to),
    ]
    assert all(s.fraction >= 1.0 for s in steps)  # each past the form's deadline
    late = [e for e in ledger if e.kind == "handoff_overdue"]
    assert [(e.ticket_id, e.department_key, e.officer_id) for e in late] == [
        (1, to, OFFICERS[to])  # accepted: the officer who took it on is accountable
    ]

    receiving = desk.settings.department(to).names["zh"]
    supervisor = SUPERVISORS[department]
    before = len(bot_said(world, supervisor))
    await world.user_sends(supervisor, "/ticket 1")  # long words: the record in several parts
    await until(lambda: any("\n经过:" in e.text for e in bot_said(world, supervisor)[before:]))
    history = "\n".join(e.text for e in bot_said(world, supervisor)[before:])
    shown = [line for line in history.splitlines() if "转办逾期" in line]
    assert len(shown) == 3, history
    assert "第1级" in shown[0] and "第3级" in shown[2], history
    assert all(receiving in line for line in shown), history
    assert "局领导" in shown[2], history  # the third step told management

    # The receiving department's supervisor's report lists the breach in the ledger.
    theirs = SUPERVISORS[to]
    await world.user_sends(theirs, "/report week")
    await until(lambda: any((f.file_name or "").endswith(".html") for f in world.files.values()))
    (html,) = {
        f.content.decode() for f in world.files.values() if (f.file_name or "").endswith(".html")
    }
    assert "转办逾期" in html, html
