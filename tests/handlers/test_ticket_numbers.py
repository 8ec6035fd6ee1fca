"""Staff commands that take a ticket number, given one no ticket has or a word that is no
number (a tester's `/ticket 999` and `/ticket abc` got the usage alone): said plainly, with
the usage, in the staff's language (config `languages.default`). End to end over the
emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, bot_lines, staff_speaking

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190

# Each command with a number no ticket has, and with a word that is no number; who sends it.
COMMANDS = [
    (OFFICER, "/ticket {}", "/ticket N"),
    (SUPERVISOR, "/assign {} G-0102", "/assign N"),
    (OFFICER, "/priority {} urgent", "/priority [N]"),
    (OFFICER, "/propose {}", "/propose [N]"),
    (OFFICER, "/return {} 不归我们管", "/return"),
    (SUPERVISOR, "/template_from {}", "/template_from N"),
]
SAID = {
    "zh": ("找不到工单 #{}。", "“{}”不是工单号", "用法:"),
    "en": ("There is no ticket #{}.", '"{}" is not a ticket number', "Usage: "),
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_no_such_ticket_and_no_number_are_said_plainly(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")  # ticket #1 exists: 999 does not
    said = len(await bot_lines(emulator, GENERAL_GROUP, 1))
    missing, no_number, usage = SAID[settings.languages.default]
    for who, command, shown in COMMANDS:
        for word, expected in (
            ("999", missing.format(999)),
            ("#999", missing.format(999)),
            ("abc", no_number.format("abc")),
        ):
            await world.user_sends(who, command.format(word), GENERAL_GROUP)
            said += 1
            answer = (await bot_lines(emulator, GENERAL_GROUP, said))[-1].text
            assert answer.startswith(expected), (command, word, answer)
            assert f"{usage}{shown}" in answer, (command, word, answer)
    # Past any ticket number the database can hold: no such ticket either (no crash).
    await world.user_sends(OFFICER, "/ticket 99999999999999", GENERAL_GROUP)
    answer = (await bot_lines(emulator, GENERAL_GROUP, said + 1))[-1].text
    assert answer.startswith(missing.format(99999999999999))
