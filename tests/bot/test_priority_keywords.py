"""Which words raise a ticket's priority (SPEC rule 9: a configured keyword, outage or safety,
raises it): an emergency is told by the requester's own words of a danger to people, in
either language; ordinary words of gas, lifts and fire are none, nor are denied ones."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.priority import emergency_words, keyword_priority, uses_keyword
from bot.rules import Rules


@pytest.mark.parametrize(
    "text",
    [
        "电梯里有人被困了,幸福路4号楼,快来人",
        "闻到一股煤气味",
        "楼下配电箱冒火花了,还有烧焦的味道",
        "厨房着火了",
        "楼道里在冒烟",
        "孩子碰到插座触电了",
        "I can smell gas in the stairwell of building 4, Xingfu Road",
        "sparks coming from the electrical box downstairs, burning smell",
        "My neighbour is stuck in the lift",
        "The flat next door is on fire",
        "He got an electric shock from the switch",
        "电梯卡在两层中间了,我妈在里面出不来",
        "隔壁家窗户一直在冒黑烟,敲门没人应",
        "有人晕倒在小区门口了",
        "Smoke is coming out of the flat next door",
        "An old man fainted at the gate of the estate",
    ],
)
def test_a_danger_to_people_is_an_emergency_and_urgent(settings: Settings, text: str) -> None:
    rules = Rules(settings)
    assert emergency_words(rules, text)
    assert keyword_priority(rules, text, "normal")[0] == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "燃气费怎么交",
        "how do I pay my gas bill",
        "电梯年检什么时候",
        "我家的燃气灶打不着火",
        "没有燃气泄漏,只是想问问怎么开户",
        "There is no gas leak, I just want a new meter",
        "The fireworks next door keep me awake",
        "a sparkling water bottle",
        "家里漏电保护器跳闸了",
    ],
)
def test_ordinary_or_denied_words_are_no_emergency(settings: Settings, text: str) -> None:
    rules = Rules(settings)
    assert emergency_words(rules, text) == []


def test_latin_keywords_match_whole_words_and_chinese_anywhere() -> None:
    assert uses_keyword("Sparks everywhere", "sparks")
    assert not uses_keyword("sparkly", "spark")
    assert uses_keyword("楼下冒火花", "冒火花")
    assert not uses_keyword("打不着火", "着火")
    assert uses_keyword("Power outages again on our street", "outage")
    assert uses_keyword("楼道里特别冒烟", "冒烟")  # 特别 (very) denies nothing
    assert not uses_keyword("漏电保护器跳闸了", "触电")


@pytest.mark.parametrize(
    "text",
    [
        "幸福里3号楼停电了",
        "幸福里3号楼整栋楼都没电了,电梯也停了",
        "幸福里3号楼从早上8点就没电了",
        "小区没水了",
        "Xingfuli building 3 is dark",
        "No power in Xingfuli building 3 since 8am",
        "The power is out in Xingfuli building 3",
        "Blackout in Xingfuli building 3",
        # going on since a day gone by, in either language (a date was read as a notice's)
        "从3月5号开始幸福里小区就没水了",
        "幸福里小区5号开始就停水了",
        "上周三开始幸福里小区一直没水",
        "上周三开始就没水了",  # a day gone by it goes on since: not over
        "3月5日以来一直停水",
        "Xingfuli community has had no water since March 5th",
        "water off since March 5th",
        # a house number after its road is no notice's date
        *("解放路3号停电了", "和平路18号一直没水", "No power at 3 Jiefang Road"),
        # since a day, the requester's place named or none left: no notice's wording
        *("碧桂园小区从5号开始没水", "绿城小区3号楼从5号开始没水", "3月5日起阳光花园停水"),
        "Building 3 of Greentown estate has had no water since the 5th",
    ],
)
def test_a_supply_cut_now_in_any_words_is_as_urgent_as_its_keyword(
    settings: Settings, text: str
) -> None:
    """Config `keywords` names 停电 and 停水 urgent: the same cut in other words is as urgent,
    the requester's words named as the ones hit."""
    priority, hits = keyword_priority(Rules(settings), text, "normal")
    assert priority == "urgent"
    assert hits and all(hit in text.casefold() for hit in hits)


@pytest.mark.parametrize(
    "text",
    [
        *("停电报修电话是多少", "明天停电吗", "手机没电了"),
        "What number do I call for a power cut?",
        # a notice's date: nothing told begun nor going on
        *("通知:3月5日起停水", "3月5号停水", "从3月5号开始停水三天"),
        *("通知:3月5日起阳光花园停水", "从3月5号开始阳光花园停水三天", "3月5日起停水"),
    ],
)
def test_a_cut_asked_about_planned_or_of_a_device_raises_nothing(
    settings: Settings, text: str
) -> None:
    assert keyword_priority(Rules(settings), text, "normal") == ("normal", [])
