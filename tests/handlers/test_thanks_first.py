"""A new-user trial: "谢谢你们!" (or "thank you all!", "多谢") as a requester's first
message, or after an answer with no ticket open, was asked to choose a category. Thanks alone
say nothing of a matter: "you're welcome", an invitation to say what else they need, no
category buttons, no ticket (bot/fillers.py, `decision.Action.COURTESY`; after an answer, the
answer's *Solved*: bot/intake/after_answer.py). End to end over the
emulation, in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of, reply_to, said_text

App = Application  # type: ignore[type-arg]
WELCOME = {REQUESTER: "不客气", ENGLISH: "You're welcome"}
THANKS = {
    REQUESTER: ["谢谢你们!", "多谢", "感谢大家!"],
    ENGLISH: ["thank you all!", "Thanks everyone", "thank you guys"],
}
ANSWERED = {REQUESTER: "公积金怎么查询", ENGLISH: "How do I check my housing fund balance?"}


def _no_category_asked(emulator: Emulator, user: int) -> None:
    for line in bot_said(emulator.world, user):
        assert not any(c.startswith("cat:") for c in callbacks_of(line)), line.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("which", [0, 1, 2])
async def test_thanks_as_a_first_message_are_welcomed(
    running: tuple[Emulator, App], user: int, which: int
) -> None:
    emulator, application = running
    reply = await reply_to(emulator, user, THANKS[user][which])
    assert reply.startswith(WELCOME[user]), reply
    _no_category_asked(emulator, user)
    assert await all_tickets(application) == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_thanks_after_an_answer_with_no_ticket_are_welcomed(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    answer = await reply_to(emulator, user, ANSWERED[user])
    assert "12345" in answer and await all_tickets(application) == []  # answered, no ticket
    reply = await reply_to(emulator, user, THANKS[user][0])
    assert reply.startswith(WELCOME[user]), said_text(emulator.world, user)  # and solved
    _no_category_asked(emulator, user)
    assert await all_tickets(application) == []


LEAK = {
    REQUESTER: ("谢谢你们,不过我家的水管还在漏水", "总阀", "详细地址"),
    ENGLISH: (
        "Thanks, but a water pipe is still leaking in my home",
        "main water valve",
        "address",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_thanks_before_a_matter_keep_its_answer(
    running: tuple[Emulator, App], user: int
) -> None:
    """A new-user trial: "谢谢你们,不过我家的水管还在漏水" with no ticket open opened a bare
    ticket, no advice and no address asked, while the leak alone gets both."""
    emulator, application = running
    text, advice, asked = LEAK[user]
    await emulator.world.user_sends(user, text)
    await until(lambda: any("#1" in line.text for line in bot_said(emulator.world, user)))
    said = said_text(emulator.world, user)
    assert advice in said and asked in said, said
    (ticket,) = await all_tickets(application)
    assert ticket.question == text


ANGRY = {REQUESTER: ("谢谢你们什么都没做", "抱歉"), ENGLISH: ("thanks for nothing", "sorry")}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_thanks_for_nothing_is_anger_not_thanks(
    running: tuple[Emulator, App], user: int
) -> None:
    """A new-user trial: "thanks for nothing" got the category buttons. It is sarcasm: an
    apology and "what happened?", not "you're welcome", no ticket."""
    emulator, application = running
    text, apology = ANGRY[user]
    reply = await reply_to(emulator, user, text)
    assert apology in reply.casefold() and not reply.startswith(WELCOME[user]), reply
    _no_category_asked(emulator, user)
    assert await all_tickets(application) == []
