"""Words after an answer that narrow the same matter, on the sample knowledge base
(`own_kind.narrows`, issue 14): "公积金" answered with the balance, "怎么提取" is more of
the housing fund; a question about another thing is a new matter."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.intake.own_kind import matter_said, narrows


@pytest.fixture
async def desk(settings: Settings, database_url: str) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.close()


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("earlier", "answered", "closest", "expected"),
    [
        ("公积金", "fund-balance", "fund-withdraw-rent", True),
        ("housing fund", "fund-balance", "fund-withdraw-rent", True),
        ("公积金", "fund-balance", "fund-loan", True),
        ("公积金", "fund-balance", "social-card-lost", False),
        ("公积金怎么提取", "fund-withdraw-rent", "social-card-lost", False),
        (
            "How do I pay my water and electricity bills?",
            "utility-bill-payment",
            "residence-permit",
            False,
        ),
        ("公积金", "fund-balance", "fund-balance", False),  # the same template: nothing new
        ("", "fund-balance", "fund-withdraw-rent", False),  # nothing said of the matter
    ],
)
async def test_words_narrow_the_answered_matter_only_when_it_is_the_same_topic(
    desk: Desk, earlier: str, answered: str, closest: str, expected: bool
) -> None:
    got = narrows(desk, earlier, answered=answered, closest=closest, language=None)
    assert got is expected


def test_the_matter_said_leaves_out_greetings_and_openers() -> None:
    turns = [
        {"by": "requester", "text": "你好"},
        {"by": "requester", "text": "我想问一下"},
        {"by": "bot", "did": "clarify"},
        {"by": "requester", "text": "公积金"},
    ]
    assert matter_said(turns) == "公积金"
    assert matter_said(turns[:2]) == ""
