"""Days a requester names (bot/day_words.py): never a house number nor a building, and the
day a matter began on, told going on since, no plan; a notice's day still is one."""

from __future__ import annotations

import pytest

from bot import details, faults
from bot.day_words import plan_read, since_blanked, undated
from bot.places import where


@pytest.mark.parametrize(
    ("words", "left"),
    [
        ("从3月5号开始幸福里小区就没水了", ["从", "幸福里小区就没水了"]),
        ("3月5日停水", ["停水"]),
        ("3.5号开始就没水了", ["就没水了"]),
        ("5号开始就没水了", ["就没水了"]),
        ("上周三开始一直没水", ["一直没水"]),
        ("3月5日起阳光花园停水", ["阳光花园停水"]),  # 起 is the day's, not the estate's
        ("no water since march 5th", ["no", "water", "since"]),
        ("no water since 5 march", ["no", "water", "since"]),
        ("no water since the 5th", ["no", "water", "since"]),
    ],
)
def test_a_day_is_blanked(words: str, left: list[str]) -> None:
    blanked = undated(words)
    assert len(blanked) == len(words)  # as long as it came: positions stay
    assert blanked.split() == left


@pytest.mark.parametrize(
    "words",
    ["幸福里5号楼停水", "3月5号楼", "幸福路23号门口", "幸福里5号开始停水了", "the 5th floor"],
)
def test_a_house_or_a_building_is_no_day(words: str) -> None:
    assert undated(words) == words


@pytest.mark.parametrize(
    ("words", "spots"),
    [
        ("从3月5号开始幸福里小区就没水了", set()),
        ("3.5号开始就没水了", set()),
        ("上周三开始幸福里小区一直没水", set()),
        ("幸福里5号楼3单元3月5号开始停水了", {"building 5", "unit 3"}),
        ("xingfuli building 5 has had no water since march 5th", {"building 5"}),
    ],
)
def test_a_day_is_no_spot(words: str, spots: set[str]) -> None:
    assert set(where(words).spots) == spots


@pytest.mark.parametrize(
    ("words", "now"),
    [
        ("从3月5号开始幸福里小区就没水了", True),
        ("上周三开始一直没水", True),
        ("上周三开始就没水了", True),  # 上周 is past, yet the cut goes on since
        ("3月5日以来停水", True),
        ("no water since march 5th", True),
        ("通知:3月5日起停水", False),  # a notice: nothing told begun
        ("从3月5号开始停水三天", False),
        ("3月5号停水", False),
        # a requester's: none left, or their place named (no notice's heading nor duration)
        ("碧桂园小区从5号开始没水", True),
        ("绿城小区3号楼从5号开始没水", True),
        ("3月5日起阳光花园停水", True),
        ("从12月1号起和平路18号就没水", True),
        ("通知:3月5日起阳光花园停水", False),
        ("从3月5号开始阳光花园停水三天", False),
    ],
)
def test_a_day_it_goes_on_since_is_no_plan(words: str, now: bool) -> None:
    assert bool(faults.cuts_now(words)) is now
    assert (since_blanked(words) == words) is not now


@pytest.mark.parametrize(
    "words",
    [
        "从3月5号开始幸福里小区就没水了",
        "3.5号开始就没水了",
        "5号开始就没水了",
        "Xingfuli community has had no water since March 5th",
        "No water in Xingfuli estate since 5 March",
        "water off since the 5th",
        # a day in figures after since or 从, in either order
        "Sunshine Garden estate has had no water since 3/5",
        "no water since 5.3",
        "阳光花园从3/5开始没水",
    ],
)
def test_the_day_it_began_is_given(words: str) -> None:
    assert details.TIME in details.stated(words)


@pytest.mark.parametrize(
    ("words", "left"),
    [
        ("解放路3号停电了", "解放路  停电了"),
        ("和平路18号一直没水", "和平路   一直没水"),
        ("碧桂园5号停水了", "碧桂园  停水了"),
        ("3月5号停水", "3月5号停水"),  # a notice's day stays to be read
        ("5号停水", "5号停水"),
    ],
)
def test_a_house_number_is_no_date_of_a_plan(words: str, left: str) -> None:
    assert plan_read(words) == left


@pytest.mark.parametrize("words", ["it took 3.5 hours", "version 3.5 is out", "3/5 of the bill"])
def test_figures_alone_are_no_day(words: str) -> None:
    assert undated(words) == words
