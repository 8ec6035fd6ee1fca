"""A place said alone ("我家楼下", "outside my building") says where, not what: read as an
opener, asked what the matter is; a spot leading the matter is no part of it for the search
(issue 14: "我家楼下" then "路灯坏了三天了" got no answer)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.intake.place_only import only_place, without_spot
from bot.intake.small_words import is_opening


@pytest.mark.parametrize(
    "text",
    [
        "我家楼下",
        "我家楼下,",
        "小区门口",
        "在单位对面",
        "幸福路23号",
        "在幸福路23号",
        "幸福里3号楼",
        "building 3",
        "Room 302",
        "outside my building",
        "in front of my house",
        "downstairs",
        "I live at 23 Xingfu Road",
        # a spot beside the address: where too (it was searched as "门口", and answered by
        # the parking complaint's template once the sample base grew, issue 14)
        "幸福路23号门口",
        "幸福里3号楼楼下",
        "No. 23 Xingfu Road, outside",
    ],
)
def test_a_place_alone_says_where_not_what(text: str) -> None:
    assert only_place(text)
    assert is_opening(text)  # asked what the matter is, as after "我想咨询一下"


@pytest.mark.parametrize(
    "text",
    [
        "我家楼下路灯坏了三天了",
        "幸福路23号路灯坏了",
        "幸福路23号门口路灯坏了",
        "路灯坏了",
        "我们小区",  # names no place
        "我家",
        "医保卡",
        "the street light is broken",
        "building 3 has no power",
        "",
    ],
)
def test_a_place_with_a_matter_or_no_place_is_not_a_place_alone(text: str) -> None:
    assert not only_place(text)


@pytest.mark.parametrize(
    ("text", "matter"),
    [
        ("我家楼下路灯坏了三天了", "路灯坏了三天了"),
        ("小区门口的井盖丢了", "井盖丢了"),
        ("我家楼下,路灯坏了", "路灯坏了"),
        ("路灯坏了", "路灯坏了"),
        ("我家楼下", "我家楼下"),  # nothing else: the text itself
    ],
)
def test_the_spot_leading_a_matter_is_left_out_of_the_search(text: str, matter: str) -> None:
    assert without_spot(text) == matter


@given(st.sampled_from(["我家", "小区", "单位", ""]), st.sampled_from(["楼下", "门口", "对面"]))
def test_a_spot_alone_is_a_place_and_leaves_itself(near: str, spot: str) -> None:
    text = near + spot
    assert only_place(text)
    assert without_spot(text) == text
