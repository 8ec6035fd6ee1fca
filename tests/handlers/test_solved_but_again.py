""" "Solved, but it happened again" after a power cut's resolution ("Solved, but the power keeps
going off again", "解决了但是又停电了", "解决了,但是又坏了"): the same matter back, so the
ticket is reopened to its owner, never read as thanks that confirms it nor as a matter of its
own. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said
from tests.handlers.looks import all_tickets
from tests.handlers.test_solved_but_words import _power_resolved

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "told"),
    [
        (ENGLISH, "Solved, but the power keeps going off again", "reopened"),
        (ENGLISH, "Solved, but the power went off again", "reopened"),
        (ENGLISH, "It was fixed but now it's broken again", "reopened"),
        (REQUESTER, "解决了但是又停电了", "重新打开"),
        (REQUESTER, "解决了,但是又坏了", "重新打开"),
        (REQUESTER, "好了,可是又停电了", "重新打开"),
    ],
)
async def test_solved_but_again_reopens(
    running: tuple[Emulator, App], requester: int, words: str, told: str
) -> None:
    emulator, application = running
    heard = await _power_resolved(emulator, requester)
    await emulator.world.user_sends(requester, words)
    last = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert told in last.text, [e.text for e in bot_said(emulator.world, requester)[heard:]]
    (ticket,) = await all_tickets(application)
    assert ticket.status is TicketStatus.CLAIMED and ticket.reopen_count == 1
