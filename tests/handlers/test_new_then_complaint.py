"""A complaint about the staff at a window, after /new beside an open ticket (issue 14: nothing
a requester says is lost; a strange update gets a reply, never silence), end to end over the
emulation. A street-light ticket #1 is open; "/new 我要投诉3号窗口的工作人员…" (on the
command's line) or "/new" and then the complaint: the requester is answered, and the complaint
is its own ticket at the general window's department, never filed in the street-light
ticket, whose supervisor is not alerted."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of, said_text

App = Application  # type: ignore[type-arg]
GENERAL_GROUP, UTILITIES_GROUP = -1000000000101, -1000000000103
FAULT = {
    REQUESTER: "幸福路23号门口的路灯坏了三天了",
    ENGLISH: "The street light outside 23 Xingfu Road has been broken for three days",
}
COMPLAINT = {
    REQUESTER: "我要投诉3号窗口的工作人员让我等了两个小时",
    ENGLISH: "I want to complain about the staff at window 3, they made me wait two hours",
}


async def _step(world: Any, user: int, text: str) -> str:
    """`user` sends `text`; what the bot answers them (all of it, a line a message)."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return "\n".join(line.text for line in bot_said(world, user)[count:])


async def _street_light(emulator: Emulator, user: int) -> None:
    """The street-light ticket #1, open at the utilities department."""
    world = emulator.world
    await _step(world, user, FAULT[user])
    await until(lambda: "#1" in said_text(world, user))


async def _told_of_its_own(emulator: Emulator, user: int, count: int) -> None:
    """The requester is answered (never silence) and nothing of #1; offered the knowledge
    base's complaint about staff among others ("Did you mean"), they choose it; told of #2."""
    world = emulator.world
    await until(lambda: len(bot_said(world, user)) > count)
    first = bot_said(world, user)[count]
    if "kb:complaint-staff" in callbacks_of(first):
        await world.user_presses(user, user, first.message_id, "kb:complaint-staff")
    await until(lambda: any("#2" in e.text for e in bot_said(world, user)[count:]))
    told = [e.text for e in bot_said(world, user)[count:]]
    assert not any("#1" in t for t in told), told


async def _filed_apart(application: App, emulator: Emulator, user: int) -> None:
    """The complaint is ticket #2 at the general window; #1 and its department untouched."""
    await until(lambda: _count(application, 2))
    first, second = await all_tickets(application)
    assert COMPLAINT[user] in second.question, second.question
    assert second.department_key == "general", second.department_key
    assert COMPLAINT[user] not in first.question
    assert first.department_key == "utilities"
    utilities = [e.text or "" for e in bot_said(emulator.world, UTILITIES_GROUP)]
    assert all(COMPLAINT[user] not in t and "#2" not in t for t in utilities), utilities
    await until(lambda: any("#2" in e.text for e in bot_said(emulator.world, GENERAL_GROUP)))


async def _count(application: App, tickets: int) -> bool:
    return len(await all_tickets(application)) == tickets


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_new_with_a_complaint_on_its_line_is_answered_and_filed_apart(
    running: tuple[Emulator, App], user: int
) -> None:
    """ "/new 我要投诉3号窗口的工作人员…" in one message: a reply, and its own ticket."""
    emulator, application = running
    await _street_light(emulator, user)
    count = len(bot_said(emulator.world, user))
    await emulator.world.user_sends(user, f"/new {COMPLAINT[user]}")
    await _told_of_its_own(emulator, user, count)
    await _filed_apart(application, emulator, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_new_then_a_complaint_is_a_new_matter(
    running: tuple[Emulator, App], user: int
) -> None:
    """ "/new", then "我要投诉3号窗口的工作人员…": its own ticket, never "no one handles #1"."""
    emulator, application = running
    await _street_light(emulator, user)
    await _step(emulator.world, user, "/new")
    count = len(bot_said(emulator.world, user))
    await emulator.world.user_sends(user, COMPLAINT[user])
    await _told_of_its_own(emulator, user, count)
    await _filed_apart(application, emulator, user)
