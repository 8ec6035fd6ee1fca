"""What a question is about (`bot.intake.close.topic`): remembered per matcher, never stale."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.intake import inquiry
from bot.intake.close import matter_words, topic
from knowledge.matcher import Matcher, Phrasing
from knowledge.templates import CaseTemplate, Status

WATER = [
    Phrasing("water_cut", "zh", "小区停水了什么时候来水"),
    Phrasing("water_cut", "en", "the water is off in my building when will it be back"),
]
LIFT = [Phrasing("lift", "zh", "电梯坏了困人"), Phrasing("lift", "en", "the lift is broken")]


def test_a_question_is_about_the_template_it_comes_close_to_in_either_language() -> None:
    matcher = Matcher([*WATER, *LIFT])
    assert topic(matcher, "小区停水了什么时候来水") == "water_cut"
    assert topic(matcher, "the lift is broken") == "lift"
    assert topic(matcher, "我想办理护照签证") is None


def test_what_is_remembered_follows_the_matchers_phrasings() -> None:
    matcher = Matcher(LIFT)
    assert topic(matcher, "小区停水了什么时候来水") is None
    before = matcher.version
    matcher.add(WATER)
    assert matcher.version != before
    assert topic(matcher, "小区停水了什么时候来水") == "water_cut"  # not the remembered None
    matcher.retire("water_cut")
    assert topic(matcher, "小区停水了什么时候来水") is None
    matcher.replace(WATER)
    assert topic(matcher, "小区停水了什么时候来水") == "water_cut"


def _template(template_id: str, keywords: list[str], status: str = "active") -> CaseTemplate:
    return CaseTemplate(
        id=template_id,
        category="fault_report",
        department="utilities",
        questions={"zh": ["问"], "en": ["ask"]},
        answer={"zh": "答", "en": "answer"},
        keywords=keywords,
        status=Status(status),
    )


def test_a_template_s_keyword_names_the_topic_the_matcher_does_not_come_close_to() -> None:
    """A tester's "幸福路3号楼停水了,家里没水做饭" came close to no phrasing (its address and
    dinner) and was left out of the water-cut incident; it says 停水, the template's keyword."""
    matcher = Matcher([*WATER, *LIFT])
    templates = {
        "water_cut": _template("water_cut", ["停水", "no water"]),
        "lift": _template("lift", ["电梯"]),
        "old": _template("old", ["漏水"], "retired"),
    }
    question = "幸福路3号楼停水了,家里没水做饭"
    assert topic(Matcher([*WATER, *LIFT]), question) is None  # the matcher alone: none
    assert topic(matcher, question, templates) == "water_cut"
    assert topic(matcher, "We have NO WATER at home", templates) == "water_cut"
    assert topic(matcher, "我家厨房水管漏水了", templates) is None  # a retired one's keyword
    assert topic(matcher, "停水了电梯也停了", templates) is None  # two: no telling which


def test_a_ticket_s_matter_is_told_by_the_requester_s_own_words() -> None:
    at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    notice = inquiry.said("通知:本周六停水", at, notice=True)
    leak = inquiry.said("我家厨房水管漏水了,请派人来修", at)
    question = "通知:本周六停水\n我家厨房水管漏水了,请派人来修"
    assert matter_words(question, [notice, leak]) == "我家厨房水管漏水了,请派人来修"
    assert matter_words(question, [notice]) == "通知:本周六停水"  # the notice is all they said
    assert matter_words(question, None) == question  # no inquiry kept: the question


def test_the_matter_words_leave_out_a_question_of_how_to_report() -> None:
    """A how-to question ("停电报修电话是多少") then a gas smell: a gas smell, no power cut."""
    words = matter_words("停电报修电话是多少,楼道里有很浓的煤气味", None)
    assert "煤气味" in words and "停电" not in words
    assert matter_words("停电报修电话是多少", None) == "停电报修电话是多少"
    assert matter_words("Who do I call? My power is out", None).endswith("My power is out")
