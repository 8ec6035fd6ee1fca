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
    ("我被蛇咬了", "snake"),
    ("孩子被蛇咬了,腿肿了", "snake"),
    ("我被蛇咬了,流血了", "snake"),
    ("I was bitten by a snake", "snake"),
    ("my son got bitten by a snake and his leg is swelling", "snake"),
    ("A snake just bit my daughter", "snake"),
    ("他流了很多血", "bleeding"),
    ("he is bleeding heavily", "bleeding"),
    ("a man is bleeding a lot on the pavement", "bleeding"),
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
    "我家狗被蛇咬了",
    "我家的狗刚被蛇咬了",
    "小区里有蛇,怕被咬",
    "去年被蛇咬过",
    "My dog was bitten by a snake",
    "How do I treat a snake bite?",
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
        ("我被蛇咬了,流血不止", {"snake"}),
        ("my dad is bleeding heavily", {"bleeding"}),
        ("他流了很多血,昏迷了", {"bleeding", "person"}),
    ],
)
def test_a_bites_bleeding_is_no_one_unconscious(text: str, kinds: set[str]) -> None:
    """Heavy bleeding beside a bite is the bite's; alone, it is someone bleeding heavily, no
    one unconscious; someone unconscious told too is kept."""
    assert hazard.kinds(text) == kinds, hazard.dangers(text)


@pytest.mark.parametrize(
    "text",
    [
        "我吞了半瓶安眠药",
        "我刚吃了一整瓶安眠药",
        "我把一整瓶安眠药都吃了",
        "I just swallowed half a bottle of sleeping pills",
        "I took all my pills",
    ],
)
def test_an_overdose_taken_is_swallowed_and_self_harm(settings: Settings, text: str) -> None:
    """The ambulance first, then the crisis line (a plan to take them all is self-harm
    alone: bot/crisis_words.py `OVERDOSE_PLAN`)."""
    kinds = emergency.kinds_told(text)
    assert kinds == ("swallowed", "suicide"), hazard.dangers(text)
    told = [n["number"] for n in emergency.numbers(settings, "en", kinds)]
    assert told[:2] == ["120", "12356"], told


@pytest.mark.parametrize(
    "text",
    [
        "孩子误吞了电池",
        "my baby swallowed a battery",
        "我儿子吞了半瓶安眠药",
        "my friend overdosed",
        "I took all my pills this morning as prescribed",
    ],
)
def test_a_swallowing_not_ones_own_overdose_is_no_self_harm(text: str) -> None:
    assert "suicide" not in hazard.kinds(text), hazard.dangers(text)


@pytest.mark.parametrize(
    "text",
    [
        "我没吃一整瓶安眠药",
        "我已经把药都吃了,还是不舒服",
        "I took all my pills yesterday",
        "I took all my meds today",
    ],
)
def test_an_overdose_denied_or_past_or_as_prescribed_is_none(text: str) -> None:
    """Not taken, taken yesterday, or the day's medicine taken."""
    assert hazard.dangers(text) == []
