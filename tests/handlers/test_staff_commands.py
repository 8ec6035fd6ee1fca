"""Commands as staff really send them: picked from the menu (`/resolve@<bot username>`),
with capitals, unknown, or meant for another bot in the group (issue: commands in a staff
place; capitals: tests/handlers/test_ticket_commands_where.py)."""

from __future__ import annotations

import asyncio

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101


def _said(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_menu_commands_work_and_unknown_ones_are_answered(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    name = world.bot.username
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    # Its introduction in place: the answers counted below come after it.
    await until(lambda: bool(bot_said(world, GENERAL_GROUP, topic.thread_id)))
    heard = len(_said(emulator, REQUESTER))

    # Unknown commands: never relayed, answered with the commands there.
    for written in ("/resolved 已办结", "/close"):
        before = len(_said(emulator, GENERAL_GROUP))
        await world.user_sends(OFFICER, written, GENERAL_GROUP, topic.thread_id)
        await until(lambda b=before: len(_said(emulator, GENERAL_GROUP)) > b)
        answer = _said(emulator, GENERAL_GROUP)[-1]
        assert f"没有 {written.split()[0]} 这个指令" in answer
        assert "/resolve - " in answer and "/note - " in answer
    # A command for another bot in the group is left alone, and not relayed either.
    before = len(_said(emulator, GENERAL_GROUP))
    await world.user_sends(OFFICER, "/resolve@other_bot 好", GENERAL_GROUP, topic.thread_id)
    await asyncio.sleep(0.5)
    assert len(_said(emulator, GENERAL_GROUP)) == before
    assert len(_said(emulator, REQUESTER)) == heard

    # Picked from the menu without a summary: asked for one, the summary is not the name.
    await world.user_sends(OFFICER, f"/resolve@{name}", GENERAL_GROUP, topic.thread_id)
    await until(lambda: any("请写明办结摘要" in t for t in _said(emulator, GENERAL_GROUP)))
    assert "用法:/resolve 办结情况摘要" in _said(emulator, GENERAL_GROUP)[-1]
    # With a summary: exactly the summary reaches the requester.
    await world.user_sends(
        OFFICER, f"/resolve@{name} 已为您登记申请", GENERAL_GROUP, topic.thread_id
    )
    await until(lambda: any("已为您登记申请" in t for t in _said(emulator, REQUESTER)))
    assert not any(name in t for t in _said(emulator, REQUESTER))

    # Outside a ticket's topic, in the staff group's general chat: the list too.
    before = len(_said(emulator, GENERAL_GROUP))
    await world.user_sends(OFFICER, f"/close@{name}", GENERAL_GROUP)
    await until(lambda: len(_said(emulator, GENERAL_GROUP)) > before)
    closed = _said(emulator, GENERAL_GROUP)[-1]
    assert "没有 /close 这个指令。您要的可能是 /resolve。" in closed, closed
    # /help (and /start) there: the commands, not "there is no /help".
    before = len(_said(emulator, GENERAL_GROUP))
    await world.user_sends(OFFICER, "/help", GENERAL_GROUP)
    await until(lambda: len(_said(emulator, GENERAL_GROUP)) > before)
    helped = _said(emulator, GENERAL_GROUP)[-1]
    assert helped.startswith("这里可用的指令:") and "/mine" in helped, helped
