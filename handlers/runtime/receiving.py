"""Updates in through the inbox: each is recorded before Telegram is told it arrived.

Long polling: Telegram keeps an update until a getUpdates call asks for a later offset; the
Poller asks for the next offset only after the updates it received are committed to the inbox.
A single process polling hands a batch on first and asks for the next once each update of it
is recorded, most with their handling's first effect, in one commit (`take_unrecorded`).
Webhook: Telegram sends an update again until it gets a 200; the WebhookReceiver answers only
after the commit. Both first hand the Application whatever the inbox holds unprocessed (the bot
stopped before handling it). Repeats (an update seen before) are recorded once, handled once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import RetryAfter
from telegram.warnings import PTBUserWarning

from bot import inbox, metrics
from handlers.common import wait_of
from handlers.context import DeskApplication

log = logging.getLogger(__name__)
SET_WEBHOOK_ATTEMPTS = 5
# Seconds an update handed on before it is recorded may take to be recorded by its handling;
# then it is recorded on its own (Telegram is told of a batch only once all of it is).
RECORD_AFTER = 0.01
# python-telegram-bot prefers Bot.get_updates; we need the JSON as Telegram sent it, to store.
warnings.filterwarnings("ignore", message=r".*Bot\.getUpdates", category=PTBUserWarning)


async def replay(application: DeskApplication) -> None:
    """Hand the Application what the inbox holds unprocessed, oldest first."""
    async with application.bot_data.desk.sessions() as session:
        left = await inbox.unprocessed(session=session)
    if left:
        log.info("handling %d updates received before the last stop", len(left))
    for payload in left:
        await application.update_queue.put(Update.de_json(payload, application.bot))


async def take(application: DeskApplication, payloads: list[dict[str, Any]]) -> None:
    """Record updates (committed when this returns), each with its chat, and queue the new
    ones for handling. With several processes (PostgreSQL), a repeat still unprocessed is
    queued too: Telegram sends again what a killed process recorded but never confirmed, and
    whoever holds its chat then handles it, once (handlers/runtime/processing.py)."""
    desk = application.bot_data.desk
    updates, chats = _decoded(application, payloads)
    new = await inbox.record_committed(
        engine=desk.transactions.engine,
        updates=payloads,
        now=desk.now(),
        chats=chats,
        unprocessed_repeats=desk.chat_locks is not None,
    )
    # Handed on unrecorded before (`take_unrecorded`) and still in hand: not again.
    in_hand = desk.transactions.waiting_to_record(updates)
    desk.transactions.recorded(in_hand)
    for update_id, update in updates.items():
        if update_id in new and update_id not in in_hand:
            await application.update_queue.put(update)


async def take_unrecorded(application: DeskApplication, payloads: list[dict[str, Any]]) -> None:
    """Queue updates for handling first, and return once each is recorded (Telegram may be
    told then): by its handling, with its first effect, in one transaction (bot/transaction.py
    `Transactions.unrecorded`), or here, on its own, if its handling takes longer than
    RECORD_AFTER. Only for a single process polling (the updates of a batch are new: the
    next batch is asked for once this one is recorded) after its first batch went through
    `take` (which recognises what Telegram sends again after a restart)."""
    desk = application.bot_data.desk
    transactions = desk.transactions
    updates, chats = _decoded(application, payloads)
    now = desk.now()
    transactions.unrecorded(inbox.rows_of(payloads, now, chats))
    for update in updates.values():
        await application.update_queue.put(update)
    left = await transactions.until_recorded(updates, RECORD_AFTER)
    metrics.UPDATES_RECEIVED.inc(len(updates) - len(left))
    if left:
        await inbox.record_committed(
            engine=transactions.engine,
            updates=[p for p in payloads if p["update_id"] in left],
            now=now,
            chats=chats,
        )
        transactions.recorded(left)


def _decoded(
    application: DeskApplication, payloads: list[dict[str, Any]]
) -> tuple[dict[int, Update], dict[int, int]]:
    """The updates by id, and the chat of each that has one."""
    updates = {p["update_id"]: Update.de_json(p, application.bot) for p in payloads}
    chats = {
        update_id: update.effective_chat.id
        for update_id, update in updates.items()
        if update.effective_chat is not None
    }
    return updates, chats


class WebhookReceiver:
    """Telegram posts each update here; the 200 goes back only once it is in the inbox."""

    def __init__(
        self,
        application: DeskApplication,
        url: str,
        listen: str,
        port: int,
        path: str,
        secret: str | None,
    ) -> None:
        self.application = application
        self.url, self.listen, self.port, self.path, self.secret = url, listen, port, path, secret
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        await replay(self.application)
        app = web.Application()
        app.router.add_post(f"/{self.path.strip('/')}", self._receive)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.listen, self.port).start()
        for attempt in range(1, SET_WEBHOOK_ATTEMPTS + 1):
            try:
                await self.application.bot.set_webhook(
                    self.url, secret_token=self.secret, allowed_updates=Update.ALL_TYPES
                )
                return
            except RetryAfter as error:  # the rate limiter leaves 429s to the caller
                if attempt == SET_WEBHOOK_ATTEMPTS:
                    raise
                seconds = wait_of(error)
                log.warning("setWebhook: %s; again in %.0f s", error, seconds)
                await asyncio.sleep(seconds)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def running(self) -> bool:
        """Listening for Telegram's posts (for /healthz)."""
        return self._runner is not None

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if self.secret is not None and given != self.secret:
            log.warning("webhook call without the right secret token refused")
            return web.Response(status=403)
        try:
            payload = await request.json()
            if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
                raise ValueError("not an update")
        except ValueError:
            return web.Response(status=400)
        try:
            await take(self.application, [payload])
        except Exception:
            log.exception(
                "could not record update %s; Telegram will send it again", payload["update_id"]
            )
            return web.Response(status=500)
        return web.Response(status=200)


