"""Long polling through the inbox: an update is recorded before Telegram is told it arrived.

Telegram keeps an update until a getUpdates call asks for a later offset. This poller asks for
the next offset only after the updates it received are committed to the inbox, and at start it
hands the Application whatever the inbox holds unprocessed (the bot stopped before handling
it). Repeats (an update seen before) are recorded once and handled once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot import inbox
from bot.desk import Desk

log = logging.getLogger(__name__)
# python-telegram-bot prefers Bot.get_updates; we need the JSON as Telegram sent it, to store.
warnings.filterwarnings("ignore", message=r".*Bot\.getUpdates", category=PTBUserWarning)


class Poller:
    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        timeout: int = 10,
    ) -> None:
        self.application = application
        self.timeout = timeout
        self._task: asyncio.Task[None] | None = None

    @property
    def desk(self) -> Desk:
        desk = self.application.bot_data["desk"]
        assert isinstance(desk, Desk)
        return desk

    async def start(self) -> None:
        async with self.desk.sessions() as session:
            left = await inbox.unprocessed(session=session)
        if left:
            log.info("handling %d updates received before the last stop", len(left))
        for payload in left:
            update = Update.de_json(payload, self.application.bot)
            await self.application.update_queue.put(update)
        self._task = asyncio.create_task(self._poll(), name="shouwen-poller")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

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
            except TelegramError as error:
                failures += 1
                delay = min(30.0, 0.5 * 2**failures)
                log.warning("getUpdates failed (%s); again in %.1f s", error, delay)
                await asyncio.sleep(delay)
                continue
            failures = 0
            if not isinstance(payloads, list) or not payloads:
                continue
            try:
                async with self.desk.sessions() as session, session.begin():
                    new = await inbox.record(
                        session=session, updates=payloads, now=self.desk.now()
                    )
            except Exception:
                # Not recorded, so not confirmed: Telegram sends them again on the next call.
                log.exception("could not record %d updates; asking again", len(payloads))
                await asyncio.sleep(1.0)
                continue
            for payload in payloads:
                if payload["update_id"] in new:
                    update = Update.de_json(payload, self.application.bot)
                    await self.application.update_queue.put(update)
            offset = max(p["update_id"] for p in payloads) + 1  # now Telegram may forget them
