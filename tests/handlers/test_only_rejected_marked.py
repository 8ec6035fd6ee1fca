"""Only the offers the requester rejected read as rejected in /ticket N and on the card (issue
14): one of the options picked, then its answer rejected (*Not solved, to a person*), the
answer is marked, not the options they picked from."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_said, until
from tests.handlers.test_ticket_view import (
    SIDEWALK,
    UTILITIES_GROUP,
    UTILITIES_OFFICER,
    _card,
    _opened,
    _record,
    settings,
)

App = Application  # type: ignore[type-arg]
__all__ = ["settings"]  # the fixture: the staff's language as the test says

OFFERED = {
    "zh": (
        "· 机器人提供选项:有车堵在我家门口怎么办",
        "(诉求人否定了这些选项)",
        "诉求人表示没有解决",
    ),
    "en": (
        "· Bot offered: A car is blocking my gate",
        "(the requester rejected these)",
        "did not solve it",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_options_picked_from_are_not_rejected_with_the_answer(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    await world.user_sends(REQUESTER, SIDEWALK)
    await until(lambda: len(bot_said(world, REQUESTER)) == 1)
    (offered,) = bot_said(world, REQUESTER)
    await world.user_presses(REQUESTER, REQUESTER, offered.message_id, "kb:parking-complaint")
    await until(lambda: len(bot_said(world, REQUESTER)) >= 2)
    answer = bot_said(world, REQUESTER)[-1]
    await world.user_presses(REQUESTER, REQUESTER, answer.message_id, "human")
    ticket = await _opened(emulator, application)
    options, rejected_options, answer_rejected = OFFERED[language]
    record = await _record(emulator, UTILITIES_OFFICER, UTILITIES_GROUP, 1)
    for shown in (record, _card(emulator, ticket)):
        line = next(x for x in shown.split("\n") if options in x)
        assert rejected_options not in line, shown
        assert answer_rejected in shown, shown
