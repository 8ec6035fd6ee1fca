"""A complaint about a supervisor that also says a word raising its priority ("安全",
"safety") was alerted as any urgent ticket: to its department's supervisors, the one
complained of among them, and into the management chat where he sits, with the requester's
words, before the ticket knew whom it complained of (bot/intake/handing.py set it after the
alerts were addressed). The complaint goes to each manager in private; the supervisor
complained of and the management chat read none of its words. End to end over the
emulation, in both languages."""

from __future__ import annotations

import asyncio

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import said_text, ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT, MANAGER = -1000000000900, 900001  # the management chat, 钱局长
UTILITIES_GROUP, SECTION_CHIEF_ZHOU = -1000000000103, 100390  # Utilities, its supervisor
COMPLAINTS = {
    REQUESTER: "我要投诉周科长,我们小区的燃气管道有安全隐患,他不管不问,还挂我电话",
    ENGLISH: "I want to complain about Section Chief Zhou, he ignored the safety hazard of"
    " our estate's gas pipe and hung up on me",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_complaint_with_a_priority_word_is_kept_from_the_one_it_is_about(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    complaint = COMPLAINTS[user]
    words = complaint[5:17]
    await world.user_sends(user, complaint)
    await until(lambda: "#1" in said_text(world, user))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.complaint_about == SECTION_CHIEF_ZHOU, ticket
    assert ticket.priority in ("high", "urgent"), ticket.priority  # the word was heard
    # The managers hear it, in private, with its words.
    await until(lambda: any(words in e.text for e in bot_said(world, MANAGER)))
    await asyncio.sleep(0.5)  # whatever else was sent has arrived
    for chat in (SECTION_CHIEF_ZHOU, MANAGEMENT, UTILITIES_GROUP):
        leaked = [e.text for e in bot_said(world, chat) if words in e.text]
        assert not leaked, (chat, leaked)
