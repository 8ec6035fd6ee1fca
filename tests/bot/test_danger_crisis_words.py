"""Words of someone about to take their own life, or pleading as a threat comes back, heard
as a danger in either language (bot/hazard_people.py, bot/crisis_words.py): a tester's first
message "I have the pills in my hand" got an ordinary answer, as did "I want to end it all",
"I can't go on anymore" and "he is coming back now, please help" (a plea typed without an
exclamation mark). Their like for something else stays ordinary: pills held to ask about
them, a contract ended, help asked with a passport, and a car hit by someone (a scrape, no
one hurt: nothing fell on it)."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.priority import emergency_words
from bot.rules import Rules

SUICIDE = [
    # the means in hand
    "I have the pills in my hand",
    "I've got all the pills in my hand now",
    "the pills are in my hand",
    "I'm holding a bottle of sleeping pills",
    "药已经在我手里了",
    "我手里拿着一瓶安眠药",
    "安眠药都攥在我手里了",
    # the means beside a wish to be done with it
    "I have a knife in my hand and I can't take it anymore",
    "I have a rope, I can't do this anymore",
    "我手里拿着刀,我撑不下去了",
    "绳子已经准备好了,我撑不下去了",
    # the wish itself
    "I want to end it all",
    "I want to end it.",
    "I'm going to end it all tonight",
    "I can't go on anymore",
    "I cannot go on any longer",
    "I want to die",
    "I don't want to live anymore",
    "我想结束这一切",
    "我想结束自己的生命",
    "我真的活不下去了",
    "我想死",
]

PLEA = [
    "he is coming back now, please help",
    "please help me, he's coming back",
    "He's back again. Please help",
    "he is outside my door, please help us",
    "他又回来了,救救我",
    "他又回来了,帮帮我",
    "他在砸门,帮帮我们",
]

NONE = [
    "please help me with my passport",
    "please help",  # alone, unshouted: what a requester types to start
    "I lost my card, please help",
    "my husband is coming back tomorrow, please help me change the appointment",
    "he is coming back to pick up his parcel, please help me find it",
    "我老公明天回来,帮帮我改一下预约",
    "he hit my car",
    "He hit my car in the car park, who pays?",
    "someone hit my car while it was parked",
    "a van dented my car",
    # a knife, an ending that are an errand's
    "my gym contract renews next month and I want to end it",
    "I want to end it, how do I cancel my subscription?",
    "I can't go on waiting like this, when will the lift be fixed?",
    "I have a knife in my hand, how do I sharpen it?",
    "我手里拿着药方,在哪里报销",
    "我手里拿着药,可以上飞机吗",
    "我想死你了",
    "今天加班累得想死",
    "这个店撑不下去了",
]


@pytest.mark.parametrize("text", SUICIDE)
def test_the_means_or_the_wish_to_die_is_a_suicide_risk(rules: Rules, text: str) -> None:
    assert "suicide" in hazard.kinds(text), hazard.dangers(text)
    assert emergency_words(rules, text)


@pytest.mark.parametrize("text", PLEA)
def test_a_plea_as_a_threat_comes_back_is_one_unshouted(rules: Rules, text: str) -> None:
    assert "plea" in hazard.kinds(text), hazard.dangers(text)
    assert emergency_words(rules, text)


@pytest.mark.parametrize("text", NONE)
def test_their_like_for_something_else_is_no_danger(rules: Rules, text: str) -> None:
    assert hazard.dangers(text) == []
    assert emergency_words(rules, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "a tile fell and hit my car",
        "Tiles keep falling off the wall of building 5, one smashed a car",
        "something fell from the balcony and smashed the car below",
        "高空坠物砸坏了车",
    ],
)
def test_a_car_hit_by_what_fell_is_still_a_falling_hazard(text: str) -> None:
    assert hazard.kinds(text) & {"falling", "collapse"}, hazard.dangers(text)
