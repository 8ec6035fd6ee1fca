"""A fresh tester's round on people in danger missed (pure decisions): someone exposed to
the freezing cold out of doors (kind `cold`: a homeless person in sub-zero cold or shivering,
a frail person or a child outside, lying, alone or thinly dressed, in the frost or snow,
anyone lying in the snow) is an emergency, told the police and the ambulance first; a lift
stopped with someone maybe inside ("里面好像有人", "someone might be inside") is someone
trapped. The weather, a cold home (urgent, no emergency), a child's winter uniform, a stray
cat, play in the snow, a question of where a homeless man can go and a lift stopped with
nobody said inside are none."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.config import Settings
from bot.intake import emergency
from bot.peril_needs import exposure
from bot.priority import emergency_words, keyword_priority
from bot.rules import Rules

COLD = [
    "人民路天桥底下有个老人躺着,穿得很单薄,今晚零下五度,我叫他他也不怎么回应",
    "A homeless man is lying in the snow outside the library and not moving",
    "桥洞下住着一个流浪老人,这几天降温到零下十度,他只有一床薄被子",
    "There's a child alone at the bus stop on Park Road, no coat, it's -8 outside,"
    " been there an hour",
    "公园长椅上有个流浪汉冻得直发抖",
    "楼下有个人躺在雪地里",
    "a child lying in the park in the snow",
    "there's a rough sleeper in the doorway of the bank and it's below freezing",
]
LIFT = [
    "和平小区4栋电梯坏了,卡在6楼不动了,里面好像有人",
    "电梯停了,里面可能有人",
    "the lift stopped between floors, someone might be inside",
    "the elevator is broken, there may be someone in it",
]
NONE = [
    "天气预报说明天零下五度,供暖什么时候开始?",
    "电梯坏了,卡在6楼不动了",
    "电梯故障停在3楼",
    "我家孩子冬天的校服在哪买",
    "流浪猫冻得发抖怎么办",
    "零下十度,流浪汉可以去哪里?",
    "How can I help a homeless person in freezing weather?",
    "公园里老人在晨练,零下五度",
    "孩子躺在雪地里玩",
    "the weather says -5 tonight, when does the heating start?",
    "where can I buy a winter coat for my child",
    "the queue is not moving",
]
# A cold home: urgent, as before, but no danger out of doors.
HOME = [
    "我奶奶独自在家,暖气坏了,外面零下五度",
    "my grandma lives alone, the heating is off and it's -5 outside",
    "家里有孕妇,暖气不热,冻得不行",
]


@pytest.mark.parametrize("text", COLD)
def test_someone_exposed_to_the_cold_outdoors_is_an_emergency(rules: Rules, text: str) -> None:
    assert "cold" in hazard.kinds(text), hazard.dangers(text)
    assert emergency_words(rules, text)
    assert keyword_priority(rules, text, "normal")[0] == "urgent"


@pytest.mark.parametrize("text", COLD[1:])
def test_the_police_and_the_ambulance_are_told_first(settings: Settings, text: str) -> None:
    told = [n["number"] for n in emergency.numbers(settings, "zh", emergency.kinds_told(text))]
    assert set(told[:2]) == {"110", "120"}  # the ambulance first for one not moving


def test_an_old_man_who_hardly_answers_is_unresponsive_too() -> None:
    assert hazard.kinds(COLD[0]) == {"cold", "person"}


@pytest.mark.parametrize("text", LIFT)
def test_a_lift_stopped_with_someone_maybe_inside_is_someone_trapped(
    rules: Rules, settings: Settings, text: str
) -> None:
    assert "trapped" in hazard.kinds(text), hazard.dangers(text)
    assert keyword_priority(rules, text, "normal")[0] == "urgent"
    told = emergency.numbers(settings, "zh", emergency.kinds_told(text))
    assert told[0]["number"] == "96333"


@pytest.mark.parametrize("text", NONE)
def test_the_weather_a_stopped_lift_or_a_winter_uniform_is_no_emergency(
    rules: Rules, text: str
) -> None:
    assert not hazard.kinds(text), hazard.dangers(text)
    assert not emergency_words(rules, text)
    assert keyword_priority(rules, text, "normal")[0] != "urgent"


@pytest.mark.parametrize("text", HOME)
def test_a_cold_home_stays_urgent_not_an_emergency(rules: Rules, text: str) -> None:
    assert exposure(text)
    assert not emergency_words(rules, text)
    assert keyword_priority(rules, text, "normal")[0] == "urgent"
