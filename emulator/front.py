"""A front before several bot processes: Telegram's posts to the webhook dealt out in turn
among them, as a load balancer does (round robin; a process that does not answer is passed
over for the next, like nginx's `proxy_next_upstream error`). Telegram posts to one URL, the
front's; which process an update reaches is not up to the bot.

    front = RoundRobinFront(world, ["http://127.0.0.1:8001/hook", "http://127.0.0.1:8002/hook"])
    world.deliver = front.deliver
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout

from emulator.updates import Updates

log = logging.getLogger(__name__)
ROUNDS = 20  # times each process is tried before an update counts as undelivered


class RoundRobinFront:
    """Posts each update to the next of `urls` (see the module's description), with the
    secret the bot gave setWebhook; `failed` counts updates no process took."""

    def __init__(self, updates: Updates, urls: list[str], timeout: float = 30.0) -> None:
        self._updates = updates
        self._urls = list(urls)
        self._turn = itertools.cycle(range(len(self._urls)))
        self._timeout = ClientTimeout(total=timeout)
        self._client: ClientSession | None = None
        self.failed = 0
        self.posted = [0] * len(self._urls)  # updates each process took

    async def deliver(self, update: dict[str, Any]) -> None:
        """Post `update` until a process answers 2xx: the next in turn, then the others, for
        ROUNDS rounds with a pause between them (Telegram sends again, later)."""
        if self._client is None:
            self._client = ClientSession(timeout=self._timeout)
        headers = {}
        if self._updates.webhook_secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self._updates.webhook_secret
        first = next(self._turn)
        for round_ in range(ROUNDS):
            for step in range(len(self._urls)):
                index = (first + step) % len(self._urls)
                try:
                    async with self._client.post(
                        self._urls[index], json=update, headers=headers
                    ) as answer:
                        if answer.status < 300:
                            self.posted[index] += 1
                            return
                except (OSError, ClientError, TimeoutError):
                    pass  # down or restarting: the next one
            await asyncio.sleep(0.1 * (round_ + 1))
        self.failed += 1
        log.warning("update %s reached none of %d processes", update["update_id"], len(self._urls))

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None
