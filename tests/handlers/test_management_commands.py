"""Management (configured apart, in no department) uses the supervisors' read commands in the
supervisors' chat and in private (a fresh tester: 钱局长's /ticket 1, /queue, /mine, /help and
/foo in the supervisors' chat got no reply at all, and /ticket 1 or /queue in private the
citizen greeting): each is answered, never with silence; an unknown command gets the list of
those that exist there, as anyone else's does. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_lines, bot_said

App = Application  # type: ignore[type-arg]
MANAGER, SUPERVISOR, MANAGEMENT_CHAT = 900001, 100190, -1000000000900
QUESTION = "我想申请公租房\n家里三口人"
GREETING = "您好"


async def _answer(emulator: Emulator, text: str, chat_id: int | None, who: int = MANAGER) -> str:
    """What the bot answers `who`'s `text` in `chat_id` (None: in private)."""
    where = who if chat_id is None else chat_id
    before = len(bot_said(emulator.world, where))
    await emulator.world.user_sends(who, text, chat_id)
    return str((await bot_lines(emulator, where, before + 1))[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("chat_id", [MANAGEMENT_CHAT, None])
async def test_management_is_answered_its_read_commands(
    running: tuple[Emulator, App], chat_id: int | None
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, QUESTION)
    await bot_lines(emulator, REQUESTER, 1)
    record = await _answer(emulator, "/ticket 1", chat_id)
    assert "#1" in record and "我想申请公租房" in record and GREETING not in record, record
    waiting = await _answer(emulator, "/queue", chat_id)
    assert "待认领" in waiting and "#1" in waiting, waiting
    mine = await _answer(emulator, "/mine", chat_id)
    assert "我没有在办的工单" in mine, mine
    helped = await _answer(emulator, "/help", chat_id)
    assert "/ticket" in helped and "/assign" in helped, helped
    unknown = await _answer(emulator, "/foo", chat_id)
    assert "没有 /foo 这个指令" in unknown and "/ticket" in unknown, unknown


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("who", [MANAGER, SUPERVISOR])
async def test_the_supervisors_chat_says_where_a_ticket_command_works(
    running: tuple[Emulator, App], who: int
) -> None:
    """/resolve, /note, /transfer in the supervisors' chat exist (a fresh tester's 张主任 read
    "没有 /resolve 这个指令"): where they work is said (a ticket's topic in its department's
    group, or a reply to its card), to management and supervisors alike."""
    emulator, _ = running
    for command in ("/resolve 好了", "/note 看过", "/transfer utilities 停水 | 核实"):
        said = await _answer(emulator, command, MANAGEMENT_CHAT, who)
        assert "用于具体的工单" in said and "话题" in said and "卡片" in said, said
        assert "没有 /" not in said, said
