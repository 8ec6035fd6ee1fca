"""Small things the whole front uses: Telegram's text limit and cutting a long text into
messages (bot/excerpt.py), answering a button press, a 429's wait, inline keyboards from
(label, data) pairs."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import RetryAfter, TelegramError

from bot.excerpt import MAX_MESSAGE, split_text

__all__ = ["MAX_MESSAGE", "answer", "keyboard", "split_text", "wait_of"]

log = logging.getLogger(__name__)


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
