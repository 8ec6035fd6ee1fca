"""Telegram's limits on what a bot's message carries (api.json: a text "1-4096 characters
after entities parsing", a caption "0-1024"), as the real Bot API refuses them: HTTP 400 with
its exact description, and nothing shown in the chat. A copy or forward of a text or caption
the bot could not send is refused alike (the tester: a copy of a staff reply of over 4,096
characters was taken). Through raw HTTP and a real Bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import Bot

from emulator.server import Emulator
from emulator.spec import spec

TOKEN = "123456:LOCAL"
ALICE, BOB = 5001, 5002
TOO_LONG = "Bad Request: message is too long"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
EMPTY = "Bad Request: message text is empty"


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    server = Emulator(token=TOKEN)
    await server.start()
    server.world.add_user(ALICE, "Alice", "zh", started=True)
    server.world.add_user(BOB, "Bob", "en", started=True)
    server.world.limits.enabled = False
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"http://127.0.0.1:{emulator.port}/bot") as client:
        yield client


async def call(emulator: Emulator, method: str, body: dict[str, Any]) -> httpx.Response:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{emulator.port}") as client:
        return await client.post(f"/bot{TOKEN}/{method}", json=body)


async def refusal(emulator: Emulator, method: str, body: dict[str, Any]) -> str:
    answer = await call(emulator, method, body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["ok"] is False and answer.json()["error_code"] == 400
    return str(answer.json()["description"])


def _field(method: str, name: str) -> str:
    fields = spec()["methods"][method]["fields"]
    return next(f["description"] for f in fields if f["name"] == name)


def test_the_limits_are_the_specifications() -> None:
    assert "1-4096 characters after entities parsing" in _field("sendMessage", "text")
    assert "1-4096 characters after entities parsing" in _field("editMessageText", "text")
    assert "0-1024 characters after entities parsing" in _field("sendPhoto", "caption")
    assert "0-1024 characters after entities parsing" in _field("copyMessage", "caption")


@pytest.mark.parametrize("letter", ["x", "长"])  # characters, not bytes
async def test_a_text_of_4096_characters_is_sent_and_one_more_is_refused(
    emulator: Emulator, letter: str
) -> None:
    sent = await call(emulator, "sendMessage", {"chat_id": ALICE, "text": letter * 4096})
    assert sent.status_code == 200 and sent.json()["result"]["text"] == letter * 4096
    body = {"chat_id": ALICE, "text": letter * 4097}
    assert await refusal(emulator, "sendMessage", body) == TOO_LONG
    assert len(emulator.world.transcripts[ALICE]) == 1  # the refused one is nowhere


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
async def test_an_empty_text_is_refused(emulator: Emulator, text: str) -> None:
    assert await refusal(emulator, "sendMessage", {"chat_id": ALICE, "text": text}) == EMPTY
    assert ALICE not in emulator.world.transcripts


async def test_an_edit_to_a_text_too_long_or_empty_is_refused_and_the_text_kept(
    emulator: Emulator, bot: Bot
) -> None:
    sent = await bot.send_message(ALICE, "请明天来")
    edit = {"chat_id": ALICE, "message_id": sent.message_id}
    assert await refusal(emulator, "editMessageText", {**edit, "text": "改" * 4097}) == TOO_LONG
    assert await refusal(emulator, "editMessageText", {**edit, "text": " "}) == EMPTY
    assert emulator.world.messages[(ALICE, sent.message_id)]["text"] == "请明天来"
    done = await call(emulator, "editMessageText", {**edit, "text": "改" * 4096})
    assert done.status_code == 200


async def test_a_caption_over_1024_characters_is_refused(emulator: Emulator, bot: Bot) -> None:
    photo = (await bot.send_photo(ALICE, photo=b"\x89PNG", caption="图" * 1024)).photo[-1]
    body = {"chat_id": ALICE, "photo": photo.file_id, "caption": "图" * 1025}
    assert await refusal(emulator, "sendPhoto", body) == CAPTION_TOO_LONG
    album = {
        "chat_id": ALICE,
        "media": [
            {"type": "photo", "media": photo.file_id, "caption": "图" * 1025},
            {"type": "photo", "media": photo.file_id},
        ],
    }
    assert await refusal(emulator, "sendMediaGroup", album) == CAPTION_TOO_LONG


async def test_a_copy_or_forward_of_a_text_too_long_to_send_is_refused(
    emulator: Emulator, bot: Bot
) -> None:
    """Someone's text longer than a bot may send (a person's app sends at most 4096
    characters in a message; the emulation takes more from a test): the bot's copy of it
    or forward would be a message over the limit, and is refused as sendMessage is."""
    update = await emulator.world.user_sends(ALICE, "长" * 9000)
    assert update is not None
    original = {"from_chat_id": ALICE, "message_id": update["message"]["message_id"]}
    body = {"chat_id": BOB, **original}
    assert await refusal(emulator, "copyMessage", body) == TOO_LONG
    assert await refusal(emulator, "forwardMessage", body) == TOO_LONG
    assert BOB not in emulator.world.transcripts
    fits = await emulator.world.user_sends(ALICE, "长" * 4096)
    assert fits is not None
    await bot.copy_message(BOB, ALICE, fits["message"]["message_id"])


async def test_a_copy_with_a_caption_over_1024_characters_is_refused(
    emulator: Emulator, bot: Bot
) -> None:
    photo = (await bot.send_photo(ALICE, photo=b"\x89PNG")).photo[-1]
    sent = await bot.send_photo(ALICE, photo=photo.file_id)
    body = {"chat_id": BOB, "from_chat_id": ALICE, "message_id": sent.message_id}
    assert await refusal(emulator, "copyMessage", {**body, "caption": "图" * 1025}) == (
        CAPTION_TOO_LONG
    )
    assert (await call(emulator, "copyMessage", {**body, "caption": "图" * 1024})).is_success
