"""A question about how, where or whom to report a matter, its number, hours or procedure is
no matter happening (issue 14: "停电报修电话是多少" was an outage now): one reader
(bot/asking.py, through `bot.hazard.Clause.how_to`) for dangers to people, configured
keywords, ordinary ones (an outage) and faults told by their kind. Said with the matter
theirs or going on, in the same clause or another, it tells the matter."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.faults import reports_fault
from bot.intake.decision import Action, after_match
from bot.intake.small_words import carries_no_matter
from knowledge.matcher import Band

HOW_TO = [
    "停电报修电话是多少",
    "停水了找谁",
    "停电了找谁报修",
    "怎么报修燃气泄漏",
    "燃气泄漏打什么电话",
    "路灯坏了找谁修",
    "下水道堵了找哪个部门",
    "What number do I call for a power cut?",
    "Who do I call about a gas leak?",
    "who do I call when the drain is blocked",
    "who do I call if the lift breaks",
    "Who fixes a broken street light?",
    "你好,停电报修电话是多少",
]
HAPPENING = [
    ("家里停电了,报修电话是多少?", "停电"),
    ("我家停电了找谁", "停电"),
    ("停电了,找谁报修?", "停电"),
    ("现在停水了找谁", "停水"),
    ("My flat has had no water since this morning, who do I call?", "no water"),
]


@pytest.mark.parametrize("text", HOW_TO)
def test_a_how_to_question_tells_nothing_happening(text: str) -> None:
    assert hazard.dangers(text) == []
    for word in ("停电", "停水", "outage", "no water", "燃气泄漏", "gas leak"):
        assert not hazard.said_now(text, word, emergency=False)
        assert not hazard.said_now(text, word)
    assert not reports_fault(text)
    assert hazard.supposed(text)
    assert hazard.asks_how_only(text, carries_no_matter)


@pytest.mark.parametrize(("text", "word"), HAPPENING)
def test_a_how_to_with_the_matter_theirs_tells_it(text: str, word: str) -> None:
    assert hazard.said_now(text, word, emergency=False)
    assert not hazard.asks_how_only(text, carries_no_matter)


@pytest.mark.parametrize(
    "text",
    [
        "我家门口的路灯坏了三天了,找谁修?",
        "the drain is blocked, who do I call?",
        "There is no water, who do I call?",
    ],
)
def test_a_fault_told_beside_the_question_is_a_fault(text: str) -> None:
    assert reports_fault(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("燃气泄漏了,打什么电话?", "gas"),
        ("我家厨房燃气泄漏打什么电话", "gas"),
        ("There is a gas leak in my kitchen, who do I call?", "gas"),
        ("someone is stuck in the lift, who do I call?", "trapped"),
        ("how do I report the gas leak in my kitchen", "gas"),
        # what to do about it, or how to call the police, is no question of where to report
        ("楼道着火了怎么处理", "fire"),
        ("着火了怎么报警", "fire"),
    ],
)
def test_a_danger_said_beside_the_question_is_a_danger(text: str, kind: str) -> None:
    assert kind in hazard.kinds(text)


def test_a_how_to_answered_by_a_template_that_needs_a_person_is_answered_not_registered() -> None:
    """The template's answer, as for any question; nothing of theirs to register."""
    asked = {"step": None, "band": Band.ANSWER, "vague": False, "needs_person": True}
    assert after_match(**asked, how_to=True) is Action.ANSWER
    assert after_match(**asked) is Action.REGISTER
