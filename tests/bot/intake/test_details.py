"""The details a template asks for, and those the requester's words already give (issue 14:
the street light's place said in the report is not asked for again)."""

from __future__ import annotations

import pytest

from bot.details import LOCATION, NUMBER, PHONE, PHOTO, given, kind_of, matter_of, split

ZH = ["路灯的具体位置(街道、门牌号或附近地标)", "现场照片", "灯杆编号"]
EN = ["where the light is (street, number or a landmark)", "a photo", "the pole number"]


def test_what_each_item_asks_for() -> None:
    assert [kind_of(item) for item in ZH] == [LOCATION, PHOTO, NUMBER]
    assert [kind_of(item) for item in EN] == [LOCATION, PHOTO, NUMBER]
    assert kind_of("a phone number to reach you") == PHONE
    assert kind_of("能联系到您的电话") == PHONE
    assert kind_of("停水开始的时间") is None


@pytest.mark.parametrize(
    ("words", "kinds"),
    [
        ("幸福路23号门口路灯坏了", {LOCATION}),
        ("幸福路23号门口的路灯坏了,灯杆编号LD-0457,电话13800138000", {LOCATION, NUMBER, PHONE}),
        ("the street light outside No. 23 Xingfu Road is broken", {LOCATION}),
        ("No water at all in Xingfu Road estate since this morning", {LOCATION}),
        ("my flat is in building 5", {LOCATION}),
        ("the street light is broken", set()),
        ("我家门口的路灯坏了三天了,谁来修?", set()),
        ("I need the number of the office", set()),
    ],
)
def test_what_the_words_give(words: str, kinds: set[str]) -> None:
    assert given(words) == kinds


def test_only_what_is_not_given_is_asked_for() -> None:
    assert split(ZH, {LOCATION}) == (ZH[1:], ZH[:1])
    assert split(EN, set()) == (EN, [])
    assert split(EN, {LOCATION, NUMBER}) == (["a photo"], [EN[0], EN[2]])


def test_the_matter_is_searched_without_its_details() -> None:
    assert matter_of("幸福路23号门口路灯坏了") == "门口路灯坏了"
    assert "Xingfu" not in matter_of("the street light outside No. 23 Xingfu Road is broken")
    assert matter_of("13800138000") == "13800138000"  # nothing else: the text itself
