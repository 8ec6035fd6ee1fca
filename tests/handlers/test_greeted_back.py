"""A greeting alone ("你好", "hello") is greeted back before the bot asks what it is about (a
tester's "你好" heard only "能再具体说说吗?"), first thing or after an answer; an opener that
greets nobody ("我想咨询一下") is asked as before. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines

App = Application  # type: ignore[type-arg]

ASKED = {REQUESTER: "能再具体说说吗?", ENGLISH: "Could you tell me a little more"}
GREETED = {REQUESTER: "您好!", ENGLISH: "Hello!"}
ANSWERED = {
    REQUESTER: "社保卡丢了怎么补办",
    ENGLISH: "How do I replace my lost social security card?",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "greeting"), [(REQUESTER, "你好!"), (ENGLISH, "Hi")])
async def test_a_greeting_is_greeted_back(
    running: tuple[Emulator, App], user: int, greeting: str
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(user, greeting)
    (reply,) = await bot_lines(emulator, user, 1)
    assert reply.text.startswith(GREETED[user]) and ASKED[user] in reply.text, reply.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "greeting"), [(REQUESTER, "您好"), (ENGLISH, "hello")])
async def test_a_greeting_after_an_answer_is_greeted_back(
    running: tuple[Emulator, App], user: int, greeting: str
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(user, ANSWERED[user])
    await bot_lines(emulator, user, 1)
    await emulator.world.user_sends(user, greeting)
    reply = (await bot_lines(emulator, user, 2))[-1]
    assert reply.text.startswith(GREETED[user]) and ASKED[user] in reply.text, reply.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "opener"), [(REQUESTER, "我想咨询一下"), (ENGLISH, "I have a question")]
)
async def test_an_opener_is_asked_without_a_greeting(
    running: tuple[Emulator, App], user: int, opener: str
) -> None:
    emulator, _ = running
    await emulator.world.user_sends(user, opener)
    (reply,) = await bot_lines(emulator, user, 1)
    assert not reply.text.startswith(GREETED[user]), reply.text
