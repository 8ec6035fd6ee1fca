"""A question typed in parts over several messages, or completed by editing its message, is
answered as if it had come in one message when the knowledge base answers it: no ticket
opens for it. "I have a question about" alone is an opener left unfinished, so the bot asks
what it is about (never which kind of matter: a new-user trial's got the category buttons);
what follows ("my lost social security card, how do I replace it") is the social security
card's question, answered; so is the message edited to say it. Asked for a person, the requester
still gets one. End to end over the emulation, in Chinese and English."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import InquiryOffer
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.test_stale_buttons import recorded

App = Application  # type: ignore[type-arg]

# The social security card's answer, as each language's requester reads it.
ANSWER = {REQUESTER: "社保卡丢失请立即挂失", ENGLISH: "Report the card lost at once"}
KIND = {REQUESTER: "请选择您的事项类型", ENGLISH: "what kind of matter is it?"}
CLARIFY = {REQUESTER: "能再具体说说吗", ENGLISH: "Could you tell me a little more"}
TICKET = {REQUESTER: "工单 #", ENGLISH: "ticket #"}
ABOVE = {REQUESTER: "上面的答复", ENGLISH: "The answer above"}
NOT_SOLVED = {REQUESTER: "没解决,转人工", ENGLISH: "Not solved, talk to a person"}


def _replies(world: Any, user: int) -> list[str]:
    return [e.text for e in bot_said(world, user)]


def _card(world: Any) -> str:
    """The first new ticket's card, in whichever staff group it went to ("" before)."""
    cards = [
        e.text
        for chat_id in world.transcripts
        if chat_id < 0
        for e in bot_said(world, chat_id)
        if e.text.startswith("🆕")
    ]
    return cards[0] if cards else ""


def _no_ticket(world: Any, user: int) -> None:
    assert not any(TICKET[user] in text for text in _replies(world, user)), _replies(world, user)
    assert _card(world) == ""


