"""The whole service offline: the real Application against the emulation over loopback."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.app import (
    LOCAL_TOKEN,
    Webhook,
    build_application,
    build_desk,
    seed_world,
    start_receiving,
)
from bot.config import Settings
from bot.emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines


@pytest.mark.parametrize("store", ["sqlite"])
async def test_greeting_answer_and_ticket(running: tuple[Emulator, Application]) -> None:  # type: ignore[type-arg]
    emulator, _ = running
    await emulator.world.user_sends(REQUESTER, "/start")
    (greeting,) = await bot_lines(emulator, REQUESTER, 1)
    assert "您好" in greeting.text
    await emulator.world.user_sends(REQUESTER, "社保卡丢了怎么补办")
    answer = (await bot_lines(emulator, REQUESTER, 2))[-1]
    assert "挂失" in answer.text
    assert [b["text"] for b in answer.buttons[0]] == ["已解决", "没解决,转人工"]
    # Pressing "not solved" opens a ticket with the question, and the staff group sees it.
    await emulator.world.user_presses(REQUESTER, REQUESTER, answer.message_id, "human")
    promise = (await bot_lines(emulator, REQUESTER, 3))[-1]
    assert "工单 #1" in promise.text
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    assert "社保卡丢了怎么补办" in card.text
    # While the ticket is open, what the requester writes goes into it.
    await emulator.world.user_sends(REQUESTER, "补充:卡号尾号1234")
    added = (await bot_lines(emulator, REQUESTER, 4))[-1]
    assert "已记入工单 #1" in added.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_english_requester_and_a_sticker(running: tuple[Emulator, Application]) -> None:  # type: ignore[type-arg]
    emulator, _ = running
    await emulator.world.user_sends(ENGLISH, "/start")
    (greeting,) = await bot_lines(emulator, ENGLISH, 1)
    assert greeting.text.startswith("Hello")
    await emulator.world.user_sends_content(
        ENGLISH,
        {
            "sticker": {
                "file_id": "S",
                "file_unique_id": "S",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            }
        },
    )
    reply = (await bot_lines(emulator, ENGLISH, 2))[-1]
    assert "describe" in reply.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_webhook_mode(settings: Settings, database_url: str, unused_tcp_port: int) -> None:
    """Updates arrive by webhook (the emulation posts them, with the secret) instead of polling."""
    desk = await build_desk(settings, database_url)
    emulator = Emulator(token=LOCAL_TOKEN)
    seed_world(emulator.world, settings)
    await emulator.start()
    application = build_application(desk, LOCAL_TOKEN, f"http://127.0.0.1:{emulator.port}")
    hook = Webhook(
        url=f"http://127.0.0.1:{unused_tcp_port}/hook",
        port=unused_tcp_port,
        path="hook",
        secret="s3cret",
    )
    async with application:
        await application.start()
        await start_receiving(application, hook)
        try:
            assert emulator.world.webhook_url == hook.url
            await emulator.world.user_sends(REQUESTER, "/start")
            (greeting,) = await bot_lines(emulator, REQUESTER, 1)
            assert "您好" in greeting.text
            assert emulator.failed_deliveries == 0
        finally:
            assert application.updater is not None
            await application.updater.stop()
            await application.stop()
            await emulator.stop()
