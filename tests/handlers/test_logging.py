"""JSON log lines from a running bot say which update, chat and ticket they are about."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from telegram.ext import Application

from bot import logs
from bot.config import Logs
from emulator.limits import Fault
from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_lines, until


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The root logger writing JSON lines at DEBUG into a buffer (pytest's handlers after)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    stream = io.StringIO()
    logs.configure(Logs(format="json", level="DEBUG"), {}, stream)
    try:
        yield stream
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)


def _records(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_lines_about_an_update_and_a_refused_message(
    json_log: io.StringIO,
    running: tuple[Emulator, Application],  # type: ignore[type-arg]
) -> None:
    emulator, _ = running
    sent = await emulator.world.user_sends(REQUESTER, "/start")
    await bot_lines(emulator, REQUESTER, 1)

    def handled() -> list[dict[str, object]]:
        return [
            r
            for r in _records(json_log)
            if r["logger"] == "handlers.runtime.processing"
            and str(r["message"]).startswith(f"update {sent['update_id']} handled in")
        ]

    await until(handled)
    (line,) = handled()
    assert line["level"] == "DEBUG"
    assert (line["update_id"], line["chat_id"]) == (sent["update_id"], REQUESTER)
    # Telegram refuses the next message for good: the sender's warning names the chat.
    emulator.faults.add("sendMessage", Fault(403, description="Forbidden: bot was blocked"))
    await emulator.world.user_sends(REQUESTER, "/help")

    def gave_up() -> list[dict[str, object]]:
        return [r for r in _records(json_log) if str(r["message"]).startswith("gave up on")]

    await until(gave_up)
    (warning,) = gave_up()
    assert warning["level"] == "WARNING" and warning["chat_id"] == REQUESTER
    assert "update_id" not in warning  # the sender works for no one update
