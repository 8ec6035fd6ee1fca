"""Issue 14, input 6 (a fresh tester's most harmful finding): two tickets in hand, both
officers asking. The requester replies to one officer's question; the bot files it there and
promises "what you send next in a row goes to ticket #N too; for the other, reply to one of
its messages". Their next plain words answered that same officer ("Counter 3, around 10am",
"是上周三下午去的") and went to the other ticket, whose question still waited: the promise
broken, the officer never got the answer. Now the run the promise speaks of is where plain
words go; a reply to the other ticket's message still reaches it. Both languages, over the
emulation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from bot.models import StaffLink
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until
from tests.handlers.test_which_answer import _asks, _said_after, _two_english_tickets
from tests.handlers.test_which_ticket import OFFICER, SECOND_OFFICER, _in_topic, _two_tickets

App = Application  # type: ignore[type-arg]
MINUTE = timedelta(minutes=1)


async def _linked(application: App, chat_id: int, message: Any) -> None:
    """Once the bot knows which ticket its `message` in `chat_id` stands for (it links it
    after sending): a reply to it before then reaches it as plain words would."""

    async def known() -> bool:
        async with application.bot_data.desk.sessions() as session:
            return await session.get(StaffLink, (chat_id, message.message_id)) is not None

    await until(known)


# language: the requester, the two questions (#2's officer asks first, then #1's), their
# reply to #1's, the promise heard, their next plain words (#1's too), their reply to #2's.
CASES = {
    "zh": (
        REQUESTER,
        "请问路灯杆上的编号是多少?",
        "请问您是哪天去办的事?",
        "是一位短头发的女同志",
        "接下来连续发送的内容也记入工单 #1",
        "是上周三下午去的",
        "编号是LD-0457",
    ),
    "en": (
        ENGLISH,
        "What is the number on the pole?",
        "Which counter was it and at what time?",
        "It was a woman with short hair",
        "What you send next in a row goes to ticket #1 too",
        "Counter 3, around 10am",
        "The number is LD-0457",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_plain_words_after_a_reply_go_where_the_bot_promised(
    running: tuple[Emulator, App], desk_clock: DeskClock, language: str
) -> None:
    emulator, application = running
    world = emulator.world
    chat, second_asks, first_asks, reply, promise, plain, other = CASES[language]
    if language == "zh":
        first, second = await _two_tickets(emulator, claimed=True)
    else:
        first, second = await _two_english_tickets(emulator)
    desk_clock.now += MINUTE
    asked_second = await _asks(world, SECOND_OFFICER, second, chat, second_asks)
    desk_clock.now += MINUTE
    asked_first = await _asks(world, OFFICER, first, chat, first_asks)
    await _linked(application, chat, asked_first)
    await _linked(application, chat, asked_second)
    said = len(bot_said(world, chat))
    desk_clock.now += MINUTE
    await world.user_sends(chat, reply, reply_to=asked_first.message_id)
    await _said_after(world, chat, said, promise)
    await until(lambda: _in_topic(world, first.thread_id, reply))

    # In a row, plain: where the bot just said it goes, though #2's question still waits.
    said = len(bot_said(world, chat))
    desk_clock.now += MINUTE
    await world.user_sends(chat, plain)
    await until(lambda: any(_in_topic(world, t.thread_id, plain) for t in (first, second)))
    assert _in_topic(world, first.thread_id, plain)
    assert not _in_topic(world, second.thread_id, plain)
    assert not any("#2" in e.text for e in bot_said(world, chat)[said:])

    # As it said: for #2, reply to one of its messages.
    said = len(bot_said(world, chat))
    desk_clock.now += MINUTE
    await world.user_sends(chat, other, reply_to=asked_second.message_id)
    await _said_after(world, chat, said, "#2")
    await until(lambda: _in_topic(world, second.thread_id, other))
    assert not _in_topic(world, first.thread_id, other)
