"""A mass incident resolved at once (issue 14, SPEC rules 9 and 10): a tester's supervisor had
to resolve the tickets of one outage one by one. `/incident N resolve <summary>` resolves
every ticket of the incident still in progress: each requester is told once, in their
language, and asked to confirm and rate as for any resolution. End to end over the
emulation."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Ticket, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import GENERAL_GROUP, bot_said, until
from tests.handlers.opening import open_at_desk
from tests.handlers.test_incidents import COMPLAINTS

App = Application  # type: ignore[type-arg]
SUPERVISOR = 100190  # of General Services, where the complaints go (config.yaml)
SUMMARY = {"zh": "电梯已修复,恢复运行", "en": "The lift is repaired and running again"}


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_supervisor_resolves_every_ticket_of_an_incident_at_once(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    desk = DeskContext(application).desk
    world = emulator.world
    people = [(770001 + n, "en" if n % 2 else "zh") for n in range(len(COMPLAINTS))]
    for (user_id, language), text in zip(people, COMPLAINTS, strict=True):
        world.add_user(user_id, f"R{user_id}", language, started=True)
        await open_at_desk(application, user_id, language, question=text, category="complaint")
    command = f"/incident 1 resolve {SUMMARY['zh']} | {SUMMARY['en']}"
    await world.user_sends(SUPERVISOR, command, GENERAL_GROUP)
    for user_id, language in people:
        await until(
            lambda u=user_id, s=SUMMARY[language]: any(s in e.text for e in bot_said(world, u))
        )
        said = [e for e in bot_said(world, user_id) if SUMMARY[language] in e.text]
        assert len(said) == 1 and said[0].buttons  # told once, asked to confirm and rate
    await until(
        lambda: any("5" in e.text and "#1" in e.text for e in bot_said(world, GENERAL_GROUP))
    )
    async with desk.sessions() as session:
        rows = list(await session.scalars(select(Ticket).order_by(Ticket.id)))
    assert {t.status for t in rows} == {TicketStatus.RESOLVED}
