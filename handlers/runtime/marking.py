"""Sent messages marked in batches: per message, a transaction cost more than the rest of its
sending. A crash repeats what was sent but not yet marked: what was sent in the last MARK_AFTER
seconds and during the marking transaction."""

from __future__ import annotations

import asyncio
import logging

from bot import delivery
from bot.desk import Desk
from bot.outbox import Queued

log = logging.getLogger(__name__)
MARK_AFTER = 0.02  # seconds the marker gathers sent messages before marking them at once


class Marker:
    """Marks what a sender's workers sent; a message stays in `in_hand` (the sender's rows,
    by id, whose leases it keeps) until its mark is committed."""

    def __init__(self, desk: Desk, in_hand: dict[int, Queued]) -> None:
        self._desk = desk
        self._in_hand = in_hand
        self._unmarked: list[tuple[int, str | None]] = []  # sent, not yet marked: (id, note)
        self._links: list[delivery.Link] = []  # what of it stands for a ticket
        self._offers: list[tuple[int, int]] = []  # what carries an inquiry's buttons
        self._marking = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def add(
        self,
        message_id: int,
        note: str | None = None,
        link: delivery.Link | None = None,
        offer: tuple[int, int] | None = None,
    ) -> None:
        """Telegram has the message (with note=outbox.SKIPPED: it was not needed): to mark,
        and with `link`, to link to its ticket in the same transaction; with `offer` (chat
        id, message id), to record as carrying an inquiry's buttons (bot/intake/offers.py)."""
        self._unmarked.append((message_id, note))
        if link is not None:
            self._links.append(link)
        if offer is not None:
            self._offers.append(offer)
        self._marking.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._mark_forever())

    async def stop(self) -> None:
        """Stop the marking task, then mark what is left (a failure is logged: those messages
        go once more after their leases)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        try:
            await self.mark()
        except Exception:
            log.exception("could not mark %d sent messages", len(self._unmarked))

    async def _mark_forever(self) -> None:
        while True:
            await self._marking.wait()
            await asyncio.sleep(MARK_AFTER)  # the sends of the next moments in one transaction
            self._marking.clear()
            try:
                await self.mark()
            except Exception:
                log.exception("could not mark sent messages; trying again")
                await asyncio.sleep(1)
                self._marking.set()

    async def mark(self) -> None:
        """Mark everything waiting, in one transaction; on failure it waits for the next."""
        marks, self._unmarked = self._unmarked, []
        links, self._links = self._links, []
        offers, self._offers = self._offers, []
        if not marks:
            return
        desk = self._desk
        try:
            await delivery.mark_sent(
                engine=desk.transactions.engine,
                marks=marks,
                now=desk.now(),
                links=links,
                offers=offers,
            )
        except BaseException:
            self._unmarked[:0] = marks
            self._links[:0] = links
            self._offers[:0] = offers
            raise
        for message_id, _ in marks:
            self._in_hand.pop(message_id, None)
