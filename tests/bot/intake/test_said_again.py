"""Which words say a matter is back, again or still (`said_again.says_again`): the words a
closed ticket's matter is heard back by beside any ticket in hand (issue 14)."""

from __future__ import annotations

import pytest

from bot.intake.said_again import says_again


@pytest.mark.parametrize(
    "text",
    [
        "路灯昨晚又不亮了",
        "楼上再次装修到半夜",
        "水管还是漏水",
        "路灯还是不亮",
        "还是没人来修",
        "The street light is out again",
        "The water is still brown",
    ],
)
def test_again_or_still_of_a_matter(text: str) -> None:
    assert says_again(text)


@pytest.mark.parametrize(
    "text",
    [
        "路灯不亮了",  # no "again": a matter told, not said to be back
        "The street light is out",
        "又有一件事想问",  # more to ask, not a thing so again
        "另外,路灯又不亮了",  # said to be a new matter
        "ok thanks again",
        "路灯是市政管还是物业管?",  # the "or" of a question
        "我还是想问公租房的事",  # "still want to ask": a question, not a state back
    ],
)
def test_no_matter_said_back(text: str) -> None:
    assert not says_again(text)
