"""Words right after a "did you mean" that start a new matter, on the sample knowledge base
(`after_offer.anew_after_offer`): "公积金怎么提取" offered the housing fund's templates, then
"公司拖欠我三个月工资", answered surely with the wage arrears', is a matter of its own; words
of the housing fund ("租房提取公积金", "我在北京工作") stay its inquiry."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.intake.after_offer import anew_after_offer
from knowledge.matcher import Band

OFFERED = "fund-withdraw-rent,fund-withdraw-purchase,fund-withdraw-leaving"


@pytest.fixture
async def desk(settings: Settings, database_url: str) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.close()


def _closest(desk: Desk, text: str) -> tuple[str | None, Band]:
    matches = desk.matcher.search(text, None, limit=3)
    return (matches[0].template_id if matches else None), desk.matcher.band(matches)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公司拖欠我三个月工资", True),
        ("My employer owes me three months of wages", True),
        ("租房提取公积金需要什么材料", False),  # one of those offered
        ("Can I withdraw my housing fund to pay rent?", False),
        ("我在北京工作", False),  # details: nothing sure
        ("the rent one", False),
    ],
)
async def test_a_sure_answer_of_another_subject_starts_anew(
    desk: Desk, text: str, expected: bool
) -> None:
    closest, band = _closest(desk, text)
    assert anew_after_offer(desk, text, OFFERED, closest, band) is expected, (closest, band)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_nothing_offered_nothing_anew(desk: Desk) -> None:
    text = "公司拖欠我三个月工资"
    closest, band = _closest(desk, text)
    assert band is Band.ANSWER
    assert not anew_after_offer(desk, text, None, closest, band)
    assert not anew_after_offer(desk, text, closest, closest, band)  # the offered one itself
