"""Categories of new tickets from the requester's own words."""

from __future__ import annotations

import pytest

from bot.classify import fallback_category, infer_category, uses_cue
from bot.config import Settings


@pytest.mark.parametrize(
    ("question", "matched", "expected"),
    [
        ("我要投诉窗口工作人员态度差", None, "complaint"),
        ("The street light is broken again", None, "fault_report"),
        ("小区停水三天了", "office-hours", "fault_report"),
        ("建议市民中心增加周末服务", None, "suggestion"),
        ("我想申请公租房", None, "service_request"),
        ("公租房的政策是什么", None, None),
        ("公租房的政策是什么", "service_request", "service_request"),
        ("What is this?", "not-a-category", None),
        ("小区门口的垃圾一个星期没人清运了", None, "complaint"),  # a service not done
        ("The bins haven’t been emptied for days", None, "complaint"),  # a phone's apostrophe
        ("the rubbish has not been collected", None, "complaint"),
    ],
)
def test_infer_category(
    settings: Settings, question: str, matched: str | None, expected: str | None
) -> None:
    assert infer_category(settings, question, matched) == expected


def test_the_close_template_is_looked_for_only_when_no_cue_word_decides(
    settings: Settings,
) -> None:
    asked: list[str] = []

    def close_template() -> str:
        asked.append("searched")
        return "service_request"

    assert infer_category(settings, "小区停水三天了", close_template) == "fault_report"
    assert asked == []
    assert infer_category(settings, "公租房的政策是什么", close_template) == "service_request"
    assert asked == ["searched"]


def test_an_unchosen_category_falls_back_to_the_first_without_cues(settings: Settings) -> None:
    assert fallback_category(settings) == "consultation"


@pytest.mark.parametrize(
    ("question", "cue"),
    [
        ("不是投诉,就是想问问", "投诉"),
        ("我不是来投诉的", "投诉"),
        ("没有投诉的意思", "投诉"),
        ("this is not a complaint, i just want to ask", "complaint"),
        ("not really a complaint", "complaint"),
        ("i don't want to complain", "complain"),
    ],
)
def test_a_cue_denied_names_nothing(question: str, cue: str) -> None:
    assert not uses_cue(question, cue)


@pytest.mark.parametrize(
    ("question", "cue"),
    [
        ("我要投诉", "投诉"),
        ("投诉:不是第一次了", "投诉"),
        ("it is a complaint", "complaint"),
        ("the lift is not working", "not working"),
        ("不是第一次了,我要投诉", "投诉"),
    ],
)
def test_a_cue_said_names_its_category(question: str, cue: str) -> None:
    assert uses_cue(question, cue)


def test_each_configuration_is_read_with_its_own_cue_words(settings: Settings) -> None:
    """The cue words are read once per configuration: one with other cues decides by them,
    the first one still by its own."""
    question = "小区停水三天了"
    assert infer_category(settings, question) == "fault_report"
    categories = [
        c.model_copy(update={"cues": ["停水"] if c.key == "complaint" else list(c.cues)})
        for c in settings.categories
    ]
    other = settings.model_copy(update={"categories": categories})
    assert infer_category(other, question) == "complaint"  # complaint's cues come first
    assert infer_category(settings, question) == "fault_report"
