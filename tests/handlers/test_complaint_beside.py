"""Issue 14, a fresh tester: 小张 had a ticket open about a lost social security card and sent
"我要投诉隔壁装修噪音,每天早上七点就开始电钻,物业不管。": the bot filed the noise complaint
in the card's ticket. A careful clerk hears an explicit complaint or report opener ("我要投诉…",
"举报…", "I want to complain about…") about another matter as a new inquiry of its own (its
own ticket, a complaint), while a complaint about the open ticket's own handling ("我要投诉,
社保卡补办这么慢") stays with that ticket. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, filed_texts, said_text

App = Application  # type: ignore[type-arg]

CARD = {
    REQUESTER: ["社保卡丢了怎么办", "补办要多久", "人工"],
    ENGLISH: ["How do I replace a lost social security card?", "how long does it take", "human"],
}


async def _step(world: Any, user: int, text: str) -> None:
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)


async def _card_ticket(emulator: Emulator, application: App, user: int) -> None:
    """Ticket #1 open about the lost social security card."""
    world = emulator.world
    for text in CARD[user]:
        await _step(world, user, text)
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert ticket.department_key == "social_security", ticket.question


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words"),
    [
        (REQUESTER, "我要投诉隔壁装修噪音,每天早上七点就开始电钻,物业不管。"),
        (REQUESTER, "我想反映一下,我们小区门口的垃圾好几天没人清运了"),
        (REQUESTER, "举报有人在小区绿化带里私搭乱建"),
        (
            ENGLISH,
            "I want to complain about the renovation noise next door, they start drilling at"
            " seven every morning and the property management does nothing.",
        ),
        (ENGLISH, "I'd like to report that the rubbish at our compound gate is not collected"),
    ],
)
async def test_a_complaint_about_another_matter_is_its_own_ticket(
    running: tuple[Emulator, App], user: int, words: str
) -> None:
    """Beside the card's ticket #1, a complaint about another matter opens ticket #2 (a
    complaint), the requester told its number; nothing of it filed in #1."""
    emulator, application = running
    world = emulator.world
    await _card_ticket(emulator, application, user)
    await _step(world, user, words)
    await until(lambda: "#2" in said_text(world, user))
    tickets = await all_tickets(application)
    assert len(tickets) == 2
    assert words in tickets[1].question, tickets[1].question
    assert tickets[1].category == "complaint", tickets[1].category
    assert words not in await filed_texts(application, 1)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words"),
    [
        (REQUESTER, "我要投诉,社保卡补办这么慢"),
        (REQUESTER, "我要投诉你们,补卡拖了这么久都没人管"),
        (ENGLISH, "I want to complain, replacing my social security card takes far too long"),
    ],
)
async def test_a_complaint_about_the_ticket_stays_with_it(
    running: tuple[Emulator, App], user: int, words: str
) -> None:
    """A complaint about the card ticket's own handling is filed in #1; no ticket #2."""
    emulator, application = running
    world = emulator.world
    await _card_ticket(emulator, application, user)
    await _step(world, user, words)
    reply = bot_said(world, user)[-1]
    assert "#1" in reply.text, reply.text
    assert words in await filed_texts(application, 1)
    assert len(await all_tickets(application)) == 1


ALONE = {REQUESTER: "我要投诉", ENGLISH: "I want to complain"}
ASKED = {
    REQUESTER: "是关于工单 #1,还是新的问题?",
    ENGLISH: "Is this about ticket #1, or a new matter?",
}
NOISE = {
    REQUESTER: "隔壁装修噪音,每天早上七点就开始电钻,物业不管",
    ENGLISH: "The renovation noise next door, they drill from seven every morning",
}


async def _asked(emulator: Emulator, application: App, user: int) -> Any:
    """Ticket #1 open, "我要投诉" alone: the bot asks whether it is about #1 or a new matter,
    with a button for each; nothing filed yet."""
    world = emulator.world
    await _card_ticket(emulator, application, user)
    await _step(world, user, ALONE[user])
    question = bot_said(world, user)[-1]
    assert ASKED[user] in question.text, question.text
    assert ALONE[user] not in await filed_texts(application, 1)
    return question


def _data(question: Any, prefix: str) -> str:
    return next(
        b["callback_data"]
        for row in question.buttons
        for b in row
        if b["callback_data"].startswith(prefix)
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_complaint_opener_alone_is_asked_about_then_a_new_matter(
    running: tuple[Emulator, App], user: int
) -> None:
    """ "A new matter" pressed: the complaint is a first inquiry of its own; what it is about,
    said next, opens ticket #2 (a complaint) holding both; #1 gets neither."""
    emulator, application = running
    world = emulator.world
    question = await _asked(emulator, application, user)
    count = len(bot_said(world, user))
    await world.user_presses(user, user, question.message_id, _data(question, "anew:"))
    await until(lambda: len(bot_said(world, user)) > count)
    await _step(world, user, NOISE[user])
    await until(lambda: "#2" in said_text(world, user))
    tickets = await all_tickets(application)
    assert len(tickets) == 2
    assert tickets[1].category == "complaint", tickets[1].category
    assert NOISE[user] in tickets[1].question, tickets[1].question
    filed = await filed_texts(application, 1)
    assert ALONE[user] not in filed and NOISE[user] not in filed


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_complaint_opener_alone_is_asked_about_then_the_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    """The ticket's button pressed: the words are filed in #1; no ticket #2."""
    emulator, application = running
    world = emulator.world
    question = await _asked(emulator, application, user)
    await world.user_presses(user, user, question.message_id, _data(question, "which:1:"))
    await until(lambda: _has(application, ALONE[user]))
    assert len(await all_tickets(application)) == 1


async def _has(application: App, words: str) -> bool:
    return words in await filed_texts(application, 1)
