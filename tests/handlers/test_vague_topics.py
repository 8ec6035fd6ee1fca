"""Issue 14 (a tester's report): a question of a bare topic ("公积金", "housing fund") was
answered with one of the topic's templates (the balance) chosen blind, while the withdrawals
come as close. A careful clerk asks which the requester means: the bot offers the templates
that come as close ("did you mean"); a bare topic with one template ("医保") is answered. End
to end over the emulation, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.intake.search import RIVAL_SHARE
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines

App = Application  # type: ignore[type-arg]


def _data(entry: Any) -> list[str]:
    return [b["callback_data"] for row in entry.buttons for b in row]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "topic"), [(REQUESTER, "公积金"), (ENGLISH, "housing fund")])
async def test_a_bare_topic_is_offered_its_templates_not_answered_with_one(
    running: tuple[Emulator, App], user: int, topic: str
) -> None:
    emulator, application = running
    desk = application.bot_data.desk
    matches = desk.matcher.search(topic, "zh" if user == REQUESTER else "en", limit=3)
    assert matches[1].score >= RIVAL_SHARE * matches[0].score  # the case: close rivals
    await emulator.world.user_sends(user, topic)
    (offered,) = await bot_lines(emulator, user, 1)
    options = [d for d in _data(offered) if d.startswith("kb:")]
    assert len(options) >= 2
    assert options[:2] == [f"kb:{m.template_id}" for m in matches[:2]]
    assert desk.answer(matches[0].template_id, "zh" if user == REQUESTER else "en") not in (
        offered.text
    )


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_bare_topic_of_one_template_is_answered(running: tuple[Emulator, App]) -> None:
    emulator, application = running
    desk = application.bot_data.desk
    await emulator.world.user_sends(REQUESTER, "医保")
    (answered,) = await bot_lines(emulator, REQUESTER, 1)
    assert desk.answer("medical-insurance-reimbursement", "zh") in answered.text
