"""Issue 14, leftovers: with two tickets in hand, every message got its own "added to ticket"
reply, however many came in a row. A clerk nods once at someone handing over several papers,
and says where they went: the first of a burst is acknowledged naming its ticket (and how to
reach the other), those that follow to the same ticket are filed and relayed without a
reply; a message that goes to another ticket is told, with that ticket's number. End to end
over the emulation."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, DeskClock, bot_lines, bot_said, until
from tests.handlers.test_which_ticket import SECOND_OFFICER, _in_topic, _two_tickets

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_burst_to_one_of_two_tickets_is_acknowledged_once(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, _ = running
    world = emulator.world
    first, second = await _two_tickets(emulator, claimed=True)
    await world.user_sends(SECOND_OFFICER, "请提供卡号", GENERAL_GROUP, second.thread_id)
    await bot_lines(emulator, REQUESTER, 7)
    before = len(bot_said(world, REQUESTER))
    for words in ("卡号尾号1234", "开户行是城东支行", "户名张三"):
        desk_clock.now += timedelta(seconds=40)
        await world.user_sends(REQUESTER, words)
        await until(lambda words=words: _in_topic(world, second.thread_id, words))
    await until(lambda: len(bot_said(world, REQUESTER)) > before)
    await asyncio.sleep(2)  # any further acknowledgement would have come by now
    said = [e.text for e in bot_said(world, REQUESTER)[before:]]
    assert len(said) == 1, said
    # Where they went, and how to reach the other ticket.
    assert "已记入工单 #2" in said[0] and "#1" in said[0]
    assert not any(_in_topic(world, first.thread_id, w) for w in ("卡号尾号1234", "户名张三"))
