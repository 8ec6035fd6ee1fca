"""Emergencies phrased naturally (issue 14, a fresh tester's round): a danger told by a thing
and a sign about people said in clauses of their own is heard by its kind, not by one
phrase. A lift that broke down or stopped with someone inside it, or a lift named and
someone trapped ("电梯坏了,困人了!"), is someone trapped (the lift rescue line first); a
manhole or drain cover stolen or missing, or a pothole someone fell in, is a public-safety
hazard (`hole`) an earlier word does not end ("yesterday") until it is dealt with; a
vulnerable person at home without heating is urgent though no danger now. Words of the
same things that tell none stay ordinary."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import hazard, peril_needs
from bot.config import Settings
from bot.intake import emergency
from bot.priority import emergency_words, keyword_priority
from bot.rules import Rules

TRAPPED = [
    "电梯坏了,困人了!",
    "我妈在电梯里,电梯停在半空了",
    "电梯停了,我们被关在里面",
    "电梯卡在两层中间,里面有人",
    "3号楼电梯突然不动了,我女儿还在电梯里",
    "电梯故障,有个老人困在里面",
    "lift broke down with my kid inside",
    "The elevator stopped between floors and my mother is inside",
    "I am in the lift and it stopped",
    "the lift won't open, people are still inside",
    "Elevator broken down, someone is in there!",
    "电梯困人",
    "stuck in the lift",
]

HOLE = [
    "这是我家楼下的井盖,被人偷了,很危险",
    "小区门口的井盖没了,晚上看不见",
    "幸福路上井盖丢了",
    "路口有个下水道口敞开着",
    "昨天井盖被人偷了,到现在也没人管",
    "Pothole on Elm Street, a cyclist fell here yesterday",
    "there is an open manhole outside building 4",
    "The manhole cover on our street is missing",
    "a drain cover is missing outside the school",
    "Someone stole the manhole cover last night",
    "路上有个大坑,刚才有人骑车摔倒了",
]

COLD = [
    "暖气不热,家里有老人",
    "暖气不热…家里有老人",
    "家里暖气坏了,有个刚出生的宝宝",
    "我家没有暖气,老人卧床",
    "no heating and we have a newborn baby",
    "The heating is not working and my elderly mother lives with me",
    "Radiators are cold, my grandmother is 90",
]

ORDINARY = [
    "电梯坏了,好几天了",
    "电梯里的灯坏了",
    "电梯坏了,里面没人",
    "昨天电梯困人了",
    "如果电梯困人怎么办",
    "电梯年检什么时候做",
    "the lift is out of order, please fix it",
    "the lift has been broken since Monday",
    "can you give me a lift to the office",
    "井盖已经修好了",
    "去年井盖被偷了,已经换上了",
    "井盖上的字是什么意思",
    "the manhole cover was replaced yesterday, thanks",
    "there is a pothole on Elm Street",
    "When is the office open? I have a question about a manhole cover permit",
    "The drain cover outside is rattling, the shop is open till 9",
    "路上有个坑,能修一下吗",
    "我被坑了,钱被骗了",
    "暖气不热",
    "家里没有老人,暖气不热",
    "the heating is not working",
    "养老金怎么领,家里有老人",
]


@pytest.mark.parametrize("text", TRAPPED)
def test_someone_in_a_stopped_lift_is_trapped(rules: Rules, text: str) -> None:
    assert "trapped" in hazard.kinds(text), hazard.dangers(text)
    assert emergency_words(rules, text)
    assert keyword_priority(rules, text, "normal")[0] == "urgent"


@pytest.mark.parametrize("text", TRAPPED)
def test_the_lift_rescue_line_is_told_first(settings: Settings, text: str) -> None:
    told = emergency.numbers(settings, "zh", emergency.kinds_told(text))
    assert told[0]["number"] == "96333"


@pytest.mark.parametrize("text", HOLE)
def test_an_open_manhole_or_a_pothole_that_hurt_someone_is_a_hazard(
    rules: Rules, settings: Settings, text: str
) -> None:
    assert hazard.kinds(text) == {"hole"}, hazard.dangers(text)
    assert emergency_words(rules, text)
    assert keyword_priority(rules, text, "normal")[0] == "urgent"
    told = emergency.numbers(settings, "en", emergency.kinds_told(text))
    assert told[0]["number"] == "110"


@pytest.mark.parametrize("text", COLD)
def test_a_vulnerable_person_without_heating_is_urgent(rules: Rules, text: str) -> None:
    assert peril_needs.exposure(text)
    assert not emergency_words(rules, text)  # no danger now: no numbers
    assert keyword_priority(rules, text, "normal")[0] == "urgent"


@pytest.mark.parametrize("text", ORDINARY)
def test_the_same_things_telling_no_danger_are_ordinary(rules: Rules, text: str) -> None:
    assert not hazard.kinds(text), hazard.dangers(text)
    assert not peril_needs.exposure(text)
    assert keyword_priority(rules, text, "normal")[0] != "urgent"


@pytest.mark.parametrize(
    ("context", "own", "danger"),
    [
        ("【停电通知】12月3日8:00-18:00幸福小区停电。", "家里有人用制氧机,怎么办?", True),
        ("12月3日幸福小区计划停水", "我爸每周要透析,在家做的", True),
        (
            "Power cut notice: Xingfu Estate, 3 December 8:00-18:00",
            "my father is on oxygen",
            False,
        ),
        (
            "Power cut notice: Xingfu Estate, 3 December 8:00-18:00",
            "my dad uses a ventilator",
            True,
        ),
        ("Planned outage on Elm Street tomorrow 9-5", "We keep insulin in the fridge", True),
        ("这个停水会影响到3号楼吗", "我家有老人需要透析", False),  # only asked about
        ("【停电通知】12月3日幸福小区停电。", "我家是幸福小区的,几点来电?", False),
        ("社保卡怎么补办", "家里有人用制氧机", False),  # no cut at all
    ],
)
def test_a_cut_told_earlier_in_the_inquiry_makes_a_dependence_a_danger(
    rules: Rules, context: str, own: str, danger: bool
) -> None:
    read = peril_needs.in_context(own, f"{context}\n{own}")
    assert bool(emergency_words(rules, read)) is danger, read
    if danger:
        assert list(emergency.kinds_told(read)) == ["dependent"]
        assert keyword_priority(rules, read, "normal")[0] == "urgent"
    assert not emergency_words(rules, own)  # their words alone tell no cut


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_is_named_to_staff(lang: str) -> None:
    """The mark on a card names each kind (bot/templates/*/danger.j2 `named`), not the
    fallback "danger" for a kind it does not know."""
    source = (Path(__file__).parents[2] / "bot" / "templates" / lang / "danger.j2").read_text()
    named = next(line for line in source.splitlines() if line.startswith("{%- set named"))
    for kind in [k.key for k in hazard.ALL] + ["dependent"]:
        assert f'"{kind}":' in named, kind
