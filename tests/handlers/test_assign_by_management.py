"""A fresh tester: management's /assign was confirmed as "主管 钱局长 指派…", calling a manager
a supervisor, and the new owner read "主管指派您负责". The assignment is worded by the
assigner's role: management is named as management, a supervisor as a supervisor, in the
supervisors' chat, the department's group and to the new owner, in the staff's language
(config `languages.default`). End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_lines, bot_said, staff_speaking, until

App = Application  # type: ignore[type-arg]
MANAGER, MANAGEMENT_CHAT, GROUP = 900001, -1000000000900, -1000000000101
QUESTION = "我想申请公租房"
SAID = {
    "zh": "局领导 钱局长 指派 {owner} 负责工单 #1(我想申请公租房)。",
    "en": "钱局长 (management) made {owner} the owner of ticket #1 (我想申请公租房).",
}
YOURS = {"zh": "局领导指派您负责工单 #1", "en": "Management has made you the owner of ticket #1"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_managements_assignment_is_worded_as_managements(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await world.user_sends(REQUESTER, QUESTION)
    await bot_lines(emulator, REQUESTER, 1)
    await world.user_sends(MANAGER, "/assign 1 G-0102", MANAGEMENT_CHAT)
    owner = desk.rules.staff.find("G-0102")
    assert owner is not None
    staff = settings.languages.default
    expected = SAID[staff].format(owner=desk.rules.staff.shown_as(owner.user_id))
    await until(lambda: any(e.text for e in bot_said(world, owner.user_id)))
    confirmed = ("负责工单 #1(", "the owner of ticket #1 (")
    await until(
        lambda: any(c in e.text for e in bot_said(world, MANAGEMENT_CHAT) for c in confirmed)
    )
    said = [e.text for e in bot_said(world, MANAGEMENT_CHAT)]
    assert expected in said, said
    yours = [e.text for e in bot_said(world, owner.user_id)]
    assert any(t.startswith(YOURS[staff]) for t in yours), yours
    if staff == "zh":
        # The department's group hears it too, delivered on its own turn.
        await until(lambda: any("局领导 钱局长 指派" in e.text for e in bot_said(world, GROUP)))
    group = [e.text for e in bot_said(world, GROUP)]
    assert not any("主管 钱局长" in t for t in group), group
