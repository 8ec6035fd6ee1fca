"""The ticket numbers a caption names (bot/intake/beside_follow.py): a caption naming a
ticket in hand points at it, whatever answer came just before."""

from __future__ import annotations

import pytest

from bot.intake.beside_follow import numbers_named


@pytest.mark.parametrize(
    ("caption", "numbers"),
    [
        ("工单 #1 要的租赁合同", {1}),
        ("工单1的材料", {1}),
        ("3号工单的照片", {3}),
        ("The lease for ticket #1", {1}),
        ("for ticket 12, the receipt", {12}),
        ("#７ 的发票", {7}),
        ("这是发票和坏掉的水壶", set()),
        ("Here is the receipt, paid 1234 yuan", set()),
        ("和平路12号3单元", set()),
    ],
)
def test_numbers_named(caption: str, numbers: set[int]) -> None:
    assert numbers_named(caption) == numbers
