"""A fresh tester's round on frail people and broken things (pure decisions): a frail person
is known by kin, age or living alone, not only the word "elderly" (奶奶八十多岁, 独居的王大爷,
"85-year-old neighbour lives alone"), and without heating is urgent; one not answering the
door or not seen for days is a welfare check, an emergency (the police and the ambulance);
an English report of a broken thing ("doesn't work", "stuck on red") is a fault report as
the Chinese one is; and the details a template asks for skip what the words already say
(the lights "stuck on red" are not asked what they do)."""

from __future__ import annotations

import pytest

from bot import details, hazard
from bot.config import Settings
from bot.faults import reports_fault
from bot.intake import emergency
from bot.peril_needs import exposure
from bot.priority import emergency_words, keyword_priority
from bot.rules import Rules

COLD = [
    "我奶奶八十多岁了,家里暖气一直不热,屋里才几度",
    "爷爷卧床,暖气坏了",
    "家里有孕妇,暖气不热,冻得不行",
    "My grandma is 85 and the heating has been off since yesterday",
    "we have a newborn and it's freezing in the flat, the heating is broken",
    "my neighbour is bedridden and the radiators are cold",
]
WELFARE = [
    "独居的王大爷家暖气不热,敲门也没人应",
    "My 85-year-old neighbour lives alone and his heating has been off since yesterday,"
    " he isn't answering the door",
    "楼下的老奶奶好几天没见到了,敲门没人应",
    "我联系不上独居的姥姥,电话一直没人接",
    "The old lady next door lives alone and we haven't seen her for days",
]
NOT_FRAIL = [
    "暖气一直不热",
    "我奶奶想办老年卡",
    "快递员敲门没人应,包裹放哪了",
    "the heating has been off since yesterday",
    "我联系不上房东",
    "My grandma wants to know how to apply for a pension",
]


@pytest.mark.parametrize("text", COLD + WELFARE)
def test_a_frail_person_without_heating_is_urgent(rules: Rules, text: str) -> None:
    assert exposure(text) or "welfare" in hazard.kinds(text)
    assert keyword_priority(rules, text, "normal")[0] == "urgent"


@pytest.mark.parametrize("text", COLD)
def test_the_cold_alone_is_no_danger_now(rules: Rules, text: str) -> None:
    assert exposure(text), text
    assert not emergency_words(rules, text)


@pytest.mark.parametrize("text", WELFARE)
def test_nobody_answering_the_door_is_a_welfare_check(
    rules: Rules, settings: Settings, text: str
) -> None:
    assert "welfare" in hazard.kinds(text), hazard.dangers(text)
    assert emergency_words(rules, text)
    told = [n["number"] for n in emergency.numbers(settings, "en", emergency.kinds_told(text))]
    assert told[:2] == ["110", "120"]


@pytest.mark.parametrize("text", NOT_FRAIL)
def test_no_frail_person_or_no_cold_is_neither(rules: Rules, text: str) -> None:
    assert not hazard.kinds(text)
    assert not exposure(text)
    assert keyword_priority(rules, text, "normal")[0] != "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "Nobody is trapped, just the lift button on floor 3 doesn't work",
        "the lift button on floor 3 is broken",
        "The traffic light at Oak Street and 5th is stuck on red",
        "the bin lid outside building 4 is not working",
        "the lift doesn’t work",
        "没人被困,就是电梯3楼的按钮坏了",
        "橡树街和五街路口的红绿灯一直是红灯",
    ],
)
def test_a_broken_thing_is_a_fault_report_in_either_language(text: str) -> None:
    assert reports_fault(text)


@pytest.mark.parametrize(
    "text",
    ["the lift button is not broken", "how do I report a broken lift button?", "闪电了"],
)
def test_no_broken_thing_is_none(text: str) -> None:
    assert not reports_fault(text)


@pytest.mark.parametrize(
    ("items", "text"),
    [
        (
            [
                "the junction (the two roads that cross)",
                "which direction's lights",
                "what they do (dark, stuck on red, flashing)",
            ],
            "The traffic light at Oak Street and 5th is stuck on red",
        ),
        (
            ["路口位置(哪两条路相交)", "哪个方向的信号灯", "故障情况(不亮、常亮红灯或闪烁)"],
            "幸福路和人民路路口的红绿灯一直是红灯",
        ),
    ],
)
def test_what_the_words_already_say_is_not_asked(items: list[str], text: str) -> None:
    asked, given = details.split(items, details.stated(text))
    assert asked == [items[1]]
    assert given == [items[0], items[2]]


@pytest.mark.parametrize("text", ["The traffic light at the crossing is broken", "路口红绿灯坏了"])
def test_what_they_do_is_asked_when_not_said(text: str) -> None:
    assert details.CONDITION not in details.stated(text)
