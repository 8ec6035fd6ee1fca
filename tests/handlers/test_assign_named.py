"""/assign from the supervisors' chat (issue 14, a tester: "the reply names no ticket"): the
confirmation names the ticket (its number and matter, on one line) and the officer made its
owner, whatever the command's casing, in the staff's language (config `languages.default`).
End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_lines, bot_said, staff_speaking, until

App = Application  # type: ignore[type-arg]
SUPERVISOR, MANAGEMENT_CHAT = 100190, -1000000000900
QUESTION = "我想申请公租房\n家里三口人"
SAID = {
    "zh": "主管 {by} 指派 {owner} 负责工单 #1(我想申请公租房 / 家里三口人)。",
    "en": "{by} made {owner} the owner of ticket #1 (我想申请公租房 / 家里三口人).",
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize(
    ("where", "command"),
    [(SUPERVISOR, "/assign 1 G-0102 熟悉此类"), (MANAGEMENT_CHAT, "/Assign 1 G-0102")],
)
async def test_the_assign_confirmation_names_the_ticket_and_the_owner(
    running: tuple[Emulator, App], settings: Settings, where: int, command: str
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await world.user_sends(REQUESTER, QUESTION)
    await bot_lines(emulator, REQUESTER, 1)
    await world.user_sends(SUPERVISOR, command, None if where == SUPERVISOR else where)
    owner = desk.rules.staff.find("G-0102")
    assert owner is not None
    expected = SAID[settings.languages.default].format(
        by=desk.rules.staff.shown_as(SUPERVISOR), owner=desk.rules.staff.shown_as(owner.user_id)
    )
    await until(lambda: any(expected == e.text for e in bot_said(world, where)))


REASON = {"zh": "熟悉此类业务", "en": "knows these cases"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_reason_of_an_assignment_reaches_the_group_and_the_owner(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    """A fresh tester's finding: "/assign 1 G-0102 <reason>" told the group who owns the
    ticket but not why; the group and the new owner read the reason."""
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await world.user_sends(REQUESTER, QUESTION)
    await bot_lines(emulator, REQUESTER, 1)
    reason = REASON[settings.languages.default]
    await world.user_sends(SUPERVISOR, f"/assign 1 G-0102 {reason}")
    owner = desk.rules.staff.find("G-0102")
    assert owner is not None
    group = desk.settings.departments[0].staff_group_chat_id
    await until(
        lambda: any(
            reason in e.text and desk.rules.staff.shown_as(owner.user_id) in e.text
            for e in bot_said(world, group)
        )
    )
    await until(lambda: any(reason in e.text for e in bot_said(world, owner.user_id)))
