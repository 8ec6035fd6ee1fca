"""An /incident update with nothing in it (a tester's `/incident 8 |` reached every requester
as "工单 #8 最新进展:|"): refused with the usage in the staff's language (config
`languages.default`), nobody told anything. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, bot_lines, staff_speaking

App = Application  # type: ignore[type-arg]
OFFICER = 100101
SAID = {
    "zh": ("内容不能为空。", "用法:/incident 事件编号"),
    "en": ("The text must not be empty.", "Usage: /incident <incident number>"),
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("empty", ["|", "   |   ", "| |"])
async def test_an_update_of_nothing_but_the_separator_is_refused_with_the_usage(
    running: tuple[Emulator, App], settings: Settings, empty: str
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(OFFICER, f"/incident 8 {empty}", GENERAL_GROUP)
    (said,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    refused, usage = SAID[settings.languages.default]
    assert refused in said.text and usage in said.text
