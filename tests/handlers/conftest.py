"""The offline stack for the front's tests: emulation, real Application, sample config."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from telegram.ext import Application

from bot.config import Settings, load_settings
from bot.desk import Desk, build_desk
from emulator.server import Emulator
from handlers import app
from handlers.app import LOCAL_TOKEN, build_application, seed_world
from tests.conftest import MONDAY_9AM, ROOT

REQUESTER, ENGLISH = 900100, 900200
GENERAL_GROUP = -1000000000101


class DeskClock:
    """The desk's clock in these tests: moved by hand, never slept on."""

    def __init__(self) -> None:
        self.now = MONDAY_9AM

    def __call__(self) -> datetime:
        return self.now


def staff_speaking(language: str) -> Settings:
    """config.yaml with the staff's language `language`: a test module's own `settings`
    fixture, parametrized indirectly with the language (the bot speaks it to the staff)."""
    configured = load_settings(ROOT / "config.yaml")
    languages = configured.languages.model_copy(update={"default": language})
    return configured.model_copy(update={"languages": languages})


@pytest.fixture
def desk_clock() -> DeskClock:
    return DeskClock()


@contextlib.asynccontextmanager
async def serving(desk: Desk, emulator: Emulator) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The bot's Application polling the emulation until the block ends (a stop is a restart
    when another block follows)."""
    application = build_application(
        desk, LOCAL_TOKEN, f"http://127.0.0.1:{emulator.port}", sweep_every=None
    )
    async with app.serving(application, poll_timeout=1):
        yield application


@pytest.fixture
async def emulator(settings: Settings) -> AsyncIterator[Emulator]:
    emulator = Emulator(token=LOCAL_TOKEN)
    seed_world(emulator.world, settings)
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


@pytest.fixture
async def running(
    settings: Settings, database_url: str, desk_clock: DeskClock, emulator: Emulator
) -> AsyncIterator[tuple[Emulator, Application]]:  # type: ignore[type-arg]
    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    try:
        async with serving(desk, emulator) as application:
            yield emulator, application
    finally:
        await desk.close()  # its connections, not left to the garbage collector


def have_written(world: Any, *user_ids: int) -> None:
    """These people wrote to the bot before (a test that puts their tickets in the database
    directly): Telegram lets the bot write to them (it refuses the bot's first word, 403)."""
    for user_id in user_ids:
        world.users[user_id].started = True


def bot_said(world: Any, chat_id: int, thread_id: int | None = None) -> list[Any]:
    """What the bot has said in a chat (in one topic of it, when given), in order; not the
    service messages its doings post (a topic's forum_topic_created)."""
    return [
        e
        for e in world.transcripts.get(chat_id, [])
        if e.sender_id == world.bot.id
        and e.kind != "service"
        and (thread_id is None or e.thread_id == thread_id)
    ]


async def bot_lines(emulator: Emulator, chat_id: int, count: int) -> list[Any]:
    """Wait (up to 10 s) until the bot has said `count` things in a chat; return them."""

    async def said() -> list[Any]:
        while True:
            lines = [
                e
                for e in emulator.world.transcripts.get(chat_id, [])
                if e.sender_id != REQUESTER
                and e.sender_id != ENGLISH
                and e.sender_id == emulator.world.bot.id
                and e.kind != "service"
            ]
            if len(lines) >= count:
                return lines
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(said(), 10)


async def until(condition: Any, seconds: float = 10) -> None:
    """Wait until `condition()` holds (the bot answers asynchronously), at most `seconds`;
    `condition` may be a coroutine function (a look at the database). A condition that
    looks at the last message of a chat still empty (IndexError) does not hold yet: the
    messages to different chats go out independently, so one may come before the other."""

    async def check() -> None:
        while True:
            try:
                holds = condition()
                if inspect.isawaitable(holds):
                    holds = await holds
            except IndexError:
                holds = False
            if holds:
                return
            await asyncio.sleep(0.02)

    await asyncio.wait_for(check(), seconds)


async def only_topic(world: Any, chat_id: int) -> Any:
    """The one topic of a staff group, once the bot has opened it (messages to different
    chats go out independently, so the requester may hear of the claim first)."""
    await until(lambda: len(world.chats[chat_id].topics) == 1)
    (topic,) = world.chats[chat_id].topics.values()
    return topic


async def replied(world: Any, chat_id: int, mine: int) -> str:
    """Wait until the bot has replied to the message `mine` in a chat; its reply's words."""

    def reply() -> str | None:
        for line in bot_said(world, chat_id):
            message = world.messages[(chat_id, line.message_id)]
            if message.get("reply_to_message", {}).get("message_id") == mine:
                return str(line.text)
        return None

    await until(reply)
    found = reply()
    assert found is not None
    return found


async def answer_to(emulator: Emulator, chat_id: int, who: int, text: str, **where: Any) -> str:
    """What the bot answers `who` writing `text` in a group (where: thread_id, reply_to): its
    reply to their message."""
    sent = await emulator.world.user_sends(who, text, chat_id, **where)
    assert sent is not None
    return await replied(emulator.world, chat_id, sent["message"]["message_id"])
