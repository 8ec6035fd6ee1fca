"""Staff's /help in private says what works where for them (a fresh tester: 孙伟's /help got
the requester's help, though his plain words there are answered as staff's): officers the
commands of private and of their department's group, supervisors and management theirs too;
a command that does not exist is said so, with the same help. In the staff's language
(config `languages.default`). End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import bot_lines, bot_said, staff_speaking

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR, MANAGER = 100301, 100190, 900001  # 孙伟, 张主任, 钱局长
# The staff's help (its opening), the requester's, and no such command.
SAID = {
    "zh": ("您是本中心的工作人员", "我能做的", "没有 /foo 这个指令", "紧急"),
    "en": ("You are staff here", "What I can do", "There is no /foo command", "High"),
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _answer(emulator: Emulator, who: int, text: str) -> str:
    before = len(bot_said(emulator.world, who))
    await emulator.world.user_sends(who, text)
    return str((await bot_lines(emulator, who, before + 1))[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_staff_get_the_staff_help_in_private(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    staff, requesters, unknown, priority = SAID[settings.languages.default]
    for who in (OFFICER, SUPERVISOR, MANAGER):
        helped = await _answer(emulator, who, "/help")
        assert helped.startswith(staff) and requesters not in helped, helped
        assert all(c in helped for c in ("/mine", "/queue", "/ticket", "/new", priority)), helped
        # Supervisors and management assign; officers resolve in a ticket's topic.
        assert ("/assign" in helped) == (who != OFFICER), helped
        assert ("/resolve" in helped) == (who != MANAGER), helped
        other = await _answer(emulator, who, "/foo")
        assert other.startswith(unknown) and staff in other, other
        # A staff command that works in a group only: what works where, not the greeting.
        grouped = await _answer(emulator, who, "/return 1 不归我们")
        assert grouped.startswith(staff), grouped
