"""A staff command in any case runs as the lowercase command: `/Mine`, `/MINE` and
`/Mine@<bot>` list the officer's own tickets, as `/mine` does, not the unclaimed queue."""

from __future__ import annotations

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
SUPERVISOR = 100190


def _said(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_mine_and_queue_in_any_case(running: tuple[Emulator, App]) -> None:
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

    for written in ("/mine", "/Mine", "/MINE", f"/Mine@{name}", f"/mINe@{name.upper()}"):
        before = len(_said(emulator, GENERAL_GROUP))
        await world.user_sends(OFFICER, written, GENERAL_GROUP)
        await until(lambda b=before: len(_said(emulator, GENERAL_GROUP)) > b)
        answer = _said(emulator, GENERAL_GROUP)[-1]
        assert answer.startswith("我负责的工单"), (written, answer)
        assert "#1" in answer, (written, answer)
    for written in ("/queue", "/Queue", f"/QUEUE@{name}"):
        before = len(_said(emulator, GENERAL_GROUP))
        await world.user_sends(OFFICER, written, GENERAL_GROUP)
        await until(lambda b=before: len(_said(emulator, GENERAL_GROUP)) > b)
        answer = _said(emulator, GENERAL_GROUP)[-1]
        assert answer.startswith("没有待认领的工单"), (written, answer)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_block_in_capitals_blocks(running: tuple[Emulator, App]) -> None:
    """`/Block` bars the requester (it used to be read as /unblock: not "/block")."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(SUPERVISOR, f"/Block {REQUESTER} 反复发送广告")
    await until(lambda: any("已暂停受理" in e.text for e in bot_said(world, SUPERVISOR)))
    await world.user_sends(SUPERVISOR, f"/UNBLOCK {REQUESTER}")
    await until(lambda: any("已恢复受理" in e.text for e in bot_said(world, SUPERVISOR)))
