"""A question and a matter of another kind in one message (the first inquiry loses nothing):
"How do I apply for a residence permit? Also the street light outside my house has been
broken for a week." had its question lost to a fault ticket for the whole text; "你们窗口态度
太差了!另外想问下公积金怎么提取?" got the category buttons, its question never answered. Now
the question is answered first (or, only close to templates, offered as "did you mean"), then
the matter is named as passed to a person and its ticket opens, sorted by its own words; the
ticket's inquiry keeps the whole message (bot/intake/two_matters.py). End to end over the
emulation, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
GENERAL_GROUP, UTILITIES_GROUP = -1000000000101, -1000000000103


def _index(said: list[Any], words: str) -> int:
    """Where the first message saying `words` is among `said`."""
    return next(i for i, e in enumerate(said) if words in e.text)


async def _ticket_said(world: Any, user: int, promise: str) -> list[Any]:
    await until(lambda: any(promise in e.text for e in bot_said(world, user)))
    return bot_said(world, user)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "matter", "answer", "reported", "promise"),
    [
        (
            ENGLISH,
            "How do I apply for a residence permit?",
            "the street light outside my house has been broken for a week.",
            "After living here for six months",
            "What you reported",
            "Your ticket #1 (Fault report) is registered",
        ),
        (
            REQUESTER,
            "请问怎么办理居住证?",
            "我家楼下路灯坏了一个星期了。",
            "在本市居住满半年",
            "您反映的",
            "已为您登记工单 #1(故障报修)",
        ),
    ],
)
async def test_a_question_then_a_fault_answers_the_question_and_opens_the_fault(
    running: tuple[Emulator, App],
    user: int,
    question: str,
    matter: str,
    answer: str,
    reported: str,
    promise: str,
) -> None:
    emulator, application = running
    world = emulator.world
    also = " Also " if user == ENGLISH else "另外"
    text = f"{question}{also}{matter}"
    await world.user_sends(user, text)
    said = await _ticket_said(world, user, promise)
    # The question's answer first, then the matter named as passed to a person, then the
    # ticket's promise.
    answered, named, promised = (
        _index(said, answer),
        _index(said, reported),
        _index(said, promise),
    )
    assert answered < named < promised, [e.text for e in said]
    assert matter.rstrip("。.") in said[named].text
    # The street light's ticket: its kind and department from its own words.
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
    assert ticket.question == matter
    # Nothing lost: the staff's card carries the whole message.
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert question in card.text and matter in card.text, card.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "complaint", "answer", "promise"),
    [
        (
            ENGLISH,
            "The clerk at window 3 was very rude to me! Also, how do I withdraw my housing"
            " fund to pay rent?",
            "The clerk at window 3 was very rude to me!",
            "may withdraw their housing fund for rent",
            "Your ticket #1 (Complaint) is registered",
        ),
        (
            REQUESTER,
            "你们窗口态度太差了!另外租房可以提取公积金吗?",
            "你们窗口态度太差了!",
            "可提取公积金支付房租",
            "已为您登记工单 #1(投诉)",
        ),
    ],
)
async def test_a_complaint_then_a_question_answers_it_and_files_the_complaint(
    running: tuple[Emulator, App],
    user: int,
    text: str,
    complaint: str,
    answer: str,
    promise: str,
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    said = await _ticket_said(world, user, promise)
    assert _index(said, answer) < _index(said, complaint) < _index(said, promise)
    (ticket,) = await all_tickets(application)
    assert ticket.category == "complaint" and ticket.question == complaint
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    assert text in card.text, card.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaint_then_a_question_close_to_several_offers_them_beside_the_ticket(
    running: tuple[Emulator, App],
) -> None:
    """ "你们窗口态度太差了!另外想问下公积金怎么提取?": the withdrawals are as close to it as
    each other; it gets "did you mean" with them, the complaint its ticket; a withdrawal
    pressed is answered."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "你们窗口态度太差了!另外想问下公积金怎么提取?")
    said = await _ticket_said(world, REQUESTER, "已为您登记工单 #1(投诉)")
    offered = said[_index(said, "您是想问")]
    data = [b["callback_data"] for row in offered.buttons for b in row]
    assert "kb:fund-withdraw-rent" in data, data
    assert _index(said, "您是想问") < _index(said, "你们窗口态度太差了") < _index(said, "工单 #1")
    (ticket,) = await all_tickets(application)
    assert ticket.category == "complaint" and ticket.question == "你们窗口态度太差了!"
    await world.user_presses(REQUESTER, REQUESTER, offered.message_id, "kb:fund-withdraw-rent")
    await until(lambda: any("可提取公积金支付房租" in e.text for e in bot_said(world, REQUESTER)))
    assert len(await all_tickets(application)) == 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "answer"),
    [
        (ENGLISH, "How do I apply for a residence permit? Also, I live in Haidian.", "six months"),
        (REQUESTER, "怎么办理居住证?另外我是外地户口", "居住满半年"),
    ],
)
async def test_details_after_a_question_are_no_matter_of_their_own(
    running: tuple[Emulator, App], user: int, text: str, answer: str
) -> None:
    """Details of the question after "also" ("I live in Haidian") report nothing wrong: the
    question is answered as ever, no ticket opened for them."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: any(answer in e.text for e in bot_said(world, user)))
    assert await all_tickets(application) == []
