"""How the service logs: text lines, or one JSON object a line (`logging:` in config.yaml), at
the configured level or SHOUWEN_LOG_LEVEL's.

Each record carries, where known, the ticket, the chat and the update it is about: from the
record's `extra` (`log.warning(..., extra={"chat_id": ...})`) or else from what the task
handling it has bound (`bind`): the front binds the update and its chat when it starts handling
an update, and the chat and ticket when it sends a message; loading a ticket binds its id. A
JSON line holds `time` (ISO 8601, UTC), `level`, `logger`, `message`, those ids that are known,
and `exception` (the traceback) when there is one.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any

from bot.config import Logs

FIELDS = ("ticket_id", "chat_id", "update_id")
LEVEL_VARIABLE = "SHOUWEN_LOG_LEVEL"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_BOUND: dict[str, ContextVar[int | None]] = {
    name: ContextVar(f"shouwen_{name}", default=None) for name in FIELDS
}


def bind(**ids: int | None) -> None:
    """Set what the current task's records are about (ticket_id, chat_id, update_id; None
    forgets one). A task started from here inherits it (asyncio copies the context)."""
    for name, value in ids.items():
        _BOUND[name].set(value)


class ContextFilter(logging.Filter):
    """Gives every record `ticket_id`, `chat_id`, `update_id`: its `extra`'s, else the bound
    ones, else None."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name in FIELDS:
            if getattr(record, name, None) is None:
                setattr(record, name, _BOUND[name].get())
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line (see the module's description)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def level_of(settings: Logs, environ: Mapping[str, str]) -> str:
    """The level: SHOUWEN_LOG_LEVEL when set, else the configured one. A value that is not a
    level name raises ValueError naming the variable."""
    given = environ.get(LEVEL_VARIABLE, "").strip().upper()
    if not given:
        return settings.level
    if given not in LEVELS:
        raise ValueError(
            f"{LEVEL_VARIABLE}: {environ[LEVEL_VARIABLE]!r} is not one of {', '.join(LEVELS)}"
        )
    return given


CHATTY = ("apscheduler", "aiohttp.access")


def configure(
    settings: Logs, environ: Mapping[str, str], stream: IO[str] | None = None
) -> logging.Handler:
    """Make the root logger's one handler write to `stream` (stderr) in the configured format,
    at the level of `level_of`; returns that handler. Raises ValueError as `level_of` does."""
    level = level_of(settings, environ)
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.addFilter(ContextFilter())
    if settings.format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Libraries that log each routine step at INFO (the job queue's every sweep, the operations
    # endpoint's every scrape): heard from at WARNING, unless the level asks for DEBUG.
    for chatty in CHATTY:
        logging.getLogger(chatty).setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
    return handler
