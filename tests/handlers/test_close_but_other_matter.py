"""A new-user trial, end to end: a template close to the words but of another matter is not
answered. "electricity bill charged twice" / "电费重复扣费了" is no question of how to pay
the bills: a person takes it, nothing offered; "I'm a foreigner, how do I get a social
security card?" / "外国人怎么办社保卡" tells no lost card: the lost card's replacement is
offered ("did you mean"), not given; "no hot water" / "家里没有热水" tells no water cut: no
water cut's answer, no fault registered on it. A template of the matter told still answers
("How do I renew my passport?", "社保卡丢了怎么补办")."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines
from tests.handlers.looks import all_tickets, callbacks_of, said_text
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]


async def _first(emulator: Emulator, user: int, text: str) -> Any:
    await control(emulator, "messages", {"user_id": user, "text": text})
    return (await bot_lines(emulator, user, 1))[0]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "paying"),
    [
        (ENGLISH, "electricity bill charged twice", "bills can be paid"),
        (REQUESTER, "电费重复扣费了", "燃气费可通过"),
    ],
)
async def test_a_bill_charged_twice_goes_to_a_person(
    running: tuple[Emulator, App], user: int, question: str, paying: str
) -> None:
    """No answer or offer of how to pay: a ticket of the words, or the kind of matter asked."""
    emulator, application = running
    line = await _first(emulator, user, question)
    buttons = callbacks_of(line)
    assert paying not in said_text(emulator.world, user), line.text
    assert not any(b.startswith("kb:") or b == "solved" for b in buttons), (line.text, buttons)
    if not buttons:
        (ticket,) = await all_tickets(application)
        assert ticket.question == question and "#1" in line.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question"),
    [
        (ENGLISH, "I'm a foreigner, how do I get a social security card?"),
        (REQUESTER, "外国人怎么办社保卡"),
    ],
)
async def test_a_card_asked_for_is_not_answered_as_a_lost_one(
    running: tuple[Emulator, App], user: int, question: str
) -> None:
    """The lost card's replacement is offered, with a person, never answered."""
    emulator, _ = running
    line = await _first(emulator, user, question)
    buttons = callbacks_of(line)
    assert "kb:social-card-lost" in buttons and "human" in buttons, (line.text, buttons)
    assert "solved" not in buttons


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "cut_answer"),
    [
        (ENGLISH, "no hot water", "Planned water outages"),
        (ENGLISH, "There is no hot water in my home", "Planned water outages"),
        (REQUESTER, "家里没有热水", "计划停水"),
    ],
)
async def test_no_hot_water_is_no_water_cut(
    running: tuple[Emulator, App], user: int, question: str, cut_answer: str
) -> None:
    """Not answered with the water cut's answer, nor registered as one."""
    emulator, application = running
    line = await _first(emulator, user, question)
    assert cut_answer not in line.text and "solved" not in callbacks_of(line), line.text
    assert not await all_tickets(application)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "said"),
    [
        (ENGLISH, "How do I renew my passport?", "For a renewal, bring the old passport"),
        (ENGLISH, "I lost my social security card, what now?", "Report the card lost"),
        (REQUESTER, "社保卡丢了怎么补办", "社保卡丢失请立即挂失"),
    ],
)
async def test_the_template_of_the_matter_told_still_answers(
    running: tuple[Emulator, App], user: int, question: str, said: str
) -> None:
    emulator, _ = running
    line = await _first(emulator, user, question)
    assert said in line.text and "solved" in callbacks_of(line), line.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "hours", "lost_card"),
    [
        (REQUESTER, "你们几点上班?另外外国人怎么办社保卡?", "办公时间", "社保卡丢失请立即挂失"),
        (
            ENGLISH,
            "What are your opening hours? Also, I'm a foreigner, how do I get a social"
            " security card?",
            "is open",
            "Report the card lost",
        ),
    ],
)
async def test_a_second_question_is_not_answered_by_a_template_that_misses_it(
    running: tuple[Emulator, App], user: int, text: str, hours: str, lost_card: str
) -> None:
    """The first question answered, the second not with the lost card's answer: it is named
    as not answered and goes to a person."""
    emulator, _ = running
    await control(emulator, "messages", {"user_id": user, "text": text})
    await bot_lines(emulator, user, 2)
    said = said_text(emulator.world, user)
    assert hours in said and lost_card not in said, said
