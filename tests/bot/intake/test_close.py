"""What a question is about (`bot.intake.close.topic`): remembered per matcher, never stale."""

from __future__ import annotations

from bot.intake.close import topic
from knowledge.matcher import Matcher, Phrasing

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
