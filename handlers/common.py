"""Small things the whole front uses: Telegram's text limit, answering a button press, a
429's wait, inline keyboards from (label, data) pairs."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import RetryAfter, TelegramError

log = logging.getLogger(__name__)
MAX_MESSAGE = 4096  # Telegram's limit, in UTF-16 code units


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Parts of at most `limit` UTF-16 units, cut at line ends where possible, else anywhere."""
    parts: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while _units(line) > limit:  # one line longer than a message: cut it by characters
            cut = limit
            while _units(line[:cut]) > limit:
                cut -= max(1, (_units(line[:cut]) - limit) // 2)
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:cut])
            line = line[cut:]
        if current and _units(current + line) > limit:
            parts.append(current)
            current = ""
        current += line
    if current or not parts:
        parts.append(current)
    return [p.strip("\n") or p for p in parts]


async def answer(query: CallbackQuery, alert: str | None = None) -> None:
    """Answer a button press (stops the client's spinner), with an alert if there is one.

    Not kept in the outbox: an answer is only good for a few seconds, and what the press
    changed is said in a message. One that fails is logged; the client stops waiting anyway."""
    try:
        await query.answer(alert[:200] if alert else None, show_alert=alert is not None)
    except TelegramError as error:
        log.warning("could not answer button press %s: %s", query.id, error)


def wait_of(error: RetryAfter) -> float:
    """The seconds a 429 asks the bot to wait (python-telegram-bot gives seconds or a
    timedelta)."""
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline buttons from (label, callback data) pairs, one list per row."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )
