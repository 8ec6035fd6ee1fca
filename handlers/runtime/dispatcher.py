"""Everything the bot says, sent from the outbox: in order per chat, within Telegram's limits.

Each chat with something to send has a worker of its own, so a staff group held back by
Telegram's 20-messages-a-minute limit (or a chat answering 429) delays nobody else, and no
handler waits for Telegram. A message is marked sent, together with what its sending means
(bot/delivery.py), once Telegram accepted it. The parts, each in its module here:

- calls.py: an outbox row as its Bot API call (rendering, topics, the card to reply to);
- outcomes.py: what a 429, 5xx, 403 or 400 means for the row;
- marking.py: sent rows marked in batches;
- polling.py: what is due taken from the table, the leases kept;
- ordering.py: with several processes (PostgreSQL), a message held back while another
  process still has one to send before it in the chat;
- this module: the per-chat queues and their workers, and `build_dispatcher`, which wires them.

Messages come from transactions as they commit (the dispatcher's `submit` is connected as the
sender of the desk's transactions while the bot runs: handlers/app.py `Services`), and from
the poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter, deque
from collections.abc import Iterable

from telegram import Bot
from telegram.error import TelegramError

from bot import delivery, logs, outbox
from bot.desk import Desk
from bot.intake import offers
from bot.notices import CARD_REFRESH
from bot.outbox import Queued
from handlers.runtime.calls import SKIPPED, Calls, Reordered
from handlers.runtime.marking import Marker
from handlers.runtime.ordering import TURN_WAIT, Turns
from handlers.runtime.outcomes import PAUSED, Outcomes
from handlers.runtime.polling import OutboxPoll
from handlers.runtime.redraws import Redraws

log = logging.getLogger(__name__)
CONCURRENT_SENDS = 8  # calls to private chats at once (see Calls.call)
MARKING = -1.0  # an attempt's outcome: sent, to be marked by the marker
# What goes ahead of bulk (copies of messages, topics) in a chat that has a backlog.
URGENT = {
    "card",  # a new ticket's card as stored before it was a notice
    "ticket_card",
    "escalation",
    "handoff_card",
    "handoff_overdue",
    "alert_keyword",
    "alert_surge",
    "alert_complaint",  # a complaint of a ticket's handling (bot/complaints.py)
    "emergency_advice",
    "flood_heard",  # in danger over the limit: all heard, the numbers (bot/flood_heard.py)
    "unreachable",
    "reachable",
    "reply",
}
LOOKAHEAD = 500
STOP_GRACE = 5.0  # seconds a stop waits for the calls under way (see Dispatcher.stop)


class Dispatcher:
    """The sender of one bot process (see the module's description); `in_hand` holds the
    rows it took, by id, until they are done with (shared with the marker and the poll)."""

    def __init__(
        self,
        desk: Desk,
        calls: Calls,
        outcomes: Outcomes,
        marker: Marker,
        in_hand: dict[int, Queued],
    ) -> None:
        self._desk = desk
        self._calls = calls
        self._outcomes = outcomes
        self._marker = marker
        self._known = in_hand
        self._queues: dict[int, deque[Queued]] = {}
        self._urgent: Counter[int] = Counter()  # urgent messages in each chat's queue
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._stopped = False
        self._stopping = asyncio.Event()  # set with `_stopped`: the workers' waits end
        self._late: list[asyncio.Task[None]] = []  # giving back what came after the stop
        self.poll = OutboxPoll(desk, in_hand, self.submit)
        # A card redrawn at most once per a few seconds (handlers/runtime/redraws.py).
        self._redraws = Redraws(self._redraw_due, self._redraw_replaced)
        # Several processes on one database: a chat's messages in order across them.
        locks = desk.chat_locks
        holder = desk.transactions.holder
        self._turns = Turns(locks, holder) if locks is not None else None

    @property
    def batch(self) -> int:
        """Rows claimed from the table at a time."""
        return self.poll.batch

    @batch.setter
    def batch(self, rows: int) -> None:
        self.poll.batch = rows

    # -- taking work ------------------------------------------------------------------------

    def submit(self, items: list[Queued], first: bool = False) -> None:
        """Queue messages behind what their chats already wait for (`first`: ahead of it);
        start their workers. Once stopped, the messages are given back to the table for the
        next start."""
        if self._stopped:
            self._late.append(asyncio.create_task(self.poll.give_back([i.id for i in items])))
            return
        for item in reversed(items) if first else items:
            if item.id in self._known:
                continue
            self._known[item.id] = item
            if not first and self._redraws.hold(item):
                continue  # in hand, held back: a later redraw of its card may replace it
            queue = self._queues.setdefault(item.chat_id, deque())
            if first:
                queue.appendleft(item)
            elif self._turns is not None:
                # In the table's order: a message the poll took over from a process that
                # died goes before the later ones of its chat this process holds.
                at = len(queue)
                while at > 0 and queue[at - 1].id > item.id:
                    at -= 1
                queue.insert(at, item)
            else:
                queue.append(item)
            if item.kind in URGENT:
                self._urgent[item.chat_id] += 1
            if self._turns is not None:
                self._turns.arrived(item)
            if item.chat_id not in self._workers:
                self._workers[item.chat_id] = asyncio.create_task(self._work(item.chat_id))

    def _redraw_due(self, item: Queued) -> None:
        """A held redraw's window ended: it goes now."""
        self._known.pop(item.id, None)
        self.submit([item])

    def _redraw_replaced(self, item: Queued) -> None:
        """A later redraw of the same card replaced `item`: marked as not needed."""
        self._marker.add(item.id, outbox.SKIPPED)

    async def start(self) -> None:
        """Send from now on: the poll and the marker run. (What transactions commit comes
        here once `submit` is connected to them: `desk.transactions.connect`.)"""
        self.poll.start()
        self._marker.start()

    @property
    def running(self) -> bool:
        """Started, not stopped, and its poll alive (for /healthz)."""
        return not self._stopped and self.poll.running

    async def stop(self) -> None:
        """Stop sending; what was in hand is given back at once for the next start, and so is
        whatever is submitted from now on."""
        self._stopped = True
        self._stopping.set()
        self._redraws.stop()  # what it held is in hand: given back with the rest
        await self.poll.stop()
        workers = list(self._workers.values())
        # A call under way finishes and is marked: cut off, Telegram may have it all the same,
        # and given back it would go a second time from the next start. The workers take no
        # next message once stopped, nor wait to try one again; a call is cut off after STOP_GRACE.
        if workers:
            await asyncio.wait(workers, timeout=STOP_GRACE)
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        await self._marker.stop()
        await self.poll.give_back(list(self._known))
        self._known.clear()
        self._queues.clear()
        self._urgent.clear()
        self._workers.clear()

    # -- sending ----------------------------------------------------------------------------

    async def _work(self, chat_id: int) -> None:
        logs.bind(chat_id=chat_id, update_id=None, ticket_id=None)  # this worker's log lines
        queue = self._queues[chat_id]
        try:
            while queue and not self._stopped:
                # Looking past the first message only when an urgent one waits, and only in a
                # group (held back by its 20 a minute): a private chat hears all in order (a
                # returning requester's missed messages before the answer to their words).
                urgent = self._urgent[chat_id] and chat_id < 0
                item = _next(queue) if urgent else queue[0]
                if self._turns is not None:
                    if self.poll.claiming:  # rows taken over may have to go first: after it
                        await self._rest(TURN_WAIT)
                        continue
                    claims = self.poll.claims
                    try:
                        chosen = await self._turns.next(chat_id, queue, item)
                    except Exception:  # the database: look again in a while
                        log.exception("could not look for messages to chat %s first", chat_id)
                        await self._rest(1.0)
                        continue
                    if chosen is None:  # another process sends first
                        await self._rest(self._turns.pause(chat_id))
                        continue
                    # Nothing sent on a look while the poll took rows over (they may go first).
                    if self.poll.claiming or self.poll.claims != claims:
                        self._turns.forget_look(chat_id)
                        await self._rest(TURN_WAIT)
                        continue
                    item = chosen
                wait: float | None
                try:
                    if superseded(item, queue):
                        self._marker.add(item.id, outbox.SKIPPED)
                        wait = MARKING
                    else:
                        wait = await self._attempt(item)
                except Exception:  # the database, say: this message waits, the others too
                    log.exception("outbox message %s could not be sent", item.id)
                    wait = self._outcomes.failed(item)
                if wait == PAUSED:
                    # The chat is paused: what was parked in the table is let go of; a
                    # message saved while it was parked stays in hand (tried, then parked).
                    parked = self._outcomes.parked.pop(chat_id, frozenset()) | {item.id}
                    for held in [held for held in queue if held.id in parked]:
                        queue.remove(held)
                        self._known.pop(held.id, None)
                        if held.kind in URGENT:
                            self._urgent[chat_id] -= 1
                elif wait is None or wait == MARKING:
                    queue.remove(item)
                    if item.kind in URGENT:
                        self._urgent[chat_id] -= 1
                    if wait is None:  # else in hand until the marker has marked it
                        self._known.pop(item.id, None)
                else:
                    await self._rest(wait)
        finally:
            if self._workers.get(chat_id) is asyncio.current_task():
                del self._workers[chat_id]
            if not queue and self._queues.get(chat_id) is queue:
                del self._queues[chat_id]
                self._urgent.pop(chat_id, None)
                if self._turns is not None:
                    self._turns.forget(chat_id)

    async def _rest(self, seconds: float) -> None:
        """Wait `seconds` before a worker's next try, or until the dispatcher stops."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    async def _attempt(self, item: Queued) -> float | None:
        """Send one message; None when it is done with (sent or given up), MARKING when it is
        sent and waits for the marker, else the seconds to wait before trying it again."""
        about = item.message or item.call
        logs.bind(ticket_id=about.ticket_id if about is not None else None)
        try:
            result = await self._calls.send(item)
        except Reordered as reordered:
            self.submit(reordered.ahead, first=True)
            return 0.0  # something now goes first: the worker takes it, then this again
        except TelegramError as error:
            return await self._outcomes.refused(item, error)
        try:
            skipped = result is SKIPPED
            if skipped or item.call is None or item.call.after is None:
                # The common case: marked with whatever else was sent meanwhile.
                self._marker.add(item.id, outbox.SKIPPED if skipped else None)
                return MARKING
            call = item.call
            if call.after == "link" and call.ticket_id is not None and result:
                # Linked to its ticket with the marks: nothing waits for the link.
                link = delivery.Link(
                    call.chat_id,
                    result["message_id"],
                    call.ticket_id,
                    call.kind,
                    delivery.carried(item),
                )
                self._marker.add(item.id, None, link)
                return MARKING
            if call.after == offers.AFTER and result:
                # A message with an inquiry's buttons: recorded with the marks likewise.
                self._marker.add(item.id, None, offer=(call.chat_id, result["message_id"]))
                return MARKING
            await self._outcomes.sent_with_effects(item, result)
        except Exception:
            # Telegram has it; without the mark it may go once more when its lease runs out.
            log.exception("sent outbox message %s but could not mark it", item.id)
        return None


def superseded(item: Queued, queue: Iterable[Queued]) -> bool:
    """Whether `item` is a redraw of a ticket's card (CARD_REFRESH) with a later redraw of the
    same card behind it in its chat's queue: that one shows the ticket as it is when it is
    sent, so this one need not go (a busy staff group gets one edit of a card, not one per
    message its requester sent meanwhile; Telegram allows a group 20 a minute)."""
    if item.message is None or item.message.template != CARD_REFRESH:
        return False
    ticket_id = item.message.ticket_id
    return any(
        other.id > item.id
        and other.chat_id == item.chat_id
        and other.message is not None
        and other.message.template == CARD_REFRESH
        and other.message.ticket_id == ticket_id
        for other in queue
    )


def _next(queue: deque[Queued]) -> Queued:
    """The message a chat gets next: the first one, unless an urgent one waits behind bulk
    (a new card or an escalation behind copies of requesters' messages in a busy staff group,
    which Telegram lets a bot send 20 of a minute). An urgent message never overtakes one of
    its own ticket's, so each ticket's conversation keeps its order."""
    if queue[0].kind in URGENT:
        return queue[0]
    tickets_before: set[int | None] = set()
    for number, item in enumerate(queue):
        if number >= LOOKAHEAD:
            break
        ticket_id = item.call.ticket_id if item.call is not None else None
        if item.message is not None:
            ticket_id = item.message.ticket_id
        if item.kind in URGENT and ticket_id not in tickets_before:
            return item
        tickets_before.add(ticket_id)
    return queue[0]


def build_dispatcher(bot: Bot, desk: Desk, senders: int = CONCURRENT_SENDS) -> Dispatcher:
    """The sender of one bot process, wired: `senders` calls to private chats at once."""
    in_hand: dict[int, Queued] = {}
    return Dispatcher(
        desk,
        calls=Calls(bot, desk, senders),
        outcomes=Outcomes(desk, bot),
        marker=Marker(desk, in_hand),
        in_hand=in_hand,
    )
