"""/block on a requester with tickets in progress tells the supervisor which tickets are open
and what becomes of them: a tester barred a requester and learnt nothing of their two open
tickets. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]
SUPERVISOR = 100190


@pytest.mark.parametrize("store", ["sqlite"])
async def test_blocking_a_requester_names_their_open_tickets(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(REQUESTER, "/new")
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 2)
    await world.user_sends(SUPERVISOR, f"/block {REQUESTER} 反复发送广告")
    await until(lambda: any("已暂停受理" in e.text for e in bot_said(world, SUPERVISOR)))
    (told,) = [e.text for e in bot_said(world, SUPERVISOR) if "已暂停受理" in e.text]
    assert "#1" in told and "#2" in told
    assert "不再受理" in told  # what becomes of their messages to those tickets

    # Nobody with no open ticket: nothing more than the bar itself.
    await world.user_sends(SUPERVISOR, f"/unblock {REQUESTER}")
    await until(lambda: any("已恢复受理" in e.text for e in bot_said(world, SUPERVISOR)))