async def _asked_what(running: tuple[Emulator, App], user: int, opener: str) -> dict[str, Any]:
    """`opener` sent; the bot asks what it is about (no category buttons)."""
    emulator, _ = running
    world = emulator.world
    told = len(_replies(world, user))
    sent = await world.user_sends(user, opener)
    await until(lambda: len(_replies(world, user)) > told)
    assert CLARIFY[user] in _replies(world, user)[-1], _replies(world, user)
    return sent


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "texts"),
    [
        (REQUESTER, ["你好", "我有个问题是关于", "社保卡丢了怎么补办"]),
        (
            ENGLISH,
            [
                "hello",
                "I have a question about",
                "my lost social security card, how do I replace it",
            ],
        ),
    ],
)
async def test_a_question_typed_in_parts_is_answered_not_handed_over(
    running: tuple[Emulator, App], user: int, texts: list[str]
) -> None:
    emulator, _ = running
    world = emulator.world
    first, opener, rest = texts
    await world.user_sends(user, first)
    await until(lambda: len(_replies(world, user)) == 1)
    await _asked_what(running, user, opener)
    await world.user_sends(user, rest)
    await until(lambda: ANSWER[user] in _replies(world, user)[-1])
    _no_ticket(world, user)
    assert not any(KIND[user] in text for text in _replies(world, user))  # never asked
    # Not solved: a person takes the whole question, every part of it.
    answer = bot_said(world, user)[-1]
    buttons = world.messages[(user, answer.message_id)]["reply_markup"]["inline_keyboard"]
    data = next(
        b["callback_data"] for row in buttons for b in row if b["text"] == NOT_SOLVED[user]
    )
    await world.user_presses(user, user, answer.message_id, data)
    await until(lambda: TICKET[user] in _replies(world, user)[-1])
    await until(lambda: _card(world) != "")
    card = _card(world)
    assert opener in card and rest in card, card


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "opener", "edited"),
    [
        (REQUESTER, "我有个问题是关于", "我有个问题是关于社保卡丢了怎么补办"),
        (
            ENGLISH,
            "I have a question about",
            "I have a question about my lost social security card, how do I replace it",
        ),
    ],
)
async def test_a_question_completed_by_an_edit_is_answered(
    running: tuple[Emulator, App], user: int, opener: str, edited: str
) -> None:
    emulator, _ = running
    world = emulator.world
    sent = await _asked_what(running, user, opener)
    await world.user_edits(user, user, sent["message"]["message_id"], edited)
    await until(lambda: ANSWER[user] in _replies(world, user)[-1])
    _no_ticket(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "texts"),
    [
        (REQUESTER, ["人工", "我有个问题是关于", "社保卡丢了怎么补办"]),
        (ENGLISH, ["human", "I have a question about", "my lost social security card"]),
    ],
)
async def test_asked_for_a_person_they_get_one_whatever_the_parts_say(
    running: tuple[Emulator, App], user: int, texts: list[str]
) -> None:
    emulator, _ = running
    world = emulator.world
    for number, text in enumerate(texts, start=1):
        await world.user_sends(user, text)
        await until(lambda n=number: len(_replies(world, user)) >= n)
    await until(lambda: TICKET[user] in _replies(world, user)[-1])
    assert not any(ANSWER[user] in text for text in _replies(world, user))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "texts"),
    [
        (REQUESTER, ["我想问一下", "社保卡丢了", "怎么补办"]),
        (ENGLISH, ["hello", "I lost my social security card", "how do I replace it"]),
    ],
)
async def test_the_rest_of_a_question_answered_after_its_first_part_points_to_its_answer(
    running: tuple[Emulator, App], user: int, texts: list[str]
) -> None:
    """Answered after its first part, the rest of the question ("怎么补办") is what that
    answer says: the requester is pointed to it above, not sent it twice (a new-user trial
    got it twice), its buttons still the live ones; nothing opens."""
    emulator, application = running
    world = emulator.world
    opener, first, rest = texts
    await world.user_sends(user, opener)
    await until(lambda: len(_replies(world, user)) == 1)
    await world.user_sends(user, first)
    await until(lambda: ANSWER[user] in _replies(world, user)[-1])
    answered = bot_said(world, user)[-1]
    await recorded(application, InquiryOffer, user, answered.message_id)
    await world.user_sends(user, rest)
    await until(lambda: len(_replies(world, user)) == 3)
    assert ABOVE[user] in _replies(world, user)[-1]
    assert sum(ANSWER[user] in text for text in _replies(world, user)) == 1
    assert world.messages[(user, answered.message_id)].get("reply_markup")
    _no_ticket(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "more"),
    [
        (REQUESTER, "我的社保卡丢了怎么补办", "补办以后原来卡里的钱还在吗我担心丢了很着急"),
        (
            ENGLISH,
            "my social security card is lost, how do I replace it",
            "will the money on the old card still be there? I'm worried",
        ),
    ],
)
async def test_more_than_the_answer_says_still_reaches_a_person(
    running: tuple[Emulator, App], user: int, question: str, more: str
) -> None:
    """What the answer does not say (the money on the old card) is no part of its question:
    a person takes the whole inquiry, as before."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, question)
    await until(lambda: ANSWER[user] in _replies(world, user)[-1])
    await world.user_sends(user, more)
    await until(lambda: TICKET[user] in _replies(world, user)[-1])
    await until(lambda: _card(world) != "")
    assert question in _card(world) and more in _card(world)


# The bills' answer, as each language's requester reads it.
BILLS = {
    REQUESTER: "水、电、燃气费可通过",
    ENGLISH: "Water, electricity and gas bills can be paid",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "1. 水费怎么交 2. 社保卡怎么补办"),
        (ENGLISH, "1) how do I pay my water bill 2) how do I replace my social security card"),
    ],
)
async def test_two_numbered_questions_are_both_answered(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    """Two questions numbered in one message: each is answered, none dropped, nothing
    opens."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: len(_replies(world, user)) == 2)
    first, second = _replies(world, user)
    assert BILLS[user] in first and ANSWER[user] in second, (first, second)
    _no_ticket(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "unanswered"),
    [
        (
            REQUESTER,
            "1. 水费怎么交 2. 我上个月提交的材料为什么到现在还没有消息?",
            "我上个月提交的材料为什么到现在还没有消息?",
        ),
        (
            ENGLISH,
            "1) how do I pay my water bill 2) why have I heard nothing about the papers I handed"
            " in last month?",
            "why have I heard nothing about the papers I handed in last month?",
        ),
    ],
)
async def test_of_two_numbered_questions_the_one_answered_is_and_a_person_takes_the_other(
    running: tuple[Emulator, App], user: int, text: str, unanswered: str
) -> None:
    """The second asks how their own case stands, which only staff can look up: the first is
    answered all the same, the second named as passed to a person."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any(unanswered in reply for reply in _replies(world, user)))
    await until(lambda: any(TICKET[user] in r or KIND[user] in r for r in _replies(world, user)))
    assert BILLS[user] in _replies(world, user)[0]
