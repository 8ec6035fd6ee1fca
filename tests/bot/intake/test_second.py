"""A second question in one message, after an opener (issue 14): split from the first, so that
each is searched for alone."""

from __future__ import annotations

import pytest

from bot.intake.second import message_parts, numbered, two_questions


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "你们几点上班?周六开门吗?另外社保卡丢了怎么补?",
            "你们几点上班?周六开门吗?",
            "社保卡丢了怎么补?",
        ),
        (
            "我家门口的路灯坏了三天了,在和平路88号。还有,社保卡丢了怎么补办?",
            "我家门口的路灯坏了三天了,在和平路88号。",
            "社保卡丢了怎么补办?",
        ),
        (
            "What are your opening hours? Also, how do I replace a lost card?",
            "What are your opening hours?",
            "how do I replace a lost card?",
        ),
    ],
)
def test_an_opener_after_words_of_the_text_s_own_parts_two_questions(
    text: str, first: str, second: str
) -> None:
    assert two_questions(text) == (first, second)


@pytest.mark.parametrize(
    "text",
    [
        "另外,社保卡丢了怎么补办?",
        "Also, how do I replace a lost card?",
        "社保卡丢了怎么补办?",
        "我还有问题",
        "I also need the form",
        "我要办理另外一张卡",
        "路灯坏了。还有,楼道灯也不亮",
    ],
)
def test_an_opener_at_the_start_or_none_parts_nothing(text: str) -> None:
    assert two_questions(text) is None


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("1. 水费怎么交 2. 社保卡怎么补办", "水费怎么交", "社保卡怎么补办"),
        ("我有两个问题:1、水费怎么交?2、社保卡怎么补办?", "水费怎么交?", "社保卡怎么补办?"),
        ("（1）水费怎么交（2）社保卡怎么补办", "水费怎么交", "社保卡怎么补办"),
        ("1.水费怎么交\n2.社保卡怎么补办", "水费怎么交", "社保卡怎么补办"),
        (
            "1) how do I pay my water bill 2) how do I replace my social security card",
            "how do I pay my water bill",
            "how do I replace my social security card",
        ),
        (
            "(1) how do I pay the water bill? (2) how do I replace my social security card?",
            "how do I pay the water bill?",
            "how do I replace my social security card?",
        ),
    ],
)
def test_two_numbered_questions_are_two_parts(text: str, first: str, second: str) -> None:
    assert numbered(text) == (first, second)
    assert message_parts(text) == (first, second)


@pytest.mark.parametrize(
    "text",
    [
        "1. 姓名张三 2. 电话13800000000",  # numbered details: one matter's, no questions
        "水费1.5元一吨怎么交?",  # a decimal, no list
        "1. 水费怎么交? 2. 电费怎么交? 3. 燃气费怎么交?",  # three: left whole
        "2. 水费怎么交 1. 社保卡怎么补办",  # not numbered from 1
        "1. how do I pay my water bill",  # one item
    ],
)
def test_anything_but_two_numbered_questions_is_not_parted_by_number(text: str) -> None:
    assert numbered(text) is None
