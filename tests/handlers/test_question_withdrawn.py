"""Words that withdraw a question while it waits for its category (issue 14): "算了,不用了",
"never mind, cancel it" under the category buttons drop the question, politely, with its
buttons; nothing is filed (they were "added to the question" before)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.ext import Application

from bot.models import InquiryOffer, Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]
# The question in English (it comes to the category choice), withdrawn in either language:
# answered in the language of the words withdrawing it.
WITHDRAWING = {"zh": ("算了,不用了", "不登记"), "en": ("never mind, cancel it", "won't file")}


def _data(line: Any) -> list[str]:
    return [b["callback_data"] for row in line.buttons for b in row]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_withdrawn_while_the_category_waits(
    running: tuple[Emulator, App], language: str
) -> None:
    emulator, application = running
    world = emulator.world
    who = ENGLISH
    withdrawing, dropped = WITHDRAWING[language]
    await world.user_sends(who, "hello")
    await bot_lines(emulator, who, 1)
    await world.user_sends(who, "How do I get a housing loan as a single parent?")
    offered = (await bot_lines(emulator, who, 2))[-1]
    await world.user_presses(who, who, offered.message_id, "human")
    asked = (await bot_lines(emulator, who, 3))[-1]
    assert any(d.startswith("cat:") for d in _data(asked)), asked.text
    # A person reads the question before answering: its buttons are recorded meanwhile.
    for _ in range(100):
        async with DeskContext(application).desk.sessions() as session:
            if await session.get(InquiryOffer, (who, asked.message_id)) is not None:
                break
        await asyncio.sleep(0.05)
    await world.user_sends(who, withdrawing)
    told = (await bot_lines(emulator, who, 4))[-1]
    assert dropped in told.text, told.text
    await until(
        lambda: (
            not (world.find(who, asked.message_id).get("reply_markup") or {}).get(
                "inline_keyboard"
            )
        )
    )
    async with DeskContext(application).desk.sessions() as session:
        assert await session.get(Ticket, 1) is None  # nothing filed
    # A press on the old buttons files nothing either.
    await world.user_presses(who, who, asked.message_id, "cat:consultation")
    assert len(bot_said(world, who)) == 4
    async with DeskContext(application).desk.sessions() as session:
        assert await session.get(Ticket, 1) is None
