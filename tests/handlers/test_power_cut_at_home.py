"""A power cut at home asked in plain words (issue 14): "There is no electricity at home" was
matched to how to pay the electricity bill by the knowledge base (tests/knowledge/test_matcher.py;
here the supply-cut reader already opens the outage's ticket, and must go on doing so with
the base's new phrasings). It is a fault a person repairs: the outage's
answer (what to check, the power line), its details asked for, and a ticket opened in its
category and department at once. End to end over the emulation, in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until

App = Application  # type: ignore[type-arg]
ASKED = {
    REQUESTER: ["家里没电了"],
    ENGLISH: ["There is no electricity at home"],
}
CASES = [(user, words) for user, said in ASKED.items() for words in said]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "words"), CASES)
async def test_no_power_at_home_is_the_outage_s_ticket(
    running: tuple[Emulator, App], user: int, words: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, words)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    said = "\n".join(e.text for e in bot_said(world, user))
    assert "95598" in said, said  # the outage's answer: the power emergency line
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
    assert ticket is not None
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
