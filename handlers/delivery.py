"""Messages the core decided on (the sweep's notices, reminders, escalations; alerts) sent out."""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot import outbox, tickets
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


async def sweep(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job: do what the clock says is due (its messages go to the outbox), then send."""
    desk = desk_of(context)
    messages = await run_due(sessions=desk.sessions, rules=desk.rules, now=desk.now())
    if messages:
        log.info("sweep: %d messages due", len(messages))
    await dispatch(context)


def _backoff(attempts: int) -> timedelta:
    """Exponential, capped at 10 minutes, with jitter so that retries do not come in herds."""
    seconds = min(600.0, 2.0**attempts)
    return timedelta(seconds=seconds * random.uniform(0.5, 1.0))


async def dispatch(context: ContextTypes.DEFAULT_TYPE) -> int:
    """Send what the outbox holds, in order per chat; mark each sent once Telegram has it.

    429: the chat waits `retry_after`; 5xx and timeouts: tried again with backoff; 403 (the
    chat blocked the bot) and other refusals: given up on and logged. A chat whose message
    failed sends nothing more in this round, so its messages keep their order."""
    desk = desk_of(context)
    now = desk.now()
    async with desk.sessions() as session:
        rows = [
            (row.id, row.attempts, outbox.as_outgoing(row))
            for row in await outbox.due(session=session, now=now)
        ]
    held: set[int] = set()
    sent = 0
    for message_id, attempts, message in rows:
        if message.chat_id in held:
            continue
        text = desk.texts.render(message.template, message.language, **message.context)
        try:
            await context.bot.send_message(
                message.chat_id, text, reply_markup=_markup(desk, message)
            )
        except RetryAfter as error:
            held.add(message.chat_id)
            wait = (
                error.retry_after
                if isinstance(error.retry_after, timedelta)
                else timedelta(seconds=error.retry_after)
            )
            await _reschedule(desk, message_id, attempts + 1, now + wait, str(error))
        except (Forbidden, BadRequest) as error:
            # Blocked by the chat, or the chat is gone: sending again would not help.
            log.warning("gave up on %s to chat %s: %s", message.template, message.chat_id, error)
            async with desk.sessions() as session, session.begin():
                await outbox.failed(
                    session=session, message_id=message_id, now=now, error=str(error)
                )
                if isinstance(error, Forbidden):
                    await tickets.mark_unreachable(session=session, chat_id=message.chat_id)
        except TelegramError as error:  # 5xx, timeouts, the connection, anything else
            held.add(message.chat_id)
            await _reschedule(
                desk, message_id, attempts + 1, now + _backoff(attempts + 1), str(error)
            )
        else:
            sent += 1
            async with desk.sessions() as session, session.begin():
                await outbox.sent(session=session, message_id=message_id, now=desk.now())
    return sent


async def _reschedule(
    desk: Desk, message_id: int, attempts: int, at: datetime, error: str
) -> None:
    log.info("outbox message %s: attempt %d failed (%s)", message_id, attempts, error)
    async with desk.sessions() as session, session.begin():
        await outbox.retry(
            session=session, message_id=message_id, attempts=attempts, at=at, error=error
        )
