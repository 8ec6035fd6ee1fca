"""Issue 14: "水龙头出来的水是黄的", "brown water from the tap" were asked the water's colour or
smell, which they said. What a template asks the look or smell of (`details.APPEARANCE`: "水
的颜色或气味", "the colour or smell of the water") is not asked when the words say it, in any
template that asks it; nor when the noise was (整夜, all night)."""

from __future__ import annotations

import pytest

from bot import details

WATER_ZH = ["详细地址", "水的颜色或气味", "照片"]
WATER_EN = ["the exact address", "the colour or smell of the water", "a photo"]


@pytest.mark.parametrize(
    ("items", "text"),
    [
        (WATER_ZH, "水龙头出来的水是黄的"),
        (WATER_ZH, "水龙头出来的水是浑的"),
        (WATER_ZH, "自来水有股怪味"),
        (WATER_ZH, "自來水是黃的"),
        (WATER_EN, "brown water from the tap"),
        (WATER_EN, "my tap water is cloudy"),
        (WATER_EN, "the water smells of chlorine"),
    ],
)
def test_the_look_or_smell_said_is_not_asked(items: list[str], text: str) -> None:
    asked, given = details.split(items, details.stated(text))
    assert asked == [items[0], items[2]]
    assert given == [items[1]]


@pytest.mark.parametrize(
    "text",
    [
        "自来水有问题",
        "黄河路的自来水有问题",
        "红绿灯一直是黄灯",
        "the tap water is not right",
        "the traffic light is stuck on yellow",
    ],
)
def test_no_look_or_smell_said_is_none(text: str) -> None:
    assert details.APPEARANCE not in details.stated(text)


@pytest.mark.parametrize(
    ("item", "text"),
    [
        ("叫声出现的时段", "邻居家的狗整夜叫"),
        ("when it is heard", "A dog keeps barking all night"),
    ],
)
def test_all_night_says_when(item: str, text: str) -> None:
    assert details.split([item], details.stated(text)) == ([], [item])
