"""A question typed in parts whose first part was already answered ("社保卡丢了" answered,
then "怎么补办"; "I lost my social security card" then "how do I replace it") is answered
once: the rest only completes the question the answer above settles, so the bot points
back to that answer in a short reply instead of sending it again; its *Not solved* button
is the live one and hands the whole question to a person, and thanks after it settle it. A
different question after an answer is still answered. End to end over the emulation, in
Chinese and English."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import InquiryOffer
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.test_stale_buttons import recorded

App = Application  # type: ignore[type-arg]

# The answers, as each language's requester reads them.
CARD = {REQUESTER: "社保卡丢失请立即挂失", ENGLISH: "Report the card lost at once"}
BILLS = {
    REQUESTER: "水、电、燃气费可通过",
    ENGLISH: "Water, electricity and gas bills can be paid",
}
KIND = {REQUESTER: "请选择您的事项类型", ENGLISH: "what kind of matter is it?"}
ABOVE = {REQUESTER: "上面的答复", ENGLISH: "The answer above"}
TICKET = {REQUESTER: "工单 #", ENGLISH: "ticket #"}
NOT_SOLVED = {REQUESTER: "没解决,转人工", ENGLISH: "Not solved, talk to a person"}


def _replies(world: Any, user: int) -> list[str]:
    return [e.text for e in bot_said(world, user)]


async def _press(world: Any, user: int, message_id: int, label: str | None = None) -> None:
    """The button `label` (the first, without one) under the bot's message pressed."""
    buttons = world.messages[(user, message_id)]["reply_markup"]["inline_keyboard"]
    data = next(b["callback_data"] for row in buttons for b in row if label in (None, b["text"]))
    await world.user_presses(user, user, message_id, data)


def _cards(world: Any) -> list[str]:
    """The new tickets' cards, in whichever staff group they went to."""
    return [
        e.text
        for chat_id in world.transcripts
        if chat_id < 0
        for e in bot_said(world, chat_id)
        if e.text.startswith("🆕")
    ]


async def _answered(running: tuple[Emulator, App], user: int, text: str, answer: str) -> Any:
    """`text` sent, answered with `answer` (its buttons recorded, as they are long before
    anyone reads them); the answer's message."""
    emulator, application = running
    world = emulator.world
    before = len(_replies(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(_replies(world, user)) > before)
    assert answer in _replies(world, user)[-1], _replies(world, user)
    answered = bot_said(world, user)[-1]
    await recorded(application, InquiryOffer, user, answered.message_id)
    return answered


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "rest", "answer"),
    [
        (REQUESTER, "社保卡丢了", "怎么补办", CARD[REQUESTER]),
        (ENGLISH, "I lost my social security card", "how do I replace it", CARD[ENGLISH]),
        (REQUESTER, "水费", "怎么交", BILLS[REQUESTER]),
        (ENGLISH, "my water and electricity bills", "how do I pay them", BILLS[ENGLISH]),
        # The rest alone answered from the same template: not sent twice either.
        (REQUESTER, "社保卡丢了", "怎么挂失", CARD[REQUESTER]),
    ],
)
async def test_the_rest_of_a_question_already_answered_is_not_answered_twice(
    running: tuple[Emulator, App], user: int, first: str, rest: str, answer: str
) -> None:
    emulator, _ = running
    world = emulator.world
    answered = await _answered(running, user, first, answer)
    await world.user_sends(user, rest)
    await until(lambda: len(_replies(world, user)) == 2)
    replies = _replies(world, user)
    assert sum(answer in text for text in replies) == 1, replies
    assert ABOVE[user] in replies[-1], replies
    assert not any(TICKET[user] in text for text in replies), replies
    # The answer's buttons stay the live ones: Not solved hands the whole question over
    # (asked its kind first where the answer refused no longer tells it).
    await _press(world, user, answered.message_id, NOT_SOLVED[user])
    await until(lambda: len(_replies(world, user)) == 3)
    if KIND[user] in _replies(world, user)[-1]:
        await _press(world, user, bot_said(world, user)[-1].message_id)
    await until(lambda: TICKET[user] in _replies(world, user)[-1])
    await until(lambda: _cards(world) != [])
    (card,) = _cards(world)
    assert first in card and rest in card, card


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "other"),
    [
        (REQUESTER, "社保卡丢了", "水费怎么交"),
        (ENGLISH, "I lost my social security card", "how do I pay my water bill"),
    ],
)
async def test_another_question_after_an_answer_is_answered(
    running: tuple[Emulator, App], user: int, first: str, other: str
) -> None:
    emulator, _ = running
    world = emulator.world
    await _answered(running, user, first, CARD[user])
    await world.user_sends(user, other)
    await until(lambda: len(_replies(world, user)) == 2)
    assert BILLS[user] in _replies(world, user)[-1], _replies(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "rest"),
    [(REQUESTER, "水费", "怎么交"), (ENGLISH, "my water bill", "how do I pay it")],
)
async def test_a_question_completed_after_did_you_mean_is_answered_once(
    running: tuple[Emulator, App], user: int, first: str, rest: str
) -> None:
    """Whether its first part was answered or only came close ("did you mean"), the whole
    question gets its answer once."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, first)
    await until(lambda: len(_replies(world, user)) == 1)
    await world.user_sends(user, rest)
    await until(lambda: len(_replies(world, user)) == 2)
    replies = _replies(world, user)
    assert sum(BILLS[user] in text for text in replies) == 1, replies
    assert not any(TICKET[user] in text for text in replies), replies


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "rest", "thanks", "glad"),
    [
        (REQUESTER, "社保卡丢了", "怎么补办", "好的谢谢", "很高兴问题已经解决"),
        (
            ENGLISH,
            "I lost my social security card",
            "how do I replace it",
            "ok thanks",
            "Glad that solved it",
        ),
    ],
)
async def test_thanks_after_being_pointed_to_the_answer_settle_it(
    running: tuple[Emulator, App], user: int, first: str, rest: str, thanks: str, glad: str
) -> None:
    """Pointed to the answer above, the requester's thanks are said of that answer."""
    emulator, _ = running
    world = emulator.world
    await _answered(running, user, first, CARD[user])
    await world.user_sends(user, rest)
    await until(lambda: len(_replies(world, user)) == 2)
    await world.user_sends(user, thanks)
    await until(lambda: len(_replies(world, user)) == 3)
    assert glad in _replies(world, user)[-1], _replies(world, user)
    assert not _cards(world)
