"""Issue 14, a tester: "我要投诉" said alone beside an unclaimed ticket, and said to be about it
on the "about #1 or a new matter?" buttons, was filed into #1 with no apology and no word to
a supervisor; an angry first message naming no matter ("你们这些人到底干什么吃的!!!打了十几次
电话都没人管!") got the category buttons; "This is ridiculous!!!" then "I want to complain"
opened a complaint ticket with no matter in it. A clerk hears a complaint about a ticket as a
complaint of its handling however the requester says which ticket; hears anger, apologises
and asks what happened; files the matter told next with the anger; and takes "nobody answers
however often I call" to a supervisor. End to end over the emulation, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.lifecycle import COMPLAINT_RAISED
from bot.models import TicketEvent
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of, said_text, ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900


async def _step(world: Any, user: int, text: str) -> str:
    """`user` sends `text`; what the bot answers them (all of it, a line a message)."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return "\n".join(line.text for line in bot_said(world, user)[count:])


async def _complaints(application: App) -> list[TicketEvent]:
    async with application.bot_data.desk.sessions() as session:
        found = await session.scalars(
            select(TicketEvent).where(TicketEvent.kind == COMPLAINT_RAISED)
        )
        return list(found)


OPENING = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
OPENER = {REQUESTER: "我要投诉", ENGLISH: "I want to complain"}
SORRY = {REQUESTER: ["抱歉", "主管", "#1"], ENGLISH: ["sorry", "supervisor", "#1"]}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("way", ["pressed", "typed"])
async def test_a_complaint_opener_said_to_be_about_the_ticket_is_its_complaint(
    running: tuple[Emulator, App], user: int, way: str
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, user, OPENING[user])
    await until(lambda: "#1" in said_text(world, user))
    await _step(world, user, OPENER[user])
    await until(lambda: any("which:1:" in c for c in callbacks_of(bot_said(world, user)[-1])))
    asked = bot_said(world, user)[-1]
    heard = len(bot_said(world, user))
    if way == "pressed":
        chosen = next(c for c in callbacks_of(asked) if c.startswith("which:1:"))
        await world.user_presses(user, user, asked.message_id, chosen)
    else:
        await world.user_sends(user, "#1")
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)[heard:]))
    await until(lambda: any(SORRY[user][1] in e.text for e in bot_said(world, user)[heard:]))
    reply = "\n".join(e.text for e in bot_said(world, user)[heard:])
    assert all(words in reply for words in SORRY[user]), reply
    await until(lambda: any("#1" in e.text for e in bot_said(world, MANAGEMENT)))
    (event,) = await _complaints(application)
    assert event.ticket_id == 1, event.data


ANGRY = {
    REQUESTER: "你们这些人到底干什么吃的!!!打了十几次电话都没人管!",
    ENGLISH: "This is ridiculous!!! I have called ten times and nobody cares!",
}
ASKED = {REQUESTER: ["抱歉", "遇到了什么问题"], ENGLISH: ["sorry", "What happened?"]}
MATTER = {
    REQUESTER: "小区门口的垃圾一个星期没人清运了",
    ENGLISH: "The rubbish at our estate gate has not been collected for a week",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_anger_at_being_ignored_is_asked_about_and_taken_to_a_supervisor(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    reply = await _step(world, user, ANGRY[user])
    assert all(words in reply for words in ASKED[user]), reply
    assert not callbacks_of(bot_said(world, user)[-1])
    assert not await all_tickets(application)
    await _step(world, user, MATTER[user])
    await until(lambda: "#1" in said_text(world, user))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and MATTER[user] in ticket.question, ticket.question
    # Ignored however often they called: a complaint of the service, the ticket raised, and
    # the supervisors told with the words.
    assert ticket.priority == "high", ticket.priority
    await until(lambda: any(ANGRY[user][:8] in e.text for e in bot_said(world, MANAGEMENT)))
    (event,) = await _complaints(application)
    assert event.ticket_id == 1 and event.data["about"] is None, event.data


VENTED = {REQUESTER: "太离谱了!!!", ENGLISH: "This is ridiculous!!!"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_anger_then_a_complaint_opener_still_asks_the_matter(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    reply = await _step(world, user, VENTED[user])
    assert all(words in reply for words in ASKED[user]), reply
    reply = await _step(world, user, OPENER[user])
    assert not await all_tickets(application), reply
    assert not callbacks_of(bot_said(world, user)[-1]), reply
    await _step(world, user, MATTER[user])
    await until(lambda: "#1" in said_text(world, user))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and MATTER[user] in ticket.question, ticket.question
    assert VENTED[user] in ticket.question, ticket.question
