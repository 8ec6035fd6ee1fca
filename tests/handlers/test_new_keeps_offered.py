"""/new drops nothing waiting in the inquiry: "/new 隔壁工地半夜施工太吵了,我要投诉" offered "did
you mean ..." with buttons, and a second /new made the complaint vanish with its buttons. A
clerk asked to start on something else files what they were already told: the waiting words
open a ticket of their own first (its promise said), then the new question is asked for; at
the open-ticket limit they are kept in the latest open ticket instead, and the requester told
so before the new inquiry begins. End to end over the emulation, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of
from tests.handlers.test_anew_after_answer import _recorded
from tests.handlers.test_past_limit_kept import KEPT, NOISE, filed_in, staff_read, step, three_open

App = Application  # type: ignore[type-arg]
OPENED = {REQUESTER: "工单 #1", ENGLISH: "ticket #1"}
NEW_QUESTION = {REQUESTER: "新问题", ENGLISH: "new question"}


async def offered_on_new(application: App, world: Any, user: int) -> Any:
    """'/new' with the complaint on its line: 'did you mean ...', with buttons (recorded as
    sent, as by the time one reads it)."""
    offered = await step(world, user, f"/new {NOISE[user]}")
    assert any(c.startswith("kb:") for c in callbacks_of(offered)), offered.text
    await _recorded(application, user, offered.message_id)
    return offered


def heard_since(world: Any, user: int, count: int) -> list[str]:
    return [e.text for e in bot_said(world, user)[count:]]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_new_again_opens_the_offered_complaint_first(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    offered = await offered_on_new(application, world, user)
    count = len(bot_said(world, user))
    await world.user_sends(user, "/new")
    await until(lambda: any(NEW_QUESTION[user] in t for t in heard_since(world, user, count)))
    heard = heard_since(world, user, count)
    opened = next(n for n, t in enumerate(heard) if OPENED[user] in t)
    asked = next(n for n, t in enumerate(heard) if NEW_QUESTION[user] in t)
    assert opened < asked, heard
    (ticket,) = await all_tickets(application)
    assert NOISE[user] in ticket.question and ticket.category == "complaint"
    await until(lambda: not world.find(user, offered.message_id).get("reply_markup"))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_new_again_at_the_limit_keeps_the_complaint_in_the_latest_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await three_open(emulator, application, user)
    await step(world, user, "/new")
    offered = await offered_on_new(application, world, user)
    count = len(bot_said(world, user))
    await world.user_sends(user, "/new")
    await until(lambda: any(NEW_QUESTION[user] in t for t in heard_since(world, user, count)))
    heard = heard_since(world, user, count)
    kept = next(n for n, t in enumerate(heard) if all(w in t for w in KEPT[user]))
    asked = next(n for n, t in enumerate(heard) if NEW_QUESTION[user] in t)
    assert kept < asked, heard
    await until(lambda: filed_in(application, 3, NOISE[user]))
    assert len(await all_tickets(application)) == 3
    await until(lambda: staff_read(world, NOISE[user]))
    await until(lambda: not world.find(user, offered.message_id).get("reply_markup"))
