"""Messages the core decided on (the sweep's notices, reminders, escalations; alerts) sent out."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import InlineKeyboardMarkup
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.desk import Desk
from bot.outgoing import Outgoing
from bot.sweep import run_due
from handlers.common import desk_of, keyboard

log = logging.getLogger(__name__)


def _markup(desk: Desk, message: Outgoing) -> InlineKeyboardMarkup | None:
    """An escalation reaching a supervisor or management carries the means to act on it."""
    staff = desk.rules.staff
    supervising = message.chat_id == desk.settings.management.chat_id or (
        staff.is_supervisor(message.chat_id) or staff.is_management(message.chat_id)
    )
    if message.template != "escalation" or message.ticket_id is None or not supervising:
        return None
    language = desk.settings.languages.default
    return keyboard(
        [
            [
                (
                    desk.texts.render("buttons", language, key="assign"),
                    f"sv:a:{message.ticket_id}",
                ),
                (
                    desk.texts.render("buttons", language, key="priority"),
                    f"sv:p:{message.ticket_id}",
                ),
            ]
        ]
    )


async def send_all(context: ContextTypes.DEFAULT_TYPE, messages: Iterable[Outgoing]) -> int:
    """Render and send each message; one that fails is logged and the rest still go."""
    desk = desk_of(context)
    sent = 0
    for message in messages:
        text = desk.texts.render(message.template, message.language, **message.context)
        try:
            await context.bot.send_message(
                message.chat_id, text, reply_markup=_markup(desk, message)
            )
            sent += 1
        except TelegramError:
            log.exception("could not send %s to chat %s", message.template, message.chat_id)
    return sent


async def sweep(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job: do what the clock says is due, then tell the people concerned."""
    desk = desk_of(context)
    messages = await run_due(sessions=desk.sessions, rules=desk.rules, now=desk.now())
    if messages:
        log.info("sweep: %d messages due", len(messages))
        await send_all(context, messages)
