"""The desk's own premises named as where something happens (bot/premises.py)."""

from __future__ import annotations

import pytest

from bot.premises import named


@pytest.mark.parametrize(
    "words",
    [
        "A man just collapsed in the lobby of your service centre and he is not breathing",
        "someone fainted at your office",
        "你们服务中心大厅有个人突然倒地",
        "贵中心门口有人晕倒了",
        "政务服务中心二楼有人昏迷",
        "办事大厅里有人倒地不起",
    ],
)
def test_the_desks_own_premises(words: str) -> None:
    assert named(words)


@pytest.mark.parametrize(
    "words",
    [
        "有人晕倒了,没有呼吸了",
        "小区物业服务中心门口有人晕倒",
        "I work at the service centre",
        "someone collapsed in the lobby",
    ],
)
def test_not_the_desks_premises(words: str) -> None:
    assert not named(words)
