"""A question asked apart under the category buttons (bot/intake/apart.py): an opener, then
words that ask something or tell a matter to act on; anything else is more of the question
waiting."""

from __future__ import annotations

import pytest

from bot.intake.apart import asked_apart


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("另外,请问社保卡怎么补办?", "请问社保卡怎么补办?"),
        ("还有,公积金怎么提取", "公积金怎么提取"),
        ("顺便问一下,你们周六上班吗", "你们周六上班吗"),
        ("好的,另外我家楼下的路灯坏了三天了", "我家楼下的路灯坏了三天了"),
        ("另外,請問社保卡怎麼補辦?", "請問社保卡怎麼補辦?"),
        (
            "By the way, how do I replace my social security card?",
            "how do I replace my social security card?",
        ),
        ("Also, can I pay the water bill online?", "can I pay the water bill online?"),
        ("Another question: where is the tax office?", "where is the tax office?"),
        (
            "Also, the street light outside my building is broken",
            "the street light outside my building is broken",
        ),
    ],
)
def test_an_opener_and_another_question_is_apart(text: str, rest: str) -> None:
    assert asked_apart(text) == rest


@pytest.mark.parametrize(
    "text",
    [
        "请问社保卡怎么补办?",  # no opener: more of the question waiting
        "材料是三月五号在三号窗口交的",
        "另外,材料是三月五号交的",  # details after an opener: the same matter
        "另外",
        "How do I replace my social security card?",
        "Also, it was at window 3",
        "It was on March 5th. Also, how long does it take?",  # the opener not at its start
        "",
    ],
)
def test_anything_else_is_not_apart(text: str) -> None:
    assert asked_apart(text) is None
