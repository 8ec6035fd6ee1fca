"""Issue 14: anger was read too narrowly. "你们这帮人到底管不管事?!!打了8次12345都没人理!!!",
"This is ridiculous!!! I called 6 times", "Unbelievable. Third time I am writing and still no
answer!!" name no matter, yet were searched or offered categories like any question. A clerk
hears anger by its kinds (tries counted, no answer, contempt, "!!!"), apologises and asks what
happened in the requester's language; files the matter told next with it, not asking "#1 or
a new matter?", raised and taken to the supervisors. A calm question with a count or one "!"
is an ordinary question. End to end over the emulation, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.lifecycle import COMPLAINT_RAISED
from bot.models import TicketEvent
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of, filed_texts, said_text, ticket_no

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


ASKED = {REQUESTER: ["抱歉", "遇到了什么问题"], ENGLISH: ["sorry", "What happened?"]}
MATTER = {
    REQUESTER: "小区门口的垃圾一个星期没人清运了",
    ENGLISH: "The rubbish at our estate gate has not been collected for a week",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "angry"),
    [
        (REQUESTER, "你们这帮人到底管不管事?!!打了8次12345都没人理!!!"),
        (ENGLISH, "This is ridiculous!!! I called 6 times"),
        (ENGLISH, "Unbelievable. Third time I am writing and still no answer!!"),
    ],
)
async def test_anger_of_every_kind_is_asked_about_and_its_matter_raised(
    running: tuple[Emulator, App], user: int, angry: str
) -> None:
    emulator, application = running
    world = emulator.world
    reply = await _step(world, user, angry)
    assert all(words in reply for words in ASKED[user]), reply
    assert not callbacks_of(bot_said(world, user)[-1]), reply
    assert not await all_tickets(application)
    await _step(world, user, MATTER[user])
    await until(lambda: "#1" in said_text(world, user))
    # Filed at once: never asked whether it is about #1 or a new matter.
    assert not any(
        c.startswith("which:") for line in bot_said(world, user) for c in callbacks_of(line)
    )
    (ticket,) = await all_tickets(application)
    assert MATTER[user] in ticket.question and angry in ticket.question, ticket.question
    assert ticket.priority == "high", ticket.priority
    # Apologised once, when asked what happened: the promise does not say sorry again.
    promise = bot_said(world, user)[-1].text
    assert "#1" in promise and ASKED[user][0] not in promise.casefold(), promise
    await until(lambda: any(angry[:8] in e.text for e in bot_said(world, MANAGEMENT)))
    (event,) = await _complaints(application)
    assert event.ticket_id == 1 and event.data["about"] is None, event.data


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "calm"),
    [
        (REQUESTER, "我打了2次电话想问一下公积金怎么提取"),
        (ENGLISH, "How do I renew my passport? Thanks!"),
    ],
)
async def test_a_calm_question_with_a_count_or_one_mark_is_an_ordinary_question(
    running: tuple[Emulator, App], user: int, calm: str
) -> None:
    emulator, application = running
    world = emulator.world
    reply = await _step(world, user, calm)
    assert not any(words in reply for words in ASKED[user]), reply
    await until(lambda: bool(callbacks_of(bot_said(world, user)[-1])) or "#1" in reply)
    assert not await _complaints(application)
    ticket = await ticket_no(application, 1)
    assert ticket is None or ticket.priority != "high", ticket


PERSON = {REQUESTER: "人工", ENGLISH: "I want to talk to a person"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "angry"),
    [
        (REQUESTER, "你们这帮人到底管不管事?!!打了8次12345都没人理!!!"),
        (ENGLISH, "Unbelievable. Third time I am writing and still no answer!!"),
    ],
)
async def test_the_matter_after_anger_handed_to_a_person_is_its_tickets(
    running: tuple[Emulator, App], user: int, angry: str
) -> None:
    """Anger, then a person asked for: a ticket of no matter yet; the matter told next is
    that ticket's, never asked "#1 or a new matter?"."""
    emulator, application = running
    world = emulator.world
    await _step(world, user, angry)
    await _step(world, user, PERSON[user])
    await until(lambda: "#1" in said_text(world, user))
    await _step(world, user, MATTER[user])
    assert not any(
        c.startswith("which:") for line in bot_said(world, user) for c in callbacks_of(line)
    )
    assert len(await all_tickets(application)) == 1
    assert MATTER[user] in await filed_texts(application, 1)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "high", ticket


IN_ONE = {
    REQUESTER: "我打了5次电话都没人接!!!我的水费账单不对",
    ENGLISH: "I've called 5 times and nobody picks up!!! My water bill is wrong",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_anger_with_its_matter_in_one_message_is_apologised_for_and_the_matter_taken(
    running: tuple[Emulator, App], user: int
) -> None:
    """Anger (tries, no answer, "!!!") and the matter told in one message (a tester: no
    apology): the matter is filed at once, raised and taken to the supervisors, as when it
    is told after anger, and the promise apologises, in the requester's language."""
    emulator, application = running
    world = emulator.world
    said = IN_ONE[user]
    await _step(world, user, said)
    await until(lambda: "#1" in said_text(world, user))
    reply = "\n".join(line.text for line in bot_said(world, user))
    assert ASKED[user][0] in reply.casefold() and "#1" in reply, reply
    assert not any(
        c.startswith("which:") for line in bot_said(world, user) for c in callbacks_of(line)
    )
    (ticket,) = await all_tickets(application)
    assert ticket.question == said and ticket.priority == "high", ticket
    await until(lambda: any(said[:8] in e.text for e in bot_said(world, MANAGEMENT)))
    (event,) = await _complaints(application)
    assert event.ticket_id == 1 and event.data["about"] is None, event.data


SUPERVISOR_TOLD = {REQUESTER: "主管", ENGLISH: "supervisor"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "angry"),
    [
        (REQUESTER, "你们这帮人到底管不管事?!!打了8次12345都没人理!!!"),
        (ENGLISH, "This is ridiculous!!! I called 6 times"),
    ],
)
async def test_the_requester_is_told_what_the_supervisors_hear_they_were_told(
    running: tuple[Emulator, App], user: int, angry: str
) -> None:
    """The supervisors' alert of anger says the requester was told a supervisor oversees it:
    so the requester is told, in their language, when their ticket opens."""
    emulator, _application = running
    world = emulator.world
    await _step(world, user, angry)
    count = len(bot_said(world, user))
    await world.user_sends(user, MATTER[user])
    await until(lambda: "#1" in said_text(world, user))
    await until(lambda: any(angry[:8] in e.text for e in bot_said(world, MANAGEMENT)))
    alert = next(e.text for e in bot_said(world, MANAGEMENT) if angry[:8] in e.text)
    assert "已告知诉求人由主管督办" in alert or "was told a supervisor" in alert, alert
    told = "\n".join(e.text for e in bot_said(world, user)[count:])
    assert SUPERVISOR_TOLD[user] in told, told
