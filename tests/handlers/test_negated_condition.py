""" "没买房可以取公积金吗" (not bought a home: can I withdraw my housing fund?) was answered with
the purchase withdrawal's answer, as if they had bought one; "I haven't bought a home, can I
take out my housing fund?" with the leaving withdrawal's. A condition the question says is
absent is no evidence for the template that requires it: they are not told that answer (they
are offered the housing-fund templates to choose from, or reach a person), while "买房可以取
公积金吗" still gets it. End to end over the emulation, in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "language"),
    [
        (REQUESTER, "没买房可以取公积金吗", "zh"),
        (ENGLISH, "I haven't bought a home, can I take out my housing fund?", "en"),
    ],
)
async def test_a_negated_condition_is_not_answered_as_if_met(
    running: tuple[Emulator, App], user: int, text: str, language: str
) -> None:
    emulator, application = running
    desk = application.bot_data.desk
    await emulator.world.user_sends(user, text)
    (reply,) = await bot_lines(emulator, user, 1)
    for template in ("fund-withdraw-purchase", "fund-withdraw-leaving"):
        assert desk.answer(template, language) not in reply.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_condition_stated_is_answered(running: tuple[Emulator, App]) -> None:
    emulator, application = running
    await emulator.world.user_sends(REQUESTER, "买房可以取公积金吗")
    (reply,) = await bot_lines(emulator, REQUESTER, 1)
    assert application.bot_data.desk.answer("fund-withdraw-purchase", "zh") in reply.text