# Seconds Poller.stop waits for the polling loop after cancelling it (it ends at once unless a
# call swallowed the cancel).
STOP_WAIT = 5.0


class Poller:
    def __init__(
        self,
        application: DeskApplication,
        timeout: int = 10,
    ) -> None:
        self.application = application
        self.timeout = timeout
        self._task: asyncio.Task[None] | None = None
        self._hand_on = False  # batches handed on before recording (`take_unrecorded`)

    async def start(self) -> None:
        await replay(self.application)
        self._hand_on = False  # Telegram sends again what the last run left unconfirmed
        self._task = asyncio.create_task(self._poll(), name="shouwen-poller")

    async def stop(self) -> None:
        """Cancel the polling loop and wait for it, at most STOP_WAIT seconds: a getUpdates
        call that swallowed the cancel (seen under load: the loop stayed "cancelling" on an
        open long poll that the server never answered) is left to end when the Application
        closes its connections, with a warning, rather than holding the stop forever."""
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=STOP_WAIT)
        if not done:
            log.warning("polling did not stop within %.0f s of its cancel; going on", STOP_WAIT)
            task.add_done_callback(lambda t: t.cancelled() or t.exception())
            return
        with contextlib.suppress(asyncio.CancelledError):
            await task

    @property
    def running(self) -> bool:
        """The polling loop is alive (for /healthz)."""
        return self._task is not None and not self._task.done()

    async def _poll(self) -> None:
        offset: int | None = None
        failures = 0
        while True:
            try:
                # The raw JSON, stored as Telegram sent it (no round trip through objects).
                payloads = await self.application.bot.do_api_request(
                    "getUpdates",
                    api_kwargs={
                        "offset": offset,
                        "timeout": self.timeout,
                        "allowed_updates": Update.ALL_TYPES,
                    },
                    read_timeout=self.timeout + 10,
                )
            except Exception as error:  # TelegramError, or an answer we could not read
                if _stopping():
                    # The stop's cancel landed as the call failed (aiohttp's read timeout
                    # firing with it comes back as a TelegramError): stop, do not poll again.
                    raise asyncio.CancelledError from error
                failures += 1
                delay = min(30.0, 0.5 * 2**failures)
                log.warning("getUpdates failed (%r); again in %.1f s", error, delay)
                await asyncio.sleep(delay)
                continue
            failures = 0
            if not isinstance(payloads, list) or not payloads:
                continue
            try:
                if self._hand_on:
                    await take_unrecorded(self.application, payloads)
                else:
                    await take(self.application, payloads)
                    # One process alone: from now on an update is recorded with its handling.
                    self._hand_on = self.application.bot_data.desk.chat_locks is None
            except Exception:
                # Not recorded, so not confirmed: Telegram sends them again on the next call,
                # and `take` recognises those handled meanwhile.
                log.exception("could not record %d updates; asking again", len(payloads))
                self._hand_on = False
                await asyncio.sleep(1.0)
                continue
            offset = max(p["update_id"] for p in payloads) + 1  # now Telegram may forget them


def _stopping() -> bool:
    """The running task has been asked to stop (Poller.stop cancelled it), even if the
    CancelledError was turned into another error on its way up."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0
