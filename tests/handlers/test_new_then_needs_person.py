"""Issue 14, a template that needs a person chosen after /new: with ticket #1 open, /new, a
complaint about a member of staff offered among "did you mean" and chosen (its button, or
"the first one" typed) was answered with *Solved* / *Not solved* and opened no ticket; the
suggestions stayed live, and *Solved* then lost the complaint. A template that needs a person
opens its own ticket however it is chosen, in its category: the promise says so, the choice's
buttons go, and no *Solved* is offered for it. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import InquiryOffer, Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.test_stale_buttons import recorded

App = Application  # type: ignore[type-arg]

OLD = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
# Close to the staff complaint template without answering it: "did you mean", it first.
COMPLAINT = {
    REQUESTER: "投诉窗口",
    ENGLISH: (
        "I want to complain about the rude staff at the counter 5 of the service centre yesterday"
    ),
}
FIRST = {REQUESTER: "第一个", ENGLISH: "the first one"}
PROMISE = {REQUESTER: "工单 #2", ENGLISH: "ticket #2"}


async def _offered(emulator: Emulator, user: int, new: bool) -> tuple[int, int]:
    """Ticket #1 open, then (with or without /new) the complaint offered: the suggestions'
    message id, and how many messages the bot had sent by then."""
    world = emulator.world
    await world.user_sends(user, OLD[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    if new:
        await world.user_sends(user, "/new")
        await until(lambda: len(bot_said(world, user)) >= 2)
    count = len(bot_said(world, user))
    await world.user_sends(user, COMPLAINT[user])
    offered = (await bot_lines(emulator, user, count + 1))[-1]
    data = [b["callback_data"] for row in offered.buttons for b in row]
    assert data[0] == "kb:complaint-staff"
    return offered.message_id, count + 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("typed", [False, True])
async def test_a_needs_person_template_chosen_after_new_opens_its_ticket(
    running: tuple[Emulator, App], user: int, typed: bool
) -> None:
    emulator, application = running
    world = emulator.world
    offered, count = await _offered(emulator, user, new=True)
    # Recorded as the inquiry's by the sender, as it is by the time a person reads it.
    await recorded(application, InquiryOffer, user, offered)
    if typed:
        await world.user_sends(user, FIRST[user])
    else:
        await world.user_presses(user, user, offered, "kb:complaint-staff")
    await until(lambda: any(PROMISE[user] in e.text for e in bot_said(world, user)))
    said = bot_said(world, user)[count:]
    language = "zh" if user == REQUESTER else "en"
    answer = application.bot_data.desk.answer("complaint-staff", language)
    assert any(answer in e.text for e in said)
    # Never *Solved* for it: a person must act on it.
    assert not any(b["callback_data"] == "solved" for e in said for r in e.buttons for b in r)
    # The choice is used up: the suggestions lose their buttons.
    await until(
        lambda: next(e for e in bot_said(world, user) if e.message_id == offered).buttons == []
    )
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 2)
        assert ticket is not None
        assert ticket.category == "complaint"
        assert COMPLAINT[user] in ticket.question


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_needs_person_template_chosen_with_no_ticket_open_opens_its_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, COMPLAINT[user])
    (offered,) = await bot_lines(emulator, user, 1)
    await world.user_presses(user, user, offered.message_id, "kb:complaint-staff")
    promise = "工单 #1" if user == REQUESTER else "ticket #1"
    await until(lambda: any(promise in e.text for e in bot_said(world, user)))
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        assert ticket is not None and ticket.category == "complaint"
