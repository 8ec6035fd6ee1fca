"""First inquiries a new-user tester put as citizens put them, end to end: the template that
exists answers them, as a clerk would, and opens no ticket ("When are you open on Saturday?"
is the office hours', "How do I get a new ID card? Mine was stolen" a lost ID card's); a lost
or stolen passport is told to be reported before a new one is applied for."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines
from tests.handlers.looks import all_tickets, callbacks_of
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]


async def _first(emulator: Emulator, user: int, text: str) -> Any:
    await control(emulator, "messages", {"user_id": user, "text": text})
    return (await bot_lines(emulator, user, 1))[0]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "said"),
    [
        (ENGLISH, "When are you open on Saturday?", "Saturday mornings"),
        (REQUESTER, "周六上班吗", "周六上午"),
        (ENGLISH, "How do I get a new ID card? Mine was stolen", "report the card lost"),
        (REQUESTER, "身份证被偷了怎么补办", "挂失"),
        (ENGLISH, "I lost my passport, what should I do?", "police"),
        (ENGLISH, "My passport was stolen on the bus", "police"),
        (REQUESTER, "护照丢了怎么办", "挂失"),
    ],
)
async def test_a_question_its_template_knows_is_answered_without_a_ticket(
    running: tuple[Emulator, App], user: int, question: str, said: str
) -> None:
    """The template's answer, *Solved* under it, and no ticket."""
    emulator, application = running
    answer = await _first(emulator, user, question)
    assert said in answer.text, answer.text
    assert "solved" in callbacks_of(answer), callbacks_of(answer)
    assert await all_tickets(application) == []


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_stolen_thing_no_template_knows_is_offered_no_lost_card(
    running: tuple[Emulator, App],
) -> None:
    """A stolen wallet is no lost ID card's matter, though the ID card's is asked "stolen":
    no "did you mean" of it."""
    emulator, _ = running
    line = await _first(emulator, ENGLISH, "My wallet was stolen")
    assert not any(b.startswith("kb:") for b in callbacks_of(line)), callbacks_of(line)
