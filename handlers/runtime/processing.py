"""Updates from different chats at once, updates from one chat in order, each marked done.

python-telegram-bot handles updates one at a time unless told otherwise, so one requester's
database round trip holds up everyone. Concurrency across chats with order kept inside each
chat (a requester's second message never overtakes the first) gives both speed and sense.
Handlers open their transactions with the update's id, so that the first that writes marks it
processed (bot/transaction.py); when the handler is done, an update none of whose transactions
wrote anything is marked on its own (`Transactions.settle`).

Several processes on one PostgreSQL database, behind a front that deals Telegram's posts out
among them: a chat's updates may reach different processes, and are still handled one at a
time in Telegram's order. A process handles a chat only while it holds the chat's lock
(bot/chat_locks.py), and then handles whatever the inbox holds unprocessed for the chat, oldest
first: an earlier update recorded by another process goes before its own, one already handled
elsewhere is skipped. A process that finds the chat held leaves its update (recorded in the
inbox before it came here) to the holder, which looks at the inbox again after letting go of
the chat and takes it back if anything is left: an update is left only while the chat is
held, so its holder's look after letting go sees it. A holder killed loses the lock with its
connection; what it left unprocessed goes with the chat's next update, or, in a chat that
says nothing more, with the next look for orphans (`adopt_orphans`, a job every few seconds:
any process takes updates left unprocessed for ORPHANED_AFTER), or at the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import time
from collections.abc import AsyncIterator, Awaitable
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor

from bot import dangers, flood_heard, logs, metrics, requesters
from bot.abuse import FloodLimit, Verdict
from bot.chat_locks import ChatLocks, chat_key, update_key
from bot.desk import Desk
from handlers import post

log = logging.getLogger(__name__)
# An update recorded this long ago and still unprocessed was left by a process that died (a
# live one handles its chat's updates within milliseconds, or holds the chat meanwhile).
ORPHANED_AFTER = timedelta(seconds=10)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, desk: Desk, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._desk = desk
        self._locks: dict[int, asyncio.Lock] = {}
        self._limit = FloodLimit(desk.settings.abuse.messages_per_minute)
        # Set by build_application: to handle updates another process left in the inbox.
        self.application: Application[Any, Any, Any, Any, Any, Any] | None = None

    async def _verdict(self, update: Update) -> Verdict:
        """Whether a requester's update is handled (bot/abuse.py decides: barred, or too
        fast, unless in danger: `bot.dangers.endangered`, asked only of one over the limit);
        staff's and anything outside a private chat always are."""
        user, chat = update.effective_user, update.effective_chat
        if user is None or chat is None or chat.type != "private":
            return Verdict.HANDLE
        if update.my_chat_member is not None:
            # They blocked or unblocked the bot: never limited nor counted, and never answered
            # with a request to slow down (a blocked chat takes no message).
            return Verdict.HANDLE
        desk, now = self._desk, self._desk.now()
        staff = desk.rules.staff.get(user.id) is not None
        banned = user.id in desk.banned
        endangered = False
        if not staff and not banned and self._limit.limits(user.id, now):
            message = update.effective_message
            text = (message.text or message.caption or "") if message is not None else ""
            async with desk.sessions() as session:
                endangered = await dangers.endangered(session, desk.rules, user.id, text)
        return self._limit.verdict(
            user_id=user.id,
            now=now,
            staff=staff,
            banned=banned,
            media_group=update.message.media_group_id if update.message is not None else None,
            endangered=endangered,
        )

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        locks = self._desk.chat_locks
        if locks is not None and isinstance(update, Update):
            key = chat_key(chat.id) if chat is not None else update_key(update.update_id)
        elif chat is None:
            await self._handle(update, coroutine)
            return
        else:
            key = chat.id
        async with self._turn(key):
            if locks is not None and isinstance(update, Update):
                await self._in_turn(locks, key, update, coroutine)
            else:
                await self._handle(update, coroutine)

    @contextlib.asynccontextmanager
    async def _turn(self, key: int) -> AsyncIterator[None]:
        """This process's turn at `key` (a chat, or an update without one): one at a time
        here; the lock is forgotten once nobody waits for it."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                yield
        finally:
            if not lock.locked() and self._locks.get(key) is lock:
                del self._locks[key]

    async def _in_turn(
        self,
        locks: ChatLocks,
        key: int,
        update: Update,
        coroutine: Awaitable[Any],
    ) -> None:
        """Shared by several processes: the chat's unprocessed updates, this one among them,
        handled in order while this process holds the chat (see the module's description)."""
        chat_id = update.effective_chat.id if update.effective_chat is not None else None
        pending: Awaitable[Any] | None = coroutine
        try:
            pending = await self._backlog(locks, key, chat_id, update.update_id, update, pending)
        except Exception:
            # Unprocessed in the inbox: handled with the chat's next update, by a process's
            # look for orphans (`adopt_orphans`), or at the start.
            log.exception("could not take update %s in turn", update.update_id)
        finally:
            if pending is not None and inspect.iscoroutine(pending):
                pending.close()  # handled elsewhere, or left to the chat's holder

    async def _backlog(
        self,
        locks: ChatLocks,
        key: int,
        chat_id: int | None,
        update_id: int,
        update: Update | None = None,
        pending: Awaitable[Any] | None = None,
    ) -> Awaitable[Any] | None:
        """While this process can hold `key`: the inbox's unprocessed updates of `chat_id`
        (and `update_id`), in order, `update` by `pending` when it comes up (returned
        unawaited when another process handled it), the others as recorded."""
        handled: set[int] = set()  # not twice here, even if a mark failed
        while await locks.try_hold(key):
            try:
                found = await locks.backlog(chat_id, update_id)
                for found_id, payload in found:
                    if found_id in handled:
                        continue
                    handled.add(found_id)
                    if update is not None and found_id == update.update_id and pending is not None:
                        await self._handle(update, pending)
                        pending = None
                    else:
                        await self._handle_recorded(payload)
            finally:
                await locks.release(key)
            left = await locks.backlog(chat_id, update_id)
            if all(found_id in handled for found_id, _ in left):
                break
        return pending

    async def adopt_orphans(self) -> int:
        """Updates left unprocessed in the inbox for ORPHANED_AFTER by a process that died
        (PostgreSQL let go of its chats with its connection) in chats that have sent nothing
        since, handled here: each chat's in Telegram's order, while this process holds the
        chat (a chat another process holds is left to it). How many updates there were."""
        locks = self._desk.chat_locks
        if locks is None:
            return 0
        found = await locks.orphaned(self._desk.now() - ORPHANED_AFTER)
        done: set[int | None] = set()
        for chat_id, update_id in found:
            if chat_id is not None and chat_id in done:
                continue  # the chat's backlog was taken whole
            done.add(chat_id)
            key = chat_key(chat_id) if chat_id is not None else update_key(update_id)
            try:
                async with self._turn(key):
                    await self._backlog(locks, key, chat_id, update_id)
            except Exception:
                log.exception("could not take the updates left in chat %s", chat_id)
        if found:
            log.warning("took %d updates another process left unprocessed", len(found))
        return len(found)

    async def _handle_recorded(self, payload: dict[str, Any]) -> None:
        """An update as the inbox holds it, handled here (another process recorded it)."""
        application = self.application
        assert application is not None, "build_application sets it"
        update = Update.de_json(payload, application.bot)
        await self._handle(update, application.process_update(update))

    async def _handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update):
            await coroutine
            return
        now = self._desk.now()
        started = time.perf_counter()  # metrics
        chat = update.effective_chat
        logs.bind(update_id=update.update_id, chat_id=chat.id if chat else None, ticket_id=None)
        verdict = await self._verdict(update)
        try:
            if verdict in (Verdict.HANDLE, Verdict.HEARD):
                await coroutine
                if verdict is Verdict.HEARD:
                    await self._all_heard(update)
            else:
                # Deliberately not handled (documented in README): barred or flooding.
                if inspect.iscoroutine(coroutine):
                    coroutine.close()
                if verdict is Verdict.SLOW_DOWN and update.effective_chat is not None:
                    await self._slow_down(update)
        finally:
            await self._desk.transactions.settle(update.update_id, now)
            seconds = time.perf_counter() - started
            result = "handled" if verdict in (Verdict.HANDLE, Verdict.HEARD) else str(verdict)
            metrics.HANDLING_SECONDS.observe(seconds)
            metrics.UPDATES_HANDLED.labels(result=result).inc()
            log.debug("update %s %s in %.1f ms", update.update_id, result, seconds * 1e3)

    async def _all_heard(self, update: Update) -> None:
        """A requester in danger over the limit, their update handled: told once that all
        their messages reached us (bot/flood_heard.py)."""
        user = update.effective_user
        assert user is not None
        async with self._desk.transaction() as tx:  # the update's own transactions are over
            await flood_heard.all_heard_and_tell(
                tx=tx, rules=self._desk.rules, telegram_user_id=user.id
            )

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
