"""The logs: text or JSON lines, the level from config or SHOUWEN_LOG_LEVEL, and the ids
(ticket, chat, update) each record is about."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot import logs
from bot.config import Logs


@pytest.fixture
def root_restored() -> Iterator[None]:
    """configure() replaces the root logger's handlers; put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.usefixtures("root_restored")
def test_json_lines_carry_the_ids_bound_or_given() -> None:
    stream = io.StringIO()
    logs.configure(Logs(format="json", level="INFO"), {}, stream)
    log = logging.getLogger("shouwen.test")

    async def handling() -> None:
        logs.bind(update_id=41, chat_id=900100)
        log.info("answered %s", "社保卡")
        logs.bind(ticket_id=7)
        log.warning("given", extra={"chat_id": -100})  # extra wins over what is bound
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            log.exception("failed")

    asyncio.run(handling())
    log.info("outside any update")
    log.debug("below the level")
    first, second, third, outside = _lines(stream)
    assert first["message"] == "answered 社保卡"
    assert first["level"] == "INFO" and first["logger"] == "shouwen.test"
    assert (first["update_id"], first["chat_id"]) == (41, 900100)
    assert "ticket_id" not in first
    assert (second["ticket_id"], second["chat_id"], second["update_id"]) == (7, -100, 41)
    assert "RuntimeError: boom" in str(third["exception"])
    # A task's binding stays in that task.
    assert set(outside) == {"time", "level", "logger", "message"}
    assert str(outside["time"]).endswith("+00:00")


@pytest.mark.usefixtures("root_restored")
def test_text_lines_and_the_level_from_the_environment() -> None:
    stream = io.StringIO()
    logs.configure(Logs(format="text", level="WARNING"), {"SHOUWEN_LOG_LEVEL": "debug"}, stream)
    logging.getLogger("shouwen.test").debug("now shown")
    (line,) = stream.getvalue().splitlines()
    assert line.endswith(" DEBUG shouwen.test: now shown")
    assert logging.getLogger().level == logging.DEBUG


def test_the_level_from_config_unless_the_environment_says_otherwise() -> None:
    assert logs.level_of(Logs(level="ERROR"), {}) == "ERROR"
    assert logs.level_of(Logs(level="ERROR"), {"SHOUWEN_LOG_LEVEL": " warning "}) == "WARNING"
    assert logs.level_of(Logs(level="ERROR"), {"SHOUWEN_LOG_LEVEL": ""}) == "ERROR"
    with pytest.raises(ValueError, match="SHOUWEN_LOG_LEVEL: 'loud' is not one of DEBUG"):
        logs.level_of(Logs(), {"SHOUWEN_LOG_LEVEL": "loud"})


@pytest.mark.usefixtures("root_restored")
def test_routine_library_steps_are_not_logged_at_info() -> None:
    stream = io.StringIO()
    logs.configure(Logs(format="text", level="INFO"), {}, stream)
    logging.getLogger("apscheduler.executors.default").info("Running job sweep")
    logging.getLogger("aiohttp.access").info("GET /metrics 200")
    logging.getLogger("apscheduler.scheduler").warning("job missed")
    logging.getLogger("bot.sweep").info("swept")
    lines = stream.getvalue().splitlines()
    assert [line.split(" ", 3)[3] for line in lines] == [
        "apscheduler.scheduler: job missed",
        "bot.sweep: swept",
    ]
