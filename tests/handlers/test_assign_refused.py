"""/assign refused for whom it names (a fresh tester: 张主任's `/assign 2 孙伟 他有空` on his own
department's ticket was told "这不是您所在部门的工单", and `/assign 2 nobody` got the usage
line alone): a member of another department is said not to be on the ticket's department's
staff, by name; a name no staff member has is said so, with the usage. In the staff's language
(config `languages.default`). End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_lines, bot_said, staff_speaking

App = Application  # type: ignore[type-arg]
SUPERVISOR, MANAGEMENT_CHAT = 100190, -1000000000900  # 张主任, of General Services
QUESTION = "我想申请公租房\n家里三口人"  # ticket #1, General Services'
SAID = {
    "zh": ("孙伟 不是综合服务窗口的工作人员。", "没有名为 nobody 的工作人员。", "用法:/assign"),
    "en": (
        "孙伟 is not on the staff of General Services.",
        "There is no staff member named nobody.",
        "Usage: /assign",
    ),
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _answer(emulator: Emulator, text: str) -> str:
    before = len(bot_said(emulator.world, MANAGEMENT_CHAT))
    await emulator.world.user_sends(SUPERVISOR, text, MANAGEMENT_CHAT)
    return str((await bot_lines(emulator, MANAGEMENT_CHAT, before + 1))[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_assign_says_who_cannot_own_the_ticket(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(REQUESTER, QUESTION)
    await bot_lines(emulator, REQUESTER, 1)
    other_department, nobody, usage = SAID[settings.languages.default]
    said = await _answer(emulator, "/assign 1 孙伟 他有空")
    assert said == other_department, said
    said = await _answer(emulator, "/assign 1 nobody")
    assert said.startswith(nobody) and usage in said, said
