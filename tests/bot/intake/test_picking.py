"""An offered option named in words after "did you mean" (`bot.intake.picking`): what picks
which option, what picks none, and what is no pick but a question."""

from __future__ import annotations

import pytest

from bot.intake.picking import Pick, picked, picked_several


@pytest.mark.parametrize(
    ("typed", "index"),
    [
        ("1", 0),
        ("2", 1),
        ("３", 2),  # full width
        ("2.", 1),
        ("#2", 1),
        ("number 3", 2),
        ("No. 2", 1),
        ("option 2", 1),
        ("the first one", 0),
        ("The first one.", 0),
        ("the second", 1),
        ("second one please", 1),
        ("3rd", 2),
        ("the last one", 2),
        ("I choose the third", 2),
        ("I meant the second one", 1),
        ("第一个", 0),
        ("第2个", 1),
        ("第二个", 1),
        ("第 三 个", 2),
        ("第三条", 2),
        ("选第一个", 0),
        ("我要第二个", 1),
        ("最后一个", 2),
        ("2号", 1),
        ("选1", 0),
        ("第二个吧", 1),
    ],
)
def test_a_number_or_an_ordinal_picks_that_option(typed: str, index: int) -> None:
    assert picked(typed, 3) == Pick(index)


@pytest.mark.parametrize(
    "typed",
    [
        "none of these",
        "None of them.",
        "none",
        "neither",
        "not any of these",
        "it's none of these",
        "none of the above",
        "都不是",
        "以上都不是",
        "都不对",
        "一个都不是",
        "这些都不是",
        "都没有",
    ],
)
def test_none_of_these_picks_none(typed: str) -> None:
    assert picked(typed, 3) == Pick(None)


def test_the_last_one_is_the_last_offered_whatever_their_count() -> None:
    assert picked("the last one", 2) == Pick(1)
    assert picked("最后一个", 1) == Pick(0)


@pytest.mark.parametrize(
    "typed",
    [
        "the first one was about my card, but I lost my passport",
        "第一个不对,我的身份证丢了",
        "first ID card",
        "I need help",
        "2 bedrooms flat rent subsidy",
        "我想办第二代身份证",
        "no",
        "",
        "???",
    ],
)
def test_words_that_say_more_than_a_choice_are_no_pick(typed: str) -> None:
    assert picked(typed, 3) is None


def test_a_number_beyond_the_offers_or_no_offers_is_no_pick() -> None:
    assert picked("4", 3) is None
    assert picked("the third", 2) is None
    assert picked("第三个", 2) is None
    assert picked("1", 0) is None
    assert picked("none of these", 0) is None


@pytest.mark.parametrize(
    ("typed", "indexes"),
    [
        ("第二个和第三个", (1, 2)),
        ("第二和第三个", (1, 2)),
        ("1和3", (0, 2)),
        ("第一个、第二个", (0, 1)),
        ("我要第一个和第二个", (0, 1)),
        ("第三个,第一个。", (2, 0)),
        ("the second and the third", (1, 2)),
        ("1 and 3", (0, 2)),
        ("2, 3", (1, 2)),
        ("the first and second ones please", (0, 1)),
        ("both the first and the last", (0, 2)),
    ],
)
def test_several_options_named_at_once_are_each_picked(
    typed: str, indexes: tuple[int, ...]
) -> None:
    assert picked_several(typed, 3) == indexes


@pytest.mark.parametrize(
    "typed",
    ["第二个", "the second", "2和2", "2和5", "the first one and also my card", "户口和身份证"],
)
def test_one_option_or_words_that_say_more_are_not_several(typed: str) -> None:
    assert picked_several(typed, 3) is None


def test_several_need_several_offered() -> None:
    assert picked_several("1 and 2", 1) is None
