"""The outbox's poll: every POLL_SECONDS, the leases on the rows in hand are kept, and what is
due is taken (the sweep's messages, retries, what a crashed process left behind once its lease
ran out). On PostgreSQL several processes take turns without taking one row twice (SKIP LOCKED,
bot/outbox.py)."""

from __future__ import annotations

import asyncio
import logging

from bot import outbox
from bot.desk import Desk
from bot.outbox import LEASE, Queued
from bot.transaction import Sender

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0


class OutboxPoll:
    """Keeps the leases on `in_hand` (the sender's rows, by id) and hands what is due to
    `submit`, `batch` rows at a time."""

    def __init__(
        self, desk: Desk, in_hand: dict[int, Queued], submit: Sender, batch: int = 200
    ) -> None:
        self._desk = desk
        self._in_hand = in_hand
        self._submit = submit
        self.batch = batch
        # From the claim's start until what it took is submitted: rows leased to this sender
        # in the table that are not in its hands yet (handlers/runtime/ordering.py waits).
        self.claiming = False
        self.claims = 0  # claims begun so far
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._poll_forever())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    @property
    def running(self) -> bool:
        """The poll's loop is alive."""
        return self._task is not None and not self._task.done()

    async def _poll_forever(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                await self.poll()
            except Exception:
                log.exception("outbox poll failed; trying again")

    async def poll(self) -> None:
        """Keep the leases on what is in hand, and take what is due."""
        now = self._desk.now()
        until = now + LEASE
        expiring = [q for q in self._in_hand.values() if q.leased_until - now < LEASE / 2]
        holder = self._desk.transactions.holder
        self.claiming = True
        self.claims += 1
        try:
            async with self._desk.transaction() as tx:
                if expiring:
                    await outbox.renew(
                        session=tx.session,
                        message_ids=[q.id for q in expiring],
                        until=until,
                        holder=holder,
                    )
                claimed = await outbox.claim_due(
                    session=tx.session, now=now, limit=self.batch, holder=holder
                )
            for item in expiring:
                item.leased_until = until
            self._submit(claimed)
        finally:
            self.claiming = False

    async def give_back(self, message_ids: list[int]) -> None:
        """Unsent messages due at once again, for whoever sends next (the next start); a
        failure is logged (they then wait for their leases)."""
        if not message_ids:
            return
        try:
            async with self._desk.transaction() as tx:
                await outbox.renew(session=tx.session, message_ids=message_ids, until=tx.now)
        except Exception:
            log.exception("could not give back %d unsent messages", len(message_ids))
