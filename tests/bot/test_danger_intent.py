"""A plan to take one's own life is the danger itself, whenever it is meant for: "I will kill
myself tomorrow" and "我明天就去死" got no emergency reply, since words of the future ("明天",
"tomorrow") spare every kind of danger (a power cut planned for tomorrow is no emergency).
For the suicide kind, said of oneself, they spare nothing now (bot/hazard.py, `Kind.intended`),
a plan to take all one's sleeping pills among it ("明天我要把安眠药全吃了"); a drill, a talk,
a prevention week, a film, the things named after a jump (跳楼价, a bargain; 跳楼机, a
fairground ride; 死胡同, a dead end), a sleeping pill asked about and pills taken as
prescribed stay no danger, now or later."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.priority import emergency_words
from bot.rules import Rules

PLANS = [
    "I will kill myself tomorrow",
    "tomorrow I am going to kill myself",
    "I want to end it all tomorrow",
    "我明天就去死",
    "我打算明天跳楼",
    "明天我就结束自己的生命",
    "我计划下周自杀",
    # a plan to take all one's sleeping pills (a new-user trial's; bot/crisis_words.py)
    "tomorrow I will take all my sleeping pills",
    "I am going to swallow a whole bottle of sleeping pills tonight",
    "明天我要把安眠药全吃了",
    "我打算吃光所有安眠药",
    "我要把这些药片全吞了",
]
NONE = [
    "Will there be a suicide prevention talk tomorrow?",
    "next week is suicide prevention week",
    "明天有防自杀讲座吗",
    "明天的演练会模拟有人跳楼吗",
    "the film tomorrow is about a man who wants to kill himself",
    "I will die of boredom tomorrow",
    "你去死吧",
    "我明天去死胡同那边看看",
    "计划明天去看跳楼机",
    "我去坐跳楼机了",
    "这家店跳楼价大甩卖",
    "明天我们小区有消防演练",
    # a sleeping pill asked about, pills taken as prescribed or carried
    "明天要吃安眠药吗",
    "tomorrow I will take my pills as prescribed",
    "I will take all my pills with me on holiday",
    "can I take all my sleeping pills on the plane?",
    "睡前把安眠药吃了",
    "医生让我把药全吃完",
]


@pytest.mark.parametrize("text", PLANS)
def test_a_plan_to_take_ones_own_life_is_heard_now(rules: Rules, text: str) -> None:
    assert "suicide" in hazard.kinds(text), hazard.dangers(text)
    assert emergency_words(rules, text)


@pytest.mark.parametrize("text", NONE)
def test_events_to_come_and_things_named_after_a_jump_are_no_danger(
    rules: Rules, text: str
) -> None:
    assert hazard.dangers(text) == []
    assert emergency_words(rules, text) == []
