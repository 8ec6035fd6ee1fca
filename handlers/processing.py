"""Updates from different chats at once, updates from one chat in order, each marked done.

python-telegram-bot handles updates one at a time unless told otherwise, so one requester's
database round trip holds up everyone. Concurrency across chats with order kept inside each
chat (a requester's second message never overtakes the first) gives both speed and sense.
Each update is handled inside `inbox.handling`, so that its first committed write marks it
processed in the inbox; one that wrote nothing is marked when its handler is done.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot import inbox
from bot.desk import Desk

log = logging.getLogger(__name__)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, desk: Desk, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._desk = desk
        self._locks: dict[int, asyncio.Lock] = {}

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
        with inbox.handling(update.update_id, now) as state:
            try:
                await coroutine
            finally:
                if not state.marked:
                    try:
                        async with self._desk.sessions() as session, session.begin():
                            await inbox.mark_processed(
                                session=session, update_id=update.update_id, now=now
                            )
                    except Exception:
                        # Left unmarked, it is handled again after a restart: logged, not lost.
                        log.exception("could not mark update %s processed", update.update_id)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
