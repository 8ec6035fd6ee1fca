"""Which turns of the first inquiry an emergency's ticket holds (bot/intake/emergency_turns.py)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.intake.emergency_turns import of_it, own_turns
from bot.intake.inquiry import Turn

AT = "2026-11-30T01:00:00+00:00"
PLACES = (("阳光花园", "Sunshine Garden"),)
OBJECTS = (("电梯", "lift", "elevator"),)


def said(text: str) -> Turn:
    return {"by": "requester", "text": text, "at": AT}


def bot(did: str, *templates: str) -> Turn:
    turn: Turn = {"by": "bot", "did": did, "at": AT}
    if templates:
        turn["templates"] = list(templates)
    return turn


def lift_only(ids: Sequence[str]) -> bool:
    return "lift-stuck" in ids


def texts(turns: Sequence[Turn]) -> list[str]:
    return [t["text"] for t in turns if "text" in t]


def split(*turns: Turn) -> tuple[list[str], list[str]]:
    found = own_turns(turns, same_danger=lift_only, places=PLACES, objects=OBJECTS)
    return texts(found.kept), texts(found.aside)


LIFT = "救命!我们小区3号楼电梯里困了人"


def test_an_answered_question_and_small_talk_are_set_aside() -> None:
    assert split(
        said("社保卡丢了怎么补办"),
        bot("answer", "ss-card"),
        said("你好"),
        bot("clarify"),
        said(LIFT),
    ) == ([LIFT], ["社保卡丢了怎么补办", "你好"])


def test_another_matter_the_bot_offered_templates_for_is_set_aside() -> None:
    assert split(said("公积金"), bot("suggest", "fund-a", "fund-b"), said(LIFT)) == (
        [LIFT],
        ["公积金"],
    )


def test_a_place_said_before_it_stays_with_it() -> None:
    assert split(said("我在阳光花园3号楼"), bot("clarify"), said("电梯困人了")) == (
        ["我在阳光花园3号楼", "电梯困人了"],
        [],
    )


def test_the_same_thing_and_an_unplaced_matter_stay_with_it() -> None:
    assert split(said("电梯坏了"), bot("category"), said("有人困在里面")) == (
        ["电梯坏了", "有人困在里面"],
        [],
    )
    assert split(said("我家的燃气灶打不着火"), bot("category"), said("闻到一股煤气味")) == (
        ["我家的燃气灶打不着火", "闻到一股煤气味"],
        [],
    )


def test_an_answer_about_the_same_danger_keeps_its_question() -> None:
    assert split(said("电梯停了"), bot("answer", "lift-stuck"), said("有人困在电梯里")) == (
        ["电梯停了", "有人困在电梯里"],
        [],
    )


def test_the_emergency_alone_is_kept_alone() -> None:
    assert split(said(LIFT)) == ([LIFT], [])
    assert own_turns([], same_danger=lift_only).kept == []


def test_what_is_of_an_emergency() -> None:
    assert of_it("I'm at Sunshine Garden", "someone is trapped in the lift", places=PLACES)
    assert of_it("the lift is broken", "someone is stuck in it now", objects=OBJECTS) is False
    assert of_it("the lift is broken", "someone is trapped in the lift", objects=OBJECTS)
    assert not of_it("hello", "someone is trapped in the lift", places=PLACES, objects=OBJECTS)
    assert not of_it("社保卡丢了怎么补办", LIFT, places=PLACES, objects=OBJECTS)


def test_a_matter_the_emergency_speaks_of_stays_with_it() -> None:
    """Someone named before, spoken of as known: the words before are the emergency's."""
    assert split(said("邻居家一直在吵架"), bot("suggest", "noise"), said("他拿刀了!")) == (
        ["邻居家一直在吵架", "他拿刀了!"],
        [],
    )
    assert split(said("公积金"), bot("suggest", "fund"), said("其他人都被困在电梯里了")) == (
        ["其他人都被困在电梯里了"],
        ["公积金"],
    )
    found = own_turns(
        [said("my neighbours are shouting"), bot("suggest", "noise"), said("he has a knife")],
        same_danger=lift_only,
    )
    assert texts(found.kept) == ["my neighbours are shouting", "he has a knife"]
