"""Words on /new's own line go through the one door a plain message does (issue 14, issue 12:
the first inquiry loses nothing; the desk's decisions are one path): "/new 李强态度很差,我要投诉
他", a complaint naming a member of staff, with a street-light ticket open, was taken straight
as a first inquiry and became an ordinary complaint ticket (zh) or a "did you mean" (en), its
words on the group's card and no supervisor told; and a text the desk files into the ticket in
hand, said there, got no reply at all. Now it is what the same words are as a plain message
after /new: a confidential complaint a supervisor of 李强's department has, the requester told
so, and words into a ticket answered as they are there. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, said_text, ticket_no

App = Application  # type: ignore[type-arg]
GENERAL_GROUP = -1000000000101
LI_QIANG, DIRECTOR_ZHANG = 100102, 100190
FAULT = {
    REQUESTER: "幸福路23号门口的路灯坏了三天了",
    ENGLISH: "The street light outside 23 Xingfu Road has been broken for three days",
}
COMPLAINT = {
    REQUESTER: "李强态度很差,我要投诉他",
    ENGLISH: "Li Qiang was very rude to me at the counter, I want to complain about him",
}
HEARD = {REQUESTER: "李强", ENGLISH: "You complained about Li Qiang"}  # their language


async def _step(world: Any, user: int, text: str) -> str:
    """`user` sends `text`; what the bot answers them (all of it, a line a message)."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return "\n".join(line.text for line in bot_said(world, user)[count:])


async def _street_light(world: Any, user: int) -> None:
    await _step(world, user, FAULT[user])
    await until(lambda: "#1" in said_text(world, user))


async def _confidential(emulator: Emulator, application: App, user: int) -> None:
    """Ticket #2 is the confidential complaint about 李强, 张主任's; the requester told so;
    the group's card shows none of its words; the street light's #1 untouched."""
    world = emulator.world
    await until(lambda: "#2" in said_text(world, user))
    told = said_text(world, user)
    assert HEARD[user] in told, told
    second = await ticket_no(application, 2)
    assert second is not None and second.confidential, second
    assert second.owner_id == DIRECTOR_ZHANG, second.owner_id
    assert COMPLAINT[user] in second.question, second.question
    first = await ticket_no(application, 1)
    assert first is not None and COMPLAINT[user] not in first.question
    assert len(await all_tickets(application)) == 2
    words = COMPLAINT[user][:8]
    await until(lambda: any(words in e.text for e in bot_said(world, DIRECTOR_ZHANG)))
    card = "\n".join(e.text or "" for e in bot_said(world, GENERAL_GROUP))
    assert COMPLAINT[user][:8] not in card, card
    assert not any(COMPLAINT[user][:8] in e.text for e in bot_said(world, LI_QIANG))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_complaint_naming_staff_on_the_new_line_is_confidential(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    await _street_light(emulator.world, user)
    await _step(emulator.world, user, f"/new {COMPLAINT[user]}")
    await _confidential(emulator, application, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_as_a_plain_message_after_new(running: tuple[Emulator, App], user: int) -> None:
    """The same words as a message of their own after /new: the same (the door they share)."""
    emulator, application = running
    await _street_light(emulator.world, user)
    await _step(emulator.world, user, "/new")
    await _step(emulator.world, user, COMPLAINT[user])
    await _confidential(emulator, application, user)
