"""What Telegram's answer means for an outbox row, and what is written because of it:

- 429: the chat waits `retry_after`, then the same message goes again;
- 5xx, timeouts, a lost connection: again with exponential backoff and jitter, at most
  MAX_ATTEMPTS times;
- 403 (a requester blocked the bot): given up; the requester is marked unreachable, a note goes
  on each of their tickets in hand and the owners are told;
- 400: given up and logged (a ticket's topic that is gone was opened again before: see
  handlers/runtime/calls.py).
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot import delivery, outbox
from bot.desk import Desk
from bot.outbox import LEASE, Queued
from handlers.common import wait_of

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 20


def backoff(attempts: int) -> float:
    """Seconds before attempt `attempts + 1`: exponential, capped at 10 minutes, with jitter
    so that retries do not come in herds."""
    return min(600.0, 2.0**attempts) * random.uniform(0.5, 1.0)


class Outcomes:
    """Records what became of the rows one sender tried (see the module's description)."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    async def refused(self, item: Queued, error: TelegramError) -> float | None:
        """Telegram did not take the message: the seconds to wait before it goes again
        (rescheduled in the table), or None when it is given up (recorded)."""
        if isinstance(error, RetryAfter):
            wait = wait_of(error)
            await self._reschedule(item, wait, str(error), count=False)
            return wait
        if isinstance(error, Forbidden):
            await self._give_up(item, error, unreachable=item.chat_id > 0)
            return None
        if isinstance(error, BadRequest):
            await self._give_up(item, error)
            return None
        # 5xx, timeouts, the connection, anything else
        if item.attempts + 1 >= MAX_ATTEMPTS:
            await self._give_up(item, error)
            return None
        wait = backoff(item.attempts + 1)
        await self._reschedule(item, wait, str(error), count=True)
        return wait

    def failed(self, item: Queued) -> float | None:
        """Something of ours failed on the way (the database, say): the seconds before the
        message is tried again, None once it has had MAX_ATTEMPTS (it then waits for its lease
        to run out, like a crash's)."""
        item.attempts += 1
        return backoff(item.attempts) if item.attempts < MAX_ATTEMPTS else None

    async def sent_with_effects(self, item: Queued, result: dict[str, Any]) -> None:
        """A front call whose sending changes its ticket: marked sent with the change, at
        once (bot/delivery.py)."""
        assert item.call is not None
        desk = self._desk
        async with desk.transaction() as tx:
            await delivery.record_sent(
                session=tx.session,
                message_id=item.id,
                call=item.call,
                result=result,
                now=tx.now,
            )

    async def _reschedule(self, item: Queued, wait: float, error: str, count: bool) -> None:
        desk = self._desk
        if count:
            item.attempts += 1
        log.info("outbox message %s (%s): %s; again in %.1f s", item.id, item.kind, error, wait)
        async with desk.transaction() as tx:
            item.leased_until = max(tx.now + timedelta(seconds=wait), tx.now + LEASE)
            await outbox.retry(
                session=tx.session,
                message_id=item.id,
                attempts=item.attempts,
                at=item.leased_until,
                error=error,
            )

    async def _give_up(
        self, item: Queued, error: TelegramError, unreachable: bool = False
    ) -> None:
        """Telegram refuses this message for good: recorded, and the owners told when a
        requester can no longer be reached (their notices go to the connected sender as this
        transaction commits, like a handler's)."""
        desk = self._desk
        log.warning("gave up on %s to chat %s: %s", item.kind, item.chat_id, error)
        async with desk.transaction() as tx:
            await delivery.give_up_and_tell(
                tx=tx,
                rules=desk.rules,
                message_id=item.id,
                chat_id=item.chat_id,
                error=str(error),
                unreachable=unreachable,
            )
