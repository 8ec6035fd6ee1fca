"""Part of an address (bot/address.py): an estate or a road named alone is noted as said and,
when the template's item lists a building among the parts it needs, the building is still
asked for; a house number, building, unit or room makes the address whole."""

from __future__ import annotations

import pytest

from bot import details
from bot.address import needs_building, part_named, split


@pytest.mark.parametrize(
    ("words", "place"),
    [
        ("幸福里小区从早上开始就没水了", "幸福里小区"),
        ("No water in Xingfu Estate since this morning", "Xingfu Estate"),
        ("我家住在锦绣花园,停电了", "锦绣花园"),
        ("幸福里5号楼3单元停水了", None),
        ("No water in Xingfuli building 5 unit 3", None),
        ("幸福路23号门口路灯坏了", None),
        ("停水了", None),
        # a day is no house number: the estate alone is named ("3月5号" was read "no 5")
        ("从3月5号开始幸福里小区就没水了", "幸福里小区"),
        ("幸福里小区5号开始就停水了", "幸福里小区"),
        ("上周三开始幸福里小区一直没水", "幸福里小区"),
        ("Xingfuli community has had no water since March 5th", "Xingfuli community"),
        ("No water in Xingfuli estate since 5 March", "Xingfuli estate"),
        ("幸福里5号开始停水了", None),  # after the estate's name, 5号 is its house number
    ],
)
def test_a_place_named_without_its_building(words: str, place: str | None) -> None:
    assert part_named(words) == place


@pytest.mark.parametrize(
    ("item", "needed"),
    [
        ("详细地址(小区、楼栋)", True),
        ("the exact address (estate and building)", True),
        ("the exact address (estate, building, flat)", True),
        ("路灯的具体位置(街道、门牌号或附近地标)", False),  # any one of them will do
        ("where the light is (street, number or a landmark)", False),
        ("详细地址", False),  # water quality: an area's matter, the estate is enough
        ("the exact address", False),
    ],
)
def test_which_items_need_a_building(item: str, needed: bool) -> None:
    assert needs_building(item) is needed


HAVE = {details.LOCATION, details.TIME}


def test_the_estate_is_noted_and_the_building_asked() -> None:
    items = ["详细地址(小区、楼栋)", "停水开始的时间", "邻居是否同样停水"]
    assert split(items, HAVE, "幸福里小区") == (
        ["详细地址(楼栋)", "邻居是否同样停水"],
        ["小区:幸福里", "停水开始的时间"],
    )
    items = ["the exact address (estate and building)", "when the water stopped"]
    assert split(items, HAVE, "Xingfu Estate") == (
        ["the exact address (building)"],
        ["estate: Xingfu Estate", "when the water stopped"],
    )


def test_an_estate_named_in_english_in_lower_case_is_noted_as_the_estate() -> None:
    have = details.stated("Xingfuli community has had no water since March 5th")
    items = ["the exact address (estate and building)", "when the water stopped"]
    assert split(items, have, "Xingfuli community") == (
        ["the exact address (building)"],
        ["estate: Xingfuli community", "when the water stopped"],
    )


def test_an_item_the_estate_answers_is_noted_as_the_estate() -> None:
    assert split(["详细地址", "照片"], HAVE, "幸福里小区") == (["照片"], ["幸福里小区"])


def test_a_whole_address_is_the_item_received() -> None:
    items = ["详细地址(小区、楼栋)", "停水开始的时间"]
    assert split(items, HAVE, None) == ([], items)


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("3月5日起阳光花园停水", "阳光花园"),
        ("3月5日起幸福里小区停水了，到现在还没来", "幸福里小区"),
        ("从12月1号起幸福里小区就一直没水", "幸福里小区"),
    ],
)
def test_what_began_on_a_day_is_no_part_of_the_place(words: str, named: str) -> None:
    """A new-user trial was told "已收到您说的:小区:起阳光花园": 起 of "3月5日起" is the day's."""
    assert part_named(words) == named
