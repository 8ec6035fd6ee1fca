"""A supply cut told now beside a ticket whose words tell no cut of that supply
(`different_matter.cut_told`): a matter of its own, or asked about when it shares the
ticket's matter; none for a cut the ticket tells ("还是没水" beside the water cut's), or for
no cut told. On the sample knowledge base, both languages."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from bot.desk import Desk, build_desk
from bot.intake.different_matter import Differs, cut_told
from bot.models import Ticket

WAGES = ("公司拖欠我三个月工资", "complaint", "social_security")
WAGES_EN = ("My employer owes me three months of wages", "complaint", "social_security")
WATER_CUT = ("幸福里5号楼停水了", "fault_report", "utilities")
WATER_CUT_EN = ("No water in Xingfuli building 5", "fault_report", "utilities")
LEAK = ("我家水管漏水了,水一直往外冒", "fault_report", "utilities")


@pytest.fixture
async def desk(settings: Settings, database_url: str) -> AsyncIterator[Desk]:
    desk = await build_desk(settings, database_url)
    yield desk
    await desk.close()


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("ticket", "text", "expected"),
    [
        (WAGES, "幸福里小区从早上开始就没水了", Differs.APART),
        (WAGES_EN, "No water in Xingfuli since this morning", Differs.APART),
        (WATER_CUT, "整栋楼都停电了", Differs.APART),  # another supply
        (WATER_CUT_EN, "the power is out too", Differs.APART),
        (WATER_CUT, "还是没水", None),  # the ticket's own cut
        (WATER_CUT_EN, "still no water", None),
        (WAGES, "幸福里小区5号楼", None),  # an address alone: no cut told
        (WAGES, "明天停水吗", None),  # asked about, not told now
        (LEAK, "现在家里没水了", Differs.ASK),  # the leak's valve, or a cut? asked
    ],
)
async def test_a_cut_told_beside_a_ticket(
    desk: Desk, ticket: tuple[str, str, str], text: str, expected: Differs | None
) -> None:
    question, category, department = ticket
    held = Ticket(question=question, category=category, department_key=department, inquiry=None)
    assert cut_told(desk, held, text) is expected
