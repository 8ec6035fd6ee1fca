"""Each chat's messages in order when several processes send to it (PostgreSQL).

A message is stored in the transaction that decided it; the process whose transaction it was
sends it (or, once its lease ran out, whoever's poll takes it: bot/outbox.py). Two processes
may then hold messages for one chat: an officer's two replies handled one after the other by
different processes, say. The rule: a message goes only when no message stored before it for
the same chat is still to be sent by someone else; in a staff group, where messages of
different tickets may pass each other anyway (the dispatcher's urgent ones), no message stored
before it for the same ticket. Before a message a sender took since its chat's last look goes,
the sender looks in the table (bot/chat_locks.py `older_unsent`) for such messages not leased
to it (`leased_by`: its own, sent or not, go in its order; those of a process that died wait
for its lease to run out and the poll to take them over); while one waits there, the later
ones wait too, and the sender looks again after TURN_WAIT seconds, then after twice as long
each time up to MAX_TURN_WAIT (a message held elsewhere is usually marked sent within tens of
milliseconds; one a dead process held, only once its lease has run out). A look that overlaps the
sender's poll taking rows over (leased to it in the table before they are in its hands) does
not count: a row taken over is older than what it holds, and goes first. A message is marked sent
only once Telegram has it, so "not still to be sent" means "Telegram has it", the order this
keeps. One look covers every message the sender held when it looked: a message another process
stores after that look cannot have been decided before them.

On SQLite one process sends everything, in its per-chat queues' order: no look there.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from bot.chat_locks import ChatLocks
from bot.outbox import Queued

TURN_WAIT = 0.02  # seconds before the first look again while another's message goes first
MAX_TURN_WAIT = 0.32


def _ticket(item: Queued) -> int | None:
    about = item.message or item.call
    return about.ticket_id if about is not None else None


class Turns:
    """Which of one sender's messages may go now (see the module's description); `holder`:
    the sender, as the table names who leased a message."""

    def __init__(self, locks: ChatLocks, holder: str) -> None:
        self._locks = locks
        self._holder = holder
        self._unchecked: dict[int, set[int]] = {}  # per chat, what came since its last look
        # Per chat, at its last look: the oldest message of each ticket that others hold.
        self._ahead: dict[int, dict[int | None, int]] = {}
        self._waited: dict[int, int] = {}  # per chat, looks in a row that found it must wait
        # Per chat, the newest message the sender took for it: a look covers what is older.
        self._newest: dict[int, int] = {}
        self._covered: dict[int, int] = {}  # per chat, the `below` of its last look

    def arrived(self, item: Queued) -> None:
        """The sender took `item`: its chat is looked at again before it goes."""
        self._unchecked.setdefault(item.chat_id, set()).add(item.id)
        self._newest[item.chat_id] = max(item.id, self._newest.get(item.chat_id, item.id))

    def forget_look(self, chat_id: int) -> None:
        """Look at the chat again before its next message goes."""
        self._unchecked.pop(chat_id, None)

    def pause(self, chat_id: int) -> float:
        """Seconds to wait before looking at the chat again, after a look found it must
        wait: longer the more looks in a row did."""
        waited = self._waited.get(chat_id, 0)
        self._waited[chat_id] = waited + 1
        return min(MAX_TURN_WAIT, TURN_WAIT * (1 << min(waited, 8)))

    def forget(self, chat_id: int) -> None:
        """The chat's queue is empty: nothing kept for it."""
        self._unchecked.pop(chat_id, None)
        self._ahead.pop(chat_id, None)
        self._waited.pop(chat_id, None)
        self._newest.pop(chat_id, None)
        self._covered.pop(chat_id, None)

    async def next(self, chat_id: int, queue: Iterable[Queued], first: Queued) -> Queued | None:
        """The message to send now to `chat_id`: `first` (the dispatcher's choice) unless
        another process holds a message that must go before it, else the first in `queue`
        nothing waits for; None when all wait (look again after `pause`). A look only when
        `first` came since the chat's last look (or none was taken): a busy staff group's
        backlog of thousands goes on one look, where a look per message read the whole backlog
        each time (the scale-out benchmark's staff group: PostgreSQL's largest cost, growing
        with the backlog). Without a look, in time independent of the queue's length."""
        unchecked = self._unchecked.get(chat_id)
        if unchecked is None or (unchecked and not self._looked_at(chat_id, first)):
            # Older than the newest message taken for the chat: every one in `queue` (one
            # sent since only widens the look to messages none in `queue` waits for).
            below = self._newest.get(chat_id) or max(i.id for i in queue)
            self._unchecked[chat_id] = set()  # what comes during the look: the next look's
            try:
                found = await self._locks.older_unsent(chat_id, below, self._holder)
            except BaseException:
                self.forget_look(chat_id)
                raise
            self._ahead[chat_id], self._covered[chat_id] = found, below
        ahead = self._ahead.get(chat_id, {})
        if not ahead:
            self._waited.pop(chat_id, None)
            return first
        for item in itertools.chain((first,), queue):
            if self._looked_at(chat_id, item) and not self._waits(chat_id, item, ahead):
                self._waited.pop(chat_id, None)
                return item
        self.forget_look(chat_id)
        return None

    def _looked_at(self, chat_id: int, item: Queued) -> bool:
        """Whether the chat's last look covered `item`: older than its `below`, and held
        when it began (not among what came since)."""
        return item.id <= self._covered.get(chat_id, 0) and item.id not in self._unchecked.get(
            chat_id, ()
        )

    @staticmethod
    def _waits(chat_id: int, item: Queued, ahead: dict[int | None, int]) -> bool:
        if chat_id < 0:  # a group: the ticket's own order
            oldest = ahead.get(_ticket(item))
            return oldest is not None and oldest < item.id
        return min(ahead.values()) < item.id
