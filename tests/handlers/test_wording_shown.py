"""Names, not keys, through the real bot and the emulation (issue 14): a keyword alert names
the priority, /ticket N names the department and words each event of the ticket's log."""

from __future__ import annotations

import re
from typing import Any

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, bot_lines, only_topic, until

OFFICER, SUPERVISOR = 100101, 100190


def _said(world: Any, chat_id: int, words: str) -> list[Any]:
    return [e for e in world.transcripts.get(chat_id, []) if words in e.text]


def _keys(settings: Settings) -> list[str]:
    return [
        *(c.key for c in settings.categories),
        *(p.key for p in settings.priorities),
        *(d.key for d in settings.departments),
    ]


def _shown_keys(settings: Settings, text: str) -> list[str]:
    return [
        key
        for key in [*_keys(settings), "opened", "claim", "priority_changed"]
        if re.search(rf"(?<![A-Za-z0-9_/]){key}(?![A-Za-z0-9_])", text)
    ]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_keyword_alert_and_the_tickets_history_say_names(
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
    settings: Settings,
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房,楼道里有漏电,很危险")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await until(lambda: bool(_said(world, SUPERVISOR, "含关键词")))
    (alert,) = _said(world, SUPERVISOR, "含关键词")
    assert "优先级已提升为紧急" in alert.text, alert.text
    assert not _shown_keys(settings, alert.text), alert.text
    assert "紧急" in card.text and not _shown_keys(settings, card.text), card.text

    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/ticket 1", GENERAL_GROUP, topic.thread_id)
    await until(lambda: bool(_said(world, GENERAL_GROUP, "经过:")))
    (history,) = _said(world, GENERAL_GROUP, "经过:")
    assert "办理部门 综合服务窗口" in history.text, history.text
    assert "登记工单(业务办理,紧急,综合服务窗口),含关键词 危险" in history.text, history.text
    assert "认领(王芳)" in history.text, history.text
    assert not _shown_keys(settings, history.text), history.text
