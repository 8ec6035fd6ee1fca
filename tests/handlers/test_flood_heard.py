"""Issue 14, leftovers: a requester in danger is never held back by the limit against floods
(bot/abuse.py), but sending very many messages in a minute they heard nothing of it: neither
that their words arrived nor what to do meanwhile. Past the limit, everything is still filed,
and they are told once, in their language, that every message reached us, that help is on
its way and which number to call now; not once a message, nor again while the flood goes
on. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]

CASES = {
    "zh": (REQUESTER, "厨房里有很浓的煤气味", "我在和平小区7号楼2单元301,补充{n}", "都已收到"),
    "en": (
        ENGLISH,
        "I smell gas in my kitchen, a strong gas smell",
        "I am at Heping estate building 7 unit 2 flat 301, more {n}",
        "We have all your messages",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_an_endangered_requester_over_the_limit_is_told_once_all_is_heard(
    running: tuple[Emulator, App], desk_clock: DeskClock, language: str
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    user, first, more, heard = CASES[language]
    await world.user_sends(user, first)
    await bot_lines(emulator, user, 1)
    await until(lambda: any("96777" in e.text for e in bot_said(world, user)))
    before = len(bot_said(world, user))
    # 30 messages in a minute: over the limit of 20.
    for n in range(30):
        desk_clock.now += timedelta(seconds=2)
        await world.user_sends(user, more.format(n=n))

    async def all_filed() -> bool:
        async with desk.sessions() as session:
            count = await session.scalar(
                select(func.count())
                .select_from(TicketMessage)
                .where(TicketMessage.direction == Direction.IN)
            )
        return (count or 0) >= 30  # each of the flood (the question is the ticket's own)

    await until(all_filed, 30)
    await until(lambda: any(heard in e.text for e in bot_said(world, user)[before:]), 10)
    said = [e.text for e in bot_said(world, user)[before:]]
    told = [text for text in said if heard in text]
    assert len(told) == 1, said
    # Help is on its way, and the number for the danger told (gas).
    assert "96777" in told[0]
    # Never asked to slow down, nor answered once a message.
    slow_down = desk.texts.render("slow_down", language, limit=20)
    assert slow_down not in said
    assert len(said) <= 3, said
