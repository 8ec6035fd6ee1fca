"""The bot's queue of updates: numbered, checked against the specification, and given to the
bot by long polling (getUpdates) or posted to its webhook, as the bot asked for them."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import Awaitable, Callable
from typing import Any

from emulator.errors import api_error

# Sent only to a bot that names them in allowed_updates (getUpdates, setWebhook).
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class Updates:
    """The update queue part of the World (see emulator/world.py)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.updates: list[dict[str, Any]] = []
        # Like Telegram's, update ids go on rising across restarts (a bot's inbox remembers
        # them): they start from the clock, in milliseconds, within 31 bits.
        self._update_ids = itertools.count(int(clock() * 1000) % 2_000_000_000 + 1)
        self._new_update = asyncio.Condition()
        # The server is stopping: long polls waiting now answer at once (`release_polls`).
        self._stopping = False
        # Webhook mode: where updates are posted instead of queued for getUpdates.
        self.webhook_url: str | None = None
        self.webhook_secret: str | None = None
        self.deliver: Callable[[dict[str, Any]], Awaitable[None]] | None = None
        # The kinds of update the bot asked for last (None: Telegram's default, every kind
        # but NOT_BY_DEFAULT); Telegram remembers it from one call to the next.
        self.allowed_updates: list[str] | None = None
        # Called with each update before it is queued: what is wrong with it against the
        # specification (the server checks in strict mode; an update off it is an error).
        self.check_update: Callable[[dict[str, Any]], list[str]] | None = None

    def allows(self, kind: str) -> bool:
        """Whether the bot receives updates of this kind (`chat_member`, say) as it asked."""
        if not self.allowed_updates:
            return kind not in NOT_BY_DEFAULT
        return kind in self.allowed_updates

    def remember_allowed(self, allowed: list[str] | None) -> None:
        """allowed_updates as a call gave it: unchanged when not given."""
        if allowed is not None:
            self.allowed_updates = list(allowed)

    def updates_above(self, update_id: int) -> None:
        """The next update ids are above `update_id` (and above those given so far)."""
        self._update_ids = itertools.count(max(next(self._update_ids), update_id + 1))

    async def _push(self, update: dict[str, Any]) -> dict[str, Any]:
        return await self.deliver_again({"update_id": next(self._update_ids), **update})

    async def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Any other update (a channel post, say), given without its id: the next one."""
        return await self._push(update)

    async def deliver_again(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update as it is, id included: Telegram sends an update again when the
        bot's getUpdates never confirmed it. Raises ValueError for an update off the
        specification (when checked)."""
        if self.check_update is not None:
            problems = self.check_update(update)
            if problems:
                raise ValueError(f"update off the specification: {problems[:3]}")
        if self.webhook_url is not None and self.deliver is not None:
            await self.deliver(update)
            return update
        async with self._new_update:
            self.updates.append(update)
            self._new_update.notify_all()
        return update

    async def get_updates(
        self, offset: int | None, limit: int, wait: float, allowed: list[str] | None
    ) -> list[dict[str, Any]]:
        """Long polling: confirm what came before `offset`, wait up to `wait` seconds for more."""
        if self.webhook_url is not None:
            raise api_error("webhook_active")
        self.remember_allowed(allowed)
        if offset is not None:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

        def ready() -> list[dict[str, Any]]:
            found = [u for u in self.updates if any(self.allows(k) for k in u if k != "update_id")]
            return found[: max(1, min(limit, 100))]

        async with self._new_update:
            if not ready() and wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._new_update.wait_for(lambda: bool(ready()) or self._stopping), wait
                    )
            return ready()

    async def release_polls(self, stopping: bool = True) -> None:
        """The server stops (`stopping`): a long poll waiting now answers at once with what
        there is, as a poll that times out, instead of holding the stop up to its timeout;
        False: it serves again."""
        async with self._new_update:
            self._stopping = stopping
            self._new_update.notify_all()
