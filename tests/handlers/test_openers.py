"""Issue 14, "openers with no matter": "我想咨询一下", "我想反映个情况", "I have a question",
"I need help" say nothing of the matter. A clerk asks what it is about (no category buttons,
no ticket) and looks up what the requester then says like any question: the template's own
question gets its answer, not a ticket. "human" after only an opener is asked the matter
once, as "人工" alone is, and the ticket then opens with both. End to end over the emulation,
in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]

CLARIFY = {REQUESTER: "能再具体说说吗", ENGLISH: "Could you tell me a little more"}
CARD = {REQUESTER: "社保卡丢了怎么补办", ENGLISH: "How do I replace a lost social security card?"}
CARD_ANSWERED = {REQUESTER: "挂失", ENGLISH: "Report the card lost"}
MATTER = {REQUESTER: "请先用一两句话说说是什么事", ENGLISH: "First, what is it about?"}
LAMP = {
    REQUESTER: "我家楼下的井盖坏了,有人踩空摔伤了",
    ENGLISH: "The manhole cover outside my house is broken and someone fell in",
}


async def _no_ticket(application: App) -> bool:
    async with application.bot_data.desk.sessions() as session:
        return await session.get(Ticket, 1) is None


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "opener"),
    [
        (REQUESTER, "我想咨询一下"),
        (REQUESTER, "我想反映个情况"),
        (REQUESTER, "你好,我有个问题"),
        (ENGLISH, "I have a question"),
        (ENGLISH, "I need help"),
        (ENGLISH, "Hi, can you help me?"),
        # A new-user trial's "I'd like to ask something" got the category buttons.
        (ENGLISH, "I'd like to ask something"),
        (ENGLISH, "Can I ask you something?"),
        # A new-user trial: unfinished openers got the category buttons.
        (REQUESTER, "我想咨询一下关于"),
        (REQUESTER, "关于"),
        (ENGLISH, "I have a question about"),
        (ENGLISH, "I want to ask about"),
        # A new-user trial: unfinished openers ending in "my", "the", "我的" opened a ticket,
        # offered categories or asked "did you mean".
        (REQUESTER, "关于我的"),
        (REQUESTER, "我想问一下我的"),
        (ENGLISH, "Question about my"),
        (ENGLISH, "I have a question about the"),
        (ENGLISH, "I'd like to ask about the..."),
        (ENGLISH, "I want to ask about my"),
    ],
)
async def test_an_opener_is_asked_what_it_is_about_and_the_next_text_is_answered(
    running: tuple[Emulator, App], user: int, opener: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, opener)
    (asked,) = await bot_lines(emulator, user, 1)
    assert CLARIFY[user] in asked.text
    assert list(asked.buttons) == []  # no category buttons
    assert await _no_ticket(application)
    await emulator.world.user_sends(user, CARD[user])
    answer = (await bot_lines(emulator, user, 2))[-1]
    assert CARD_ANSWERED[user] in answer.text
    assert "solved" in [b["callback_data"] for row in answer.buttons for b in row]
    assert await _no_ticket(application)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "opener", "human"),
    [(REQUESTER, "我想咨询一下", "人工"), (ENGLISH, "I need help", "human")],
)
async def test_a_person_asked_for_after_an_opener_is_asked_the_matter_first(
    running: tuple[Emulator, App], user: int, opener: str, human: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, opener)
    await bot_lines(emulator, user, 1)
    await emulator.world.user_sends(user, human)
    asked = (await bot_lines(emulator, user, 2))[-1]
    assert MATTER[user] in asked.text
    assert await _no_ticket(application)
    await emulator.world.user_sends(user, LAMP[user])
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
    assert ticket is not None
    # Someone fallen into a manhole is an emergency: its ticket holds its words, not the
    # opener before them (bot/intake/emergency_turns.py).
    assert ticket.question == LAMP[user]
    assert ticket.category == "fault_report"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_trials_question_about_my_then_the_matter_is_answered(
    running: tuple[Emulator, App],
) -> None:
    """The new-user trial's exact words: "Question about my" opened a ticket of those words
    alone, and "social security card. I lost it" was "added to ticket"."""
    emulator, application = running
    await emulator.world.user_sends(ENGLISH, "Question about my")
    (asked,) = await bot_lines(emulator, ENGLISH, 1)
    assert CLARIFY[ENGLISH] in asked.text and list(asked.buttons) == []
    await emulator.world.user_sends(ENGLISH, "social security card. I lost it")
    answer = (await bot_lines(emulator, ENGLISH, 2))[-1]
    assert CARD_ANSWERED[ENGLISH] in answer.text, answer.text
    assert await _no_ticket(application)
