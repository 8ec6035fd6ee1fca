"""Words right after an answer that tell a matter of another kind needing a person
(`own_kind.tells_other_kind_after`, issue 14), on the sample knowledge base: a noise complaint
after the social security card's or the housing fund's answer is a new matter; a complaint
about the answered matter or its handling, or "not solved", is not."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.intake import inquiry
from bot.intake.own_kind import tells_other_kind_after

AT = datetime(2026, 11, 30, 1, tzinfo=UTC)


@pytest.fixture
async def desk(settings: Settings, database_url: str) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.close()


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("asked", "answered", "text", "expected"),
    [
        (
            "社保卡丢了怎么补办",
            "social-card-lost",
            "我家楼上每天晚上装修到12点,吵得孩子没法睡觉,物业也不管,我要投诉",
            True,
        ),
        ("公积金怎么提取", "fund-withdraw-rent", "楼下KTV每天吵到凌晨两点,严重扰民", True),
        (
            "How do I withdraw my housing provident fund?",
            "fund-withdraw-rent",
            "The neighbours' KTV is loud every night, I want to complain",
            True,
        ),
        ("社保卡丢了怎么补办", "social-card-lost", "社保卡补办太慢了,我要投诉", False),
        ("社保卡丢了怎么补办", "social-card-lost", "你们这个答复没用,我要投诉", False),
        ("社保卡丢了怎么补办", "social-card-lost", "还是没解决,我要投诉", False),
        ("社保卡丢了怎么补办", "social-card-lost", "补办要多久", False),  # no kind told
    ],
)
async def test_another_kind_after_an_answer(
    desk: Desk, asked: str, answered: str, text: str, expected: bool
) -> None:
    turns = [inquiry.said(asked, AT), inquiry.bot_did("answer", AT, templates=[answered])]
    assert tells_other_kind_after(desk, text, answered, turns) is expected
