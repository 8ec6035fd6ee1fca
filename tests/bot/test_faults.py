"""A fault report told by its kind (issue 14): a public thing and a state that says it is
broken, missing, blocked or fallen, in either language; a requester's own things lost and
denied states are none."""

from __future__ import annotations

import pytest

from bot.faults import reports_fault


@pytest.mark.parametrize(
    "text",
    [
        "下水道堵了",
        "井盖丢了",
        "树倒了压住了一辆车",
        "小区门口的路灯一直不亮",
        "幸福路3号楼没水了",
        "No water at all in Xingfu Road estate since this morning",
        "the drain is blocked",
        "manhole cover is missing",
        "a tree fell on a car",
        "there is a blocked drain outside my building",
        "the street lights are out on Park Road",
        "The drain in our building is blocked and sewage is coming up",
    ],
)
def test_a_thing_broken_missing_blocked_or_fallen_is_a_fault(text: str) -> None:
    assert reports_fault(text)


@pytest.mark.parametrize(
    "text",
    [
        "井盖没丢",
        "the drain is not blocked",
        "我的身份证丢了",
        "I lost my ID card",
        "小区没电梯",
        "there is no gas leak",
        "水费怎么交",
        "How do I pay my water bill",
        "我上个月提交的材料到现在还没有消息",
        "the clerk was rude to me",
    ],
)
def test_other_words_and_denied_states_are_none(text: str) -> None:
    assert not reports_fault(text)
