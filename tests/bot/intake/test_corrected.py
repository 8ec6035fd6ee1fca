"""`corrected.corrected_question`: words that take back what the requester said they wanted
and go on to ask something (a new-user trial's "我要投诉" then "不对,其实我想问水费怎么交")."""

from __future__ import annotations

import pytest

from bot.intake.corrected import corrected_question


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("不对,其实我想问水费怎么交", "水费怎么交"),
        ("不是投诉,我是想问一下水费怎么交", "水费怎么交"),
        ("其实我想咨询公积金怎么提取", "公积金怎么提取"),
        ("no wait, actually I want to ask how to pay my water bill", "how to pay my water bill"),
        ("sorry, I meant to ask: how do I pay my water bill?", "how do I pay my water bill?"),
        ("nope, how do I pay my water bill?", "how do I pay my water bill?"),
    ],
)
def test_a_correction_and_its_question(text: str, question: str) -> None:
    assert corrected_question(text) == question


@pytest.mark.parametrize(
    "text",
    [
        "不对",
        "不是,是物业乱收费",  # the complaint's matter: "not that, it is ..."
        "不对,我要投诉物业",
        "窗口工作人员态度很差",
        "水费怎么交",  # a question, taking nothing back
        "no, the bins were not collected",
        "actually the bins were not collected",
        "sorry, I want to complain",
        "",
    ],
)
def test_no_correction(text: str) -> None:
    assert corrected_question(text) is None
