"""A requester who types a staff command in private (/resolve, /claim, /queue, /assign …: a
tester got the welcome text, or a refusal in Chinese while reading English): told in their
own language that it is a command for staff, and what they can do here instead. Nothing
changes: no ticket, no staff message. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, bot_said

App = Application  # type: ignore[type-arg]
OFFICER = 100101

# Every command of the staff's and the supervisors' menus, and the Claim button's word.
STAFF_COMMANDS = [
    "/resolve 好了",
    "/note 备注",
    "/transfer utilities 停水 | 核实 | 4",
    "/claim",
    "/mine",
    "/queue",
    "/ticket 1",
    "/priority 1 urgent",
    "/propose 1",
    "/return 1 不归我们",
    "/incident 1 进展",
    "/assign 1 G-0102",
    "/pending",
    "/report week",
    "/template_from 1",
    "/block 900200 骚扰",
    "/unblock 900200",
    "/Resolve 好了",
    "/QUEUE",
]
# For staff only; what the requester can do (each named).
SAID = {
    REQUESTER: ("是工作人员使用的指令", ("/status", "/new", "/lang", "/help")),
    ENGLISH: ("is a command for staff", ("/status", "/new", "/lang", "/help")),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_staff_command_in_private_is_said_to_be_for_staff(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, _ = running
    world = emulator.world
    for_staff, instead = SAID[requester]
    for number, command in enumerate(STAFF_COMMANDS, start=1):
        await world.user_sends(requester, command)
        answer = (await bot_lines(emulator, requester, number))[-1].text
        name = command.split()[0].lower()
        assert answer.startswith(f"{name} {for_staff}"), (command, answer)
        assert all(c in answer for c in instead), (command, answer)
    # Nothing reached the staff.
    assert bot_said(world, GENERAL_GROUP) == []
    # An officer in private is not told it is for staff.
    await world.user_sends(OFFICER, "/resolve 好了")
    (answer,) = await bot_lines(emulator, OFFICER, 1)
    assert "是工作人员使用的指令" not in answer.text and "/resolve" in answer.text
