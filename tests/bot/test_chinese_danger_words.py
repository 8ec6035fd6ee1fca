"""Chinese danger words meant as a danger (bot/hazard.py, bot/hazard_words.py,
bot/figure_words.py): a hotel's non-smoking room (无烟房), a street (烟袋斜街), a pipe (烟斗), a
temple (火神庙), someone who cannot get up early for an appointment (起不来,改约) or one cry of
救命 beside an errand are no emergency (a traveller asking for a non-smoking room got the
fire number); a fire, smoke, someone fallen or trapped said now stay one."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.priority import emergency_words
from bot.rules import Rules

NONE = [
    "有无烟房的5分酒店吗？",
    "你好，请给我推荐一家评分4分以上有无烟房服务设施的酒店住宿。",
    "这家酒店有中式餐厅吗？有无烟房吗？",
    "我打算去烟袋斜街转一圈，这里游玩时间是多少？",
    "烟袋斜街里有好吃的吗",
    "我想给我爸买个烟斗，哪里有卖",
    "火神庙里面有什么好玩的",
    "火神庙在哪里，门票多少钱",
    "我妈早上起不来，想改约到下午",
    "我老公早上起不来，预约能改到下午吗",
    "救命，我的护照过期了，怎么续签？",
    "我的身份证丢了,救命!",
    # a call, a claim, a swim: no one hit, hurt or in the water
    "打我电话",
    "他打我电话没人接",
    "你打我手机吧",
    "她打我好几次电话",
    "他打我们小区热线",
    "他打我们的客服电话",
    "我被他打电话吵醒",
    "车祸理赔怎么办",
    "去年出车祸受伤了,现在能申请补助吗",
    "追尾了,没人受伤",
    "跳河里游泳的地方在哪",
    "跳水馆几点开门",
]

DANGERS = [
    ("我家着火了", "fire"),
    ("楼道里有烟,很呛", "smoke"),
    ("隔壁冒烟了", "smoke"),
    ("酒店房间里有烟味,好像着火了", "fire"),
    ("老人在家摔倒了起不来", "fallen"),
    ("我爸起不来了,叫他也不答应", "person"),
    ("救命!救命!我被困在电梯里了", "trapped"),
    ("救命!", "plea"),
    ("救命啊,快来人", "plea"),
    ("火神庙旁边的房子着火了", "fire"),
    ("救命,快来人,我的身份证丢了", "plea"),
    ("救命！救命！我被困在电梯里了", "trapped"),
    ("昨天就闻到煤气味，现在还有", "gas"),
    # full-width punctuation ends a clause: the errand or the past is another clause's
    ("我想问下燃气费怎么交，厨房里全是烟", "smoke"),
    ("去年装修过，现在厨房着火了", "fire"),
    ("物业费多少钱？楼道里有好多烟", "smoke"),
    ("我老公打我", "violence"),
    ("我爸又在打我妈", "violence"),
    ("我老公又打我了,我好怕", "violence"),
    ("邻居家老公在打老婆", "violence"),
    ("我被老公打了", "violence"),
    ("我爸打我哥", "violence"),
    ("车祸了,有人受伤流了很多血", "accident"),
    ("出车祸了,有人受伤了", "accident"),
    ("前面追尾了,有人流血", "accident"),
    ("我妈被车撞了", "accident"),
    ("有人跳河了", "water"),
    ("有人跳河了", "suicide"),
    ("想跳河", "suicide"),
    ("有个女的跳进河里了", "water"),
    ("他快不行了", "person"),
    ("刚才有人抢了我的手机", "robbery"),
]


@pytest.mark.parametrize("text", NONE)
def test_an_ordinary_question_is_no_danger(rules: Rules, text: str) -> None:
    assert hazard.dangers(text) == []
    assert emergency_words(rules, text) == []


@pytest.mark.parametrize(("text", "kind"), DANGERS)
def test_a_danger_said_now_is_still_one(rules: Rules, text: str, kind: str) -> None:
    assert kind in hazard.kinds(text)
    assert emergency_words(rules, text)


# Whose collapse, as in English (tests/bot/test_english_danger_words.py `WHOSE`): Chinese has a
# word of its own for each (塌, 倒塌 a structure's; 晕倒, 昏倒 a person's), so neither tells both.
WHOSE = [
    ("厨房的天花板塌了", "collapse"),
    ("围墙倒了", "collapse"),
    ("桥塌了", "collapse"),
    ("我奶奶突然晕倒了", "person"),
    ("我老公昏倒在厨房里", "person"),
    ("老人摔倒了起不来", "fallen"),
    ("公司倒闭了", None),
    ("我睡着了起不来,想改约", None),
]


@pytest.mark.parametrize(("text", "kind"), WHOSE)
def test_a_collapse_tells_whose(text: str, kind: str | None) -> None:
    assert hazard.kinds(text) & {"collapse", "person", "fallen"} == ({kind} if kind else set())
