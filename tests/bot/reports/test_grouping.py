"""Grouping handed-over questions by the matcher's n-grams (pure, no database)."""

from __future__ import annotations

from bot import casebook
from bot.config import Settings
from bot.reports.failing import Question, group_questions, mark_covered, phrasings_of, uncovered


def _questions(texts: list[str]) -> list[Question]:
    return [Question(number, text, "zh", "general") for number, text in enumerate(texts, 1)]


def test_alike_questions_group_in_either_language_and_the_largest_comes_first(
    settings: Settings,
) -> None:
    background = phrasings_of(casebook.file_templates(settings))
    groups = group_questions(
        _questions(
            [
                "公园的路灯坏了",
                "我家停水了什么时候来水",
                "路灯坏了没人修",
                "小区停水到底什么时候来水",
                "when will the water come back",
                "停水了,什么时候恢复供水?",
                "Water is off at my home, when will it come back?",
                "公交车太挤了",
            ]
        ),
        background,
    )
    assert [[q.ticket_id for q in g.questions] for g in groups] == [
        [2, 4, 6],
        [1, 3],
        [5, 7],
        [8],
    ]
    assert groups[0].example.text == "我家停水了什么时候来水"
    assert groups[0].key == 2


def test_a_group_the_knowledge_base_answers_is_covered(settings: Settings) -> None:
    templates = casebook.file_templates(settings)
    matcher = casebook.matcher_for(settings, templates)
    groups = group_questions(
        _questions(["我的社保卡丢了怎么补办?", "社保卡丢了怎么补办", "小区电梯坏了一直没人来修"]),
        phrasings_of(templates),
    )
    mark_covered(groups, matcher)
    assert groups[0].covered_by is not None
    assert [g.example.text for g in uncovered(groups)] == ["小区电梯坏了一直没人来修"]


def test_wordings_are_distinct_and_few(settings: Settings) -> None:
    background = phrasings_of(casebook.file_templates(settings))
    texts = ["路灯坏了"] * 3 + ["路灯坏了 "] + ["路灯又坏了"] * 6
    (group,) = group_questions(_questions(texts), background)
    assert group.count == 10
    assert group.wordings() == ["路灯坏了", "路灯又坏了"]
