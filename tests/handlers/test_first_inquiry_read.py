"""Issue 14, a fresh tester's first inquiries: the promise said details noted that were never
given ("我们小区" taken for an address) and asked again for one just given ("since 20:00");
"我想问一下" then "医保卡" got the category buttons; "我家楼下" then "路灯坏了三天了" got no
answer. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until

App = Application  # type: ignore[type-arg]


async def _tickets(application: App) -> list[Ticket]:
    async with application.bot_data.desk.sessions() as session:
        return list((await session.execute(select(Ticket).order_by(Ticket.id))).scalars())


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
            REQUESTER,
            "我们小区停水了,从昨晚八点开始",
            "已收到您说的:停水开始的时间。",
            "请在这里发送:详细地址(小区、楼栋);邻居是否同样停水。",
        ),
        (
            ENGLISH,
            "No water at all in our estate since 20:00",
            "Noted from your message: when the water stopped.",
            "please send here: the exact address (estate and building); whether neighbours",
        ),
    ],
)
async def test_the_promise_says_noted_only_what_the_words_gave(
    running: tuple[Emulator, App], user: int, text: str, noted: str, asked: str
) -> None:
    """ "我们小区" names no estate: the address is asked for, not said noted; the time said
    ("从昨晚八点", "since 20:00") is noted, not asked for again."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: _promise(world, user) is not None)
    promise = _promise(world, user)
    assert promise is not None and noted in promise and asked in promise, promise
    (ticket,) = await _tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
