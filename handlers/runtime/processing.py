"""Updates from different chats at once, updates from one chat in order, each marked done.

python-telegram-bot handles updates one at a time unless told otherwise, so one requester's
database round trip holds up everyone. Concurrency across chats with order kept inside each
chat (a requester's second message never overtakes the first) gives both speed and sense.
Handlers open their transactions with the update's id, so that the first that writes marks it
processed (bot/transaction.py); when the handler is done, an update none of whose transactions
wrote anything is marked on its own (`Transactions.settle`).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot import logs, metrics, requesters
from bot.abuse import FloodLimit, Verdict
from bot.desk import Desk
from handlers import post

log = logging.getLogger(__name__)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, desk: Desk, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._desk = desk
        self._locks: dict[int, asyncio.Lock] = {}
        self._limit = FloodLimit(desk.settings.abuse.messages_per_minute)

    def _verdict(self, update: Update) -> Verdict:
        """Whether a requester's update is handled (bot/abuse.py decides: barred, or too
        fast); staff's and anything outside a private chat always are."""
        user, chat = update.effective_user, update.effective_chat
        if user is None or chat is None or chat.type != "private":
            return Verdict.HANDLE
        return self._limit.verdict(
            user_id=user.id,
            now=self._desk.now(),
            staff=self._desk.rules.staff.get(user.id) is not None,
            banned=user.id in self._desk.banned,
            media_group=update.message.media_group_id if update.message is not None else None,
        )

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await self._handle(update, coroutine)
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        try:
            async with lock:
                await self._handle(update, coroutine)
        finally:
            if not lock.locked() and self._locks.get(chat.id) is lock:
                del self._locks[chat.id]

    async def _handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update):
            await coroutine
            return
        now = self._desk.now()
        started = time.perf_counter()  # metrics
        chat = update.effective_chat
        logs.bind(update_id=update.update_id, chat_id=chat.id if chat else None, ticket_id=None)
        verdict = self._verdict(update)
        try:
            if verdict is Verdict.HANDLE:
                await coroutine
            else:
                # Deliberately not handled (documented in README): barred or flooding.
                if inspect.iscoroutine(coroutine):
                    coroutine.close()
                if verdict is Verdict.SLOW_DOWN and update.effective_chat is not None:
                    await self._slow_down(update)
        finally:
            await self._desk.transactions.settle(update.update_id, now)
            seconds = time.perf_counter() - started
            result = "handled" if verdict is Verdict.HANDLE else str(verdict)
            metrics.HANDLING_SECONDS.observe(seconds)
            metrics.UPDATES_HANDLED.labels(result=result).inc()
            log.debug("update %s %s in %.1f ms", update.update_id, result, seconds * 1e3)

    async def _slow_down(self, update: Update) -> None:
        """The requester told, once, in their language and as a reply to the first message
        not taken, that it and what they send in the next minute are not recorded and should
        be sent again after it (bot/abuse.py: nothing is lost without their knowing). Through
        the outbox like every reply, so that it keeps its place in the chat."""
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        desk = self._desk
        async with desk.sessions() as session:
            chosen = await requesters.language_of(session=session, telegram_user_id=user.id)
        language = chosen or desk.texts.language_of(user.language_code)
        text = desk.texts.render("slow_down", language, limit=self._limit.per_window)
        message = update.effective_message
        reply_to = message.message_id if message is not None else None
        notice = post.message(chat.id, text, kind="slow_down", reply_to=reply_to)
        await post.say(desk, update.update_id, notice)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
