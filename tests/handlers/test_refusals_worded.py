"""Refusals that say what is missing and what to do (a fresh tester): /resolve without a
summary and /return without a reason read "内容不能为空", a /transfer without its `|` parts "没有
看懂这条指令", /priority's usage listed only the keys though the names are accepted, and a
supervisor writing in a ticket's topic was told to ask a supervisor to /assign it. Now each
says what to write, which parts of the form are missing, the priorities by name, and that the
supervisor may /assign it. In the staff's language (config `languages.default`). End to end
over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import bot_lines, bot_said, staff_speaking
from tests.handlers.handing import GROUPS, OFFICERS, a_ticket_with_an_inquiry

App = Application  # type: ignore[type-arg]
SUPERVISORS = {"general": 100190, "social_security": 100290, "utilities": 100390}
SAID = {
    "zh": {
        "resolve": "请写明办结摘要。\n用法:/resolve",
        "transfer": "转办单缺少建议处理",
        "form": "用法:/transfer 部门代码 情况摘要 | 建议处理 | 期限",
        "priority": "普通|紧急|特急",
        "supervisor": "您可以用 /assign 1 工号 改派",
        "return": "请写明退回理由。\n用法:/return",
    },
    "en": {
        "resolve": "Please write what was done: the resolution summary.\nUsage: /resolve",
        "transfer": "The handoff form lacks the suggested handling",
        "form": "Usage: /transfer <department> <summary> | <suggested handling> |",
        "priority": "normal|high|urgent",
        "supervisor": "you can reassign it with /assign 1 staff-number",
        "return": "Please write why you return it.\nUsage: /return",
    },
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _answer(emulator: Emulator, who: int, text: str, chat_id: int, **where: Any) -> str:
    before = len(bot_said(emulator.world, chat_id))
    await emulator.world.user_sends(who, text, chat_id, **where)
    return str((await bot_lines(emulator, chat_id, before + 1))[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_refusals_say_what_to_write(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, _ = running
    said = SAID[settings.languages.default]
    department, topic = await a_ticket_with_an_inquiry(emulator)
    group, officer = GROUPS[department], OFFICERS[department]

    async def in_topic(who: int, text: str) -> str:
        return await _answer(emulator, who, text, group, thread_id=topic.thread_id)

    resolve = await in_topic(officer, "/resolve")
    assert resolve.startswith(said["resolve"]), resolve
    transfer = await in_topic(officer, "/transfer social_security 灯杆在社保中心院内")
    assert transfer.startswith(said["transfer"]) and said["form"] in transfer, transfer
    priority = await in_topic(officer, "/priority")
    assert said["priority"] in priority, priority
    kept = await in_topic(SUPERVISORS[department], "我来跟进一下")
    assert said["supervisor"] in kept and "请主管" not in kept, kept
    # A handoff returned without a reason.
    to = "utilities" if department != "utilities" else "social_security"
    await in_topic(officer, f"/transfer {to} 需上门核实 | 请安排走访 | 8")
    await bot_lines(emulator, GROUPS[to], 1)
    returned = await _answer(emulator, OFFICERS[to], "/return 1", GROUPS[to])
    assert returned.startswith(said["return"]), returned
    # The command alone: how to write it, not "could not be read".
    alone = await _answer(emulator, OFFICERS[to], "/return", GROUPS[to])
    assert alone.startswith(said["return"].split("\n")[1]), alone
