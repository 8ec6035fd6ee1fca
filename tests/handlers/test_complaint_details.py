"""A fresh tester's complaint about a member of staff: Sam said when ("this morning"), where
("window 3") and what happened ("she shouted at my elderly mother"), and was asked again for
all three. The details a complaint template asks for are read from the words, English and
Chinese, and only those missing are asked for. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until

App = Application  # type: ignore[type-arg]


def _promise(world: Any, user: int) -> str | None:
    return next(
        (e.text for e in bot_said(world, user) if "工单 #1" in e.text or "ticket #1" in e.text),
        None,
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "noted", "asked"),
    [
        (
            ENGLISH,
            "/new I want to complain about the rude staff member at window 3 of the service "
            "centre this morning, she shouted at my elderly mother.",
            "Noted from your message: when it happened; the window or the officer's staff "
            "number; what happened.",
            None,
        ),
        (
            ENGLISH,
            "I want to complain about an officer, staff number 1234, yesterday at 3pm",
            "Noted from your message: when it happened; the window or the officer's staff number.",
            "please send here: what happened.",
        ),
        (
            ENGLISH,
            "I want to complain about the rude staff member at window 3",
            "Noted from your message: the window or the officer's staff number.",
            "please send here: when it happened; what happened.",
        ),
        (
            REQUESTER,
            "我要投诉今天上午3号窗口的工作人员,她对我母亲大吼大叫",
            "已收到您说的:发生的时间、窗口号或工作人员工号、经过。",
            None,
        ),
        (
            REQUESTER,
            "我要投诉工号1234的工作人员",
            "已收到您说的:窗口号或工作人员工号。",
            "请在这里发送:发生的时间;经过。",
        ),
    ],
)
async def test_a_complaint_asks_only_for_what_the_words_did_not_say(
    running: tuple[Emulator, App], user: int, text: str, noted: str, asked: str | None
) -> None:
    """When ("this morning", "yesterday at 3pm", "今天上午"), the window or staff number
    ("window 3", "staff number 1234", "3号窗口", "工号1234") and what happened (a clause
    beyond the opener: "she shouted at my elderly mother") are noted, not asked again."""
    emulator, _application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: _promise(world, user) is not None)
    promise = _promise(world, user)
    assert promise is not None and noted in promise, promise
    if asked is None:
        assert "please send here" not in promise and "请在这里发送" not in promise, promise
    else:
        assert asked in promise, promise
