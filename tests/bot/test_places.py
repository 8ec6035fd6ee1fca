"""Where a report says its matter is, for a surge (bot/places.py): roads and estates by their
whole names, in Chinese and English and by config `surge.places`, and numbered spots the same
in either language."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.places import Where, at_one_place, where

GROUPS = (("幸福里", "xingfuli", "xingfu li"), ("幸福路", "xingfu road", "xingfu rd"))


def _where(text: str) -> Where:
    return where(unicodedata.normalize("NFKC", text).casefold(), GROUPS)


@pytest.mark.parametrize(
    ("text", "places", "spots"),
    [
        ("幸福路23号门口的路灯坏了", {"幸福路"}, {"no 23"}),
        # the whole name before the road's word, without the words leading to it
        ("我家住在人民幸福路23号,门口的路灯坏了", {"人民幸福路"}, {"no 23"}),
        ("解放西路12号对面的路灯一直不亮", {"解放西路"}, {"no 12"}),
        ("幸福路和建设路交叉口的红绿灯坏了", {"幸福路", "建设路"}, set()),
        ("在和平路5号", {"和平路"}, {"no 5"}),
        ("您好,请问幸福路的路灯归谁管", {"幸福路"}, set()),
        # estates; 里 ends one before its building's number, or when configured
        ("幸福里3号楼停电了", {"幸福里"}, {"building 3"}),
        ("我住在幸福里,整个小区都停电了", {"幸福里"}, set()),
        ("幸福里小区停电了", {"幸福里"}, set()),
        # who is speaking leads to it ("我是幸福里5号楼的" was a place "我是幸福里")
        ("我是幸福里5号楼的,家里停水了", {"幸福里"}, {"building 5"}),
        ("我是和平小区的,停电了", {"和平小区"}, set()),
        ("和平小区2号楼2单元停电了", {"和平小区"}, {"building 2", "unit 2"}),
        ("锦绣花园5栋停水", {"锦绣花园"}, {"building 5"}),
        ("安乐里12号停电了", {"安乐里"}, {"no 12"}),
        # no place named: a generic estate, "inside", another's longer name, a street light
        ("我们小区停水了", set(), set()),
        ("家里停水了,楼里也没水", set(), set()),
        ("人民幸福里停电了", set(), set()),
        ("门口的路灯坏了", set(), set()),
        ("马路上的井盖丢了", set(), set()),
        ("找街道办没人管", set(), set()),
        # English, and a configured group's names in either language
        ("Xingfuli building 3 is dark", {"幸福里"}, {"building 3"}),
        ("Xingfu Li has had no power since 8pm", {"幸福里"}, set()),
        (
            "The light outside No. 23 Xingfu Road is out, pole LD-0457",
            {"幸福路"},
            {"no 23", "ld-0457"},
        ),
        ("The drain on Park Rd is blocked", {"park road"}, set()),
        ("No power at Heping Estate block 2", {"heping estate"}, {"building 2"}),
        ("The street light is out", set(), set()),
    ],
)
def test_places_and_spots_named(text: str, places: set[str], spots: set[str]) -> None:
    assert _where(text) == Where(frozenset(places), frozenset(spots))


def test_a_building_is_one_spot_in_either_language() -> None:
    assert _where("幸福里3号楼停电了").spots == _where("Xingfuli Building 3 is dark").spots


@given(
    st.sampled_from(["幸福", "和平", "人民", "解放西", "建设", "锦绣"]),
    st.sampled_from(["路", "街", "大道", "小区", "花园", "新村"]),
    st.sampled_from(["", "我家住在", "在", "我家在", "昨晚", "今天我们", "住在", "我家门口的"]),
    st.sampled_from(["停电了", "23号路灯坏了", "3号楼停水了", ",井盖丢了"]),
)
def test_words_leading_to_a_name_are_no_part_of_it(
    name: str, end: str, lead: str, rest: str
) -> None:
    assert name + end in _where(f"{lead}{name}{end}{rest}").places


marks = st.frozensets(st.sampled_from(["幸福里", "和平小区", "幸福路", "建设路"]), max_size=2)


@given(marks, st.lists(marks, max_size=8))
def test_those_at_one_place_share_one_place(
    mine: frozenset[str], others: list[frozenset[str]]
) -> None:
    chosen = at_one_place(mine, others)
    named = [others[n] for n in chosen if others[n]] + ([mine] if mine else [])
    assert all(a & b for a in named for b in named)
    # a report naming no place and one naming a place are never guessed to be one event
    assert all(bool(others[n]) == bool(mine) for n in chosen)
    if not mine:
        assert chosen == [n for n, places in enumerate(others) if not places]


def test_a_report_naming_no_place_joins_only_those_naming_none() -> None:
    xingfuli, heping = frozenset({"幸福里"}), frozenset({"和平小区"})
    assert at_one_place(frozenset(), [xingfuli, frozenset(), xingfuli]) == [1]
    assert at_one_place(frozenset(), [xingfuli, heping, frozenset()]) == [2]
    assert at_one_place(heping, [xingfuli, heping, frozenset()]) == [1]
