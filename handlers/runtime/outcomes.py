"""What Telegram's answer means for an outbox row, and what is written because of it:

- 429: the chat waits `retry_after`, then the same message goes again;
- 5xx, timeouts, a lost connection: again with exponential backoff and jitter, at most
  MAX_ATTEMPTS times;
- 403 (a requester blocked the bot): given up; the requester is marked unreachable, a note goes
  on each of their tickets in hand and the owners are told;
- 403 from a staff chat (the bot removed from it), or 400 for want of the right to manage
  topics: the chat is paused, what is for it parked until the bot is back, supervisors and
  management told (bot/staff_chats.py);
- 400 with migrate_to_chat_id (a group upgraded to a supergroup): the desk follows the new id
  (bot/staff_chats.py) and the message goes there at once;
- 400: given up and logged (a ticket's topic that is gone was opened again before: see
  handlers/runtime/calls.py).
"""

from __future__ import annotations

import logging
import random
from dataclasses import replace
from datetime import timedelta
from typing import Any

from telegram import Bot, ChatMemberAdministrator, ChatMemberOwner
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from bot import delivery, outbox, staff_chats
from bot.desk import Desk
from bot.intake import card
from bot.outbox import LEASE, Queued
from handlers.common import wait_of

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 20
# `refused`'s answer for a staff chat paused: this message and every other for the chat wait
# in the table, parked, until the bot is back (the sender lets go of those it holds that were
# parked: `Outcomes.parked`; one saved meanwhile stays in hand and is tried, and parked, next).
PAUSED = -2.0


def backoff(attempts: int) -> float:
    """Seconds before attempt `attempts + 1`: exponential, capped at 10 minutes, with jitter
    so that retries do not come in herds."""
    return min(600.0, 2.0**attempts) * random.uniform(0.5, 1.0)


class Outcomes:
    """Records what became of the rows one sender tried (see the module's description)."""

    def __init__(self, desk: Desk, bot: Bot | None = None) -> None:
        self._desk = desk
        self._bot = bot  # to ask for the bot's membership before a staff chat is paused
        # chat id -> the outbox rows parked when it was last paused (`refused` said PAUSED):
        # the sender lets go of those, and only those.
        self.parked: dict[int, frozenset[int]] = {}

    async def refused(self, item: Queued, error: TelegramError) -> float | None:
        """Telegram did not take the message: the seconds to wait before it goes again
        (rescheduled in the table), None when it is given up (recorded), or PAUSED."""
        if isinstance(error, RetryAfter):
            wait = wait_of(error)
            await self._reschedule(item, wait, str(error), count=False)
            return wait
        if isinstance(error, ChatMigrated):
            await self._follow(item, error.new_chat_id)
            return 0.0
        group = item.chat_id < 0
        if group and (isinstance(error, Forbidden) or _no_rights(error) or _not_found(error)):
            if await self._usable_now(item.chat_id):
                # Refused before the bot was given back its place: again, as for a 5xx.
                item.attempts += 1
                return backoff(min(item.attempts, 3))
            if await self._pause(item, _reason(error)):
                return PAUSED
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

    async def _follow(self, item: Queued, new_chat_id: int) -> None:
        """The chat was upgraded to a supergroup: the desk follows it (every message still
        for the old id goes to the new one), and so does this message, sent again at once."""
        desk = self._desk
        async with desk.transaction() as tx:
            followed = await card.follow_upgrade(
                tx=tx, desk=desk, old_chat_id=item.chat_id, new_chat_id=new_chat_id
            )
        if followed is not None:
            desk.adopt(followed)
        log.warning("chat %s is now %s: message %s goes there", item.chat_id, new_chat_id, item.id)
        item.chat_id = new_chat_id
        if item.call is not None:
            params = {**item.call.params, "chat_id": new_chat_id}
            item.call = replace(item.call, chat_id=new_chat_id, params=params)
        if item.message is not None:
            item.message = replace(item.message, chat_id=new_chat_id)
            item.call = None  # presented again, for the new chat

    async def _usable_now(self, chat_id: int) -> bool:
        """Whether the bot can work in the chat by its membership now (a refusal may come back
        after the bot was given its place again); False when Telegram does not say."""
        if self._bot is None:
            return False
        try:
            member = await self._bot.get_chat_member(chat_id, self._bot.id)
            chat = await self._bot.get_chat(chat_id)
        except TelegramError:
            return False
        topics = isinstance(member, ChatMemberOwner) or (
            isinstance(member, ChatMemberAdministrator) and bool(member.can_manage_topics)
        )
        return staff_chats.usable(member.status, topics, bool(chat.is_forum))

    async def _pause(self, item: Queued, reason: str) -> bool:
        """The bot cannot send to this staff chat now: it is paused and this message parked
        with the rest, their ids kept in `parked` for the sender (False: not a chat of the
        desk's)."""
        desk = self._desk
        async with desk.transaction() as tx:
            parked = await staff_chats.paused_and_tell(
                tx=tx, rules=desk.rules, chat_id=item.chat_id, reason=reason
            )
        if parked is None:
            return False
        self.parked[item.chat_id] = parked
        log.warning("chat %s paused (%s): message %s waits", item.chat_id, reason, item.id)
        return True

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


def _no_rights(error: TelegramError) -> bool:
    """Telegram's 400 for an administrator without a right (to manage topics, say)."""
    return isinstance(error, BadRequest) and "not enough rights" in str(error).casefold()


def _not_found(error: TelegramError) -> bool:
    """Telegram's 400 for a chat it does not know (deleted, or an id that is no chat)."""
    return isinstance(error, BadRequest) and "chat not found" in str(error).casefold()


def _reason(error: TelegramError) -> str:
    """Why a staff chat cannot be sent to, as bot/staff_chats.py names it."""
    text = str(error).casefold()
    if "kicked" in text:
        return "kicked"
    if _not_found(error):
        return "not_found"
    if isinstance(error, Forbidden):
        return "left"
    return "no_topic_rights"
