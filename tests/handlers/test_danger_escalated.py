"""A fresh tester: a ticket told of a danger to people carries its mark ("⚠️ 危险:有人被困")
on its card, /queue and /ticket N, but not in the escalations its deadlines send to the
supervisors and management, nor in its requester's /status. Wherever it is shown, the danger
leads. End to end over the emulation, staff and requester in each language; the clock is
moved, not slept on."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.models import Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, staff_speaking, until

App = Application  # type: ignore[type-arg]
TRAPPED = {
    REQUESTER: "电梯里有人被困了,幸福路4号楼,快来人",
    ENGLISH: "Someone is trapped in the lift of building 4 on Xingfu Road",
}
MARK = {"zh": "⚠️ 危险:有人被困", "en": "⚠️ DANGER: someone trapped"}
ESCALATION = ("预警(第", "Escalation (step")


def _escalations(emulator: Emulator) -> list[str]:
    world = emulator.world
    return [
        e.text
        for chat_id in list(world.transcripts)
        for e in bot_said(world, chat_id)
        if e.text and any(said in e.text for said in ESCALATION)
    ]


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("settings", "user"), [("zh", REQUESTER), ("en", ENGLISH)], indirect=["settings"]
)
async def test_a_danger_leads_its_escalations_and_the_requesters_status(
    running: tuple[Emulator, App], settings: Settings, desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    world = emulator.world
    staff, requester = settings.languages.default, "zh" if user == REQUESTER else "en"
    await world.user_sends(user, TRAPPED[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    async with DeskContext(application).desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        assert ticket is not None
        due, created = ticket.first_response_due_at, ticket.opened_at
    # Nobody claims it: its first-response deadline passes, and half as long again.
    desk_clock.now = due + (due - created)
    await sweep(DeskContext(application))
    await until(lambda: len(_escalations(emulator)) >= 2)
    for escalation in _escalations(emulator):
        assert escalation.startswith(MARK[staff]), escalation
    heard = len(bot_said(world, user))
    await world.user_sends(user, "/status")
    await until(lambda: len(bot_said(world, user)) > heard)
    status = bot_said(world, user)[heard].text
    line = next(x for x in status.splitlines() if "#1" in x)
    assert MARK[requester] in line, status
