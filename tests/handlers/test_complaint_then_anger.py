"""A complaint opener, then anger alone: "我要投诉!!!" then "你们这些人到底干什么吃的!!!" ("I
want to complain!" then "This is ridiculous!!!"). The second message says nothing of the
matter, yet it was searched and handed over: a ticket opened with only anger as its matter.
A careful clerk apologises and asks what happened, at most twice in all; then the complaint
ticket opens with what was said. End to end over the emulation, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, said_text

App = Application  # type: ignore[type-arg]

OPENER = {REQUESTER: "我要投诉!!!", ENGLISH: "I want to complain!"}
ANGER = {REQUESTER: "你们这些人到底干什么吃的!!!", ENGLISH: "This is ridiculous!!!"}
AGAIN = {REQUESTER: "气死我了!!!", ENGLISH: "Unbelievable!!!"}
ASKED = {REQUESTER: ["抱歉", "遇到了什么问题"], ENGLISH: ["sorry", "What happened?"]}
MATTER = {
    REQUESTER: "小区门口的垃圾一个星期没人清运了",
    ENGLISH: "The rubbish at our estate gate has not been collected for a week",
}


async def _step(world: Any, user: int, text: str) -> str:
    """`user` sends `text`; what the bot answers them (all of it, a line a message)."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return "\n".join(line.text for line in bot_said(world, user)[count:])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_anger_after_a_complaint_opener_is_apologised_for_and_asked_about(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, user, OPENER[user])
    assert not await all_tickets(application)
    reply = await _step(world, user, ANGER[user])
    assert all(words.casefold() in reply.casefold() for words in ASKED[user]), reply
    assert not await all_tickets(application)  # no ticket with only anger as its matter
    await _step(world, user, MATTER[user])
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert ticket.category == "complaint", ticket.category
    assert MATTER[user] in ticket.question and ANGER[user] in ticket.question, ticket.question


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_asked_twice_at_most_then_the_complaint_opens_with_what_was_said(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, user, OPENER[user])
    await _step(world, user, ANGER[user])
    assert not await all_tickets(application)
    await _step(world, user, AGAIN[user])
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert ticket.category == "complaint", ticket.category
    for said in (OPENER[user], ANGER[user], AGAIN[user]):
        assert said in ticket.question, ticket.question


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    "anger",
    ["I'm so angry!", "What the hell are you people doing?", "Are you even doing your jobs?"],
)
async def test_english_anger_in_other_words_is_asked_about_too(
    running: tuple[Emulator, App], anger: str
) -> None:
    """Anger said in everyday English words, not only "This is ridiculous": asked what
    happened, no ticket with only anger as its matter."""
    emulator, application = running
    world = emulator.world
    await _step(world, ENGLISH, OPENER[ENGLISH])
    reply = await _step(world, ENGLISH, anger)
    assert all(words.casefold() in reply.casefold() for words in ASKED[ENGLISH]), reply
    assert not await all_tickets(application)
