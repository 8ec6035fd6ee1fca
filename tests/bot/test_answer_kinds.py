"""What an officer's question asks and a plain answer gives, by kind (bot/answer_kinds.py), and
the fit it makes to each ticket whose question waits (bot/answer_fit.py): issue 14, input 6,
"Card ends 4821, ID 110101195001011234" answered the card officer, not "north or south side?"."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot import answer_fit, awaited
from bot.answer_kinds import BUILDING, CARD, DIGITS, IDENTITY, SIDE, asks, gives, matched
from bot.details import TIME
from bot.replies import InHand, choose

CARD_Q = "Could you tell me the last 4 digits of your bank card and your ID number?"
SIDE_Q = "north or south side?"
ID_ZH = "请提供身份证号后四位"
BUILDING_ZH = "是哪一栋楼?"


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        (CARD_Q, {IDENTITY, CARD, DIGITS}),
        (SIDE_Q, {SIDE}),
        (ID_ZH, {IDENTITY, DIGITS}),
        (BUILDING_ZH, {BUILDING}),
        ("请问是南边还是北边?", {SIDE}),
        ("Which side of the building is it?", {SIDE}),
        ("请提供银行卡尾号", {CARD, DIGITS}),
    ],
)
def test_what_a_question_asks(question: str, kinds: set[str]) -> None:
    assert kinds <= asks(question)


@pytest.mark.parametrize(
    ("words", "kinds"),
    [
        ("Card ends 4821, ID 110101195001011234", {IDENTITY, CARD, DIGITS}),
        ("South side.", {SIDE}),
        ("3栋", {BUILDING}),
        ("身份证后四位1234", {IDENTITY, DIGITS}),
        ("4821, 110101195001011234", {IDENTITY, DIGITS}),
        ("在南侧", {SIDE}),
        ("Building 5", {BUILDING}),
    ],
)
def test_what_an_answer_gives(words: str, kinds: set[str]) -> None:
    assert kinds <= gives(words)


@pytest.mark.parametrize(
    ("words", "question"),
    [
        ("Card ends 4821, ID 110101195001011234", SIDE_Q),
        ("South side.", CARD_Q),
        ("3栋", ID_ZH),
        ("身份证后四位1234", BUILDING_ZH),
        ("thanks", CARD_Q),
        ("好的", BUILDING_ZH),
    ],
)
def test_an_answer_to_another_question_matches_nothing(words: str, question: str) -> None:
    assert matched(words, question) == frozenset()


@pytest.mark.parametrize(
    ("words", "asker", "other"),
    [
        ("Card ends 4821, ID 110101195001011234", CARD_Q, SIDE_Q),
        ("4821, 110101195001011234", "Please send the last four digits of your card", SIDE_Q),
        ("South side.", SIDE_Q, CARD_Q),
        ("3栋", BUILDING_ZH, ID_ZH),
        ("身份证后四位1234", ID_ZH, BUILDING_ZH),
        ("4821,110101195001011234", "请提供银行卡后四位和身份证号", BUILDING_ZH),
    ],
)
def test_the_asker_fits_strongly_and_the_other_not(words: str, asker: str, other: str) -> None:
    """Off a run on the other ticket, the answer goes to the one that asked for it
    (`off_the_run`), and out of a run it is the best fit (`best`)."""
    asked = answer_fit.fit(words, said=asker, question="", resolved=False)
    not_asked = answer_fit.fit(words, said=other, question="", resolved=False)
    assert asked >= answer_fit.STRONG and not_asked == 0
    assert answer_fit.off_the_run(2, {1: asked, 2: not_asked}) == 1
    assert answer_fit.best([(asked, 1), (not_asked, 2)]) == 1


def test_a_question_not_asking_matches_nothing() -> None:
    assert matched("4821", "") == frozenset()
    assert matched("", CARD_Q) == frozenset()


@pytest.mark.parametrize(
    ("words", "question"),
    [
        ("Since the night before last", "Since which day is it dark?"),
        ("前天晚上开始的", "请问路灯是从哪天开始不亮的?"),
        ("On Monday", "What day did it start?"),
    ],
)
def test_which_day_is_answered_by_a_day(words: str, question: str) -> None:
    assert matched(words, question) == frozenset({TIME})


def test_an_id_asked_before_another_ticket_opened_goes_to_its_asker() -> None:
    """#1's officer asked for the ID; the requester then opened #2 and spoke of it: the ID
    number, owed to #1 alone (`awaited.awaits` of its officer's question), goes to #1, not to
    the matter just under way."""
    start = datetime(2026, 12, 3, 9, 0)
    waits = awaited.awaits(turns=None, staff_said=CARD_Q, staff_waiting=True)
    assert {IDENTITY, CARD, DIGITS} <= waits
    asker = InHand(1, start, start - timedelta(hours=1), opened=start, said=CARD_Q, awaits=waits)
    later = start + timedelta(minutes=5)
    other = InHand(2, None, later, opened=later, question="My radiators are not warm")
    words = "ID 110101195001011234"
    now = later + timedelta(minutes=1)
    assert choose(replied_to=None, in_hand=[asker, other], now=now, words=words) == 1
    assert choose(replied_to=None, in_hand=[asker, other], now=now, words="thanks") == 2
