"""The answer to "which ticket?" or "about ticket #N, or a new matter?" in words, as pure
functions (bot/intake/which_named.py): a ticket by its number or place, about it or alone;
a new matter; anything else is words."""

from __future__ import annotations

import pytest

from bot.intake.which_named import may_name, says_new, ticket_named


@pytest.mark.parametrize(
    ("text", "ticket"),
    [
        ("#2", 2),
        ("是关于#2的", 2),
        ("是关于工单 #1", 1),
        ("就是工单2", 2),
        ("第二个", 2),
        ("1号", 1),
        ("the first one", 1),
        ("It's about ticket 2.", 2),
        ("about #1", 1),
        ("#12", None),  # not one offered
        ("关于#3的", None),
    ],
)
def test_a_ticket_named(text: str, ticket: int | None) -> None:
    assert may_name(text)
    assert ticket_named(text, [1, 2]) == ticket


@pytest.mark.parametrize(
    "text",
    [
        *("新的问题", "是新的问题", "新问题", "另外的事", "都不是", "不是"),
        *("a new one", "A new matter.", "another matter", "something else", "neither"),
    ],
)
def test_a_new_matter_said(text: str) -> None:
    assert says_new(text) and may_name(text)
    assert ticket_named(text, [1, 2]) is None


@pytest.mark.parametrize(
    "text", ["我要投诉", "隔壁装修噪音", "好的", "I want to complain", "the noise is new", "新闻"]
)
def test_other_words_name_nothing(text: str) -> None:
    assert not says_new(text)
    assert ticket_named(text, [1, 2]) is None
