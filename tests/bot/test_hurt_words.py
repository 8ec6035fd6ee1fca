"""Someone hurt, heard as what was said (bot/hurt_words.py): pills or a battery swallowed,
fallen and cannot get up, bitten and bleeding, each its own kind and the ambulance (120)
first, not someone unconscious; a dog bitten, a bite feared or asked about, a lie-in are
none."""

from __future__ import annotations

import pytest

from bot import hazard
from bot.config import Settings
from bot.intake import emergency

HEARD = [
    ("孩子误吞了电池", "swallowed"),
    ("my baby swallowed a battery", "swallowed"),
    ("我家老人摔倒了起不来", "fallen"),
    ("My grandmother fell and can't get up", "fallen"),
    ("我妈起不来了", "fallen"),
    ("我被狗咬了,流血了", "bitten"),
    ("孩子刚被邻居家的狗咬伤了,腿上一直在流血", "bitten"),
    ("I was bitten by a dog and I'm bleeding", "bitten"),
    ("I got bitten by my neighbour's dog, there is blood everywhere", "bitten"),
    ("A dog just bit my daughter, her arm is bleeding", "bitten"),
]
NONE = [
    "我家狗被咬了",
    "我家狗被邻居的狗咬了,流血了",
    "小区流浪狗很多,怕被咬",
    "狗咬人怎么投诉",
    "上周被狗咬伤了",
    "My dog was bitten by another dog and is bleeding",
    "There are many stray dogs in our estate, I'm afraid of being bitten",
    "How do I complain about a dog that bites people?",
    "I was bitten by a dog last week and it was bleeding, how do I complain",
    "孩子早上起不来",
    "my son can't get up for school",
]


@pytest.mark.parametrize(("text", "kind"), HEARD)
def test_someone_hurt_is_heard_as_said_and_told_the_ambulance(
    settings: Settings, text: str, kind: str
) -> None:
    kinds = emergency.kinds_told(text)
    assert kinds == (kind,), hazard.dangers(text)
    told = [n["number"] for n in emergency.numbers(settings, "en", kinds)]
    assert told[0] == "120", told


@pytest.mark.parametrize("text", NONE)
def test_a_pet_bitten_a_bite_feared_or_asked_about_is_none(text: str) -> None:
    assert hazard.dangers(text) == []


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("我被狗咬了,流血不止", {"bitten"}),
        ("My son was bitten by a stray dog and is bleeding heavily", {"bitten"}),
        ("我被狗咬了,流血不止,现在昏迷了", {"bitten", "person"}),
        (
            "I was bitten by a dog, I am bleeding heavily and he is unconscious",
            {"bitten", "person"},
        ),
        ("my dad is bleeding heavily", {"person"}),
    ],
)
def test_a_bites_bleeding_is_no_one_unconscious(text: str, kinds: set[str]) -> None:
    """Heavy bleeding beside a bite is the bite's; someone unconscious told too is kept."""
    assert hazard.kinds(text) == kinds, hazard.dangers(text)
