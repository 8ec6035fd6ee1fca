"""Everything the bot says, sent from the outbox: in order per chat, within Telegram's limits.

Each chat with something to send has a worker of its own, so a staff group held back by
Telegram's 20-messages-a-minute limit (or a chat answering 429) delays nobody else, and no
handler waits for Telegram. A message is marked sent, together with what its sending means
(a card's message id, a copy linked to its ticket, a new topic), once Telegram accepted it:

- 429: the chat waits `retry_after`, then the same message goes again;
- 5xx, timeouts, a lost connection: again with exponential backoff and jitter, at most
  MAX_ATTEMPTS times;
- 403 (a requester blocked the bot): given up; the requester is marked unreachable, a note goes
  on each of their tickets in hand and the owners are told;
- 400 for a ticket's topic (closed or deleted by someone): a new topic is opened and the message
  sent there; any other 400 is given up and logged.

Messages come from handlers as their transactions commit (`outbox.delivering`), and from a
poll of the table every POLL_SECONDS: the sweep's messages, retries, and what a crashed process
left behind once its lease ran out.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import random
import warnings
from collections import Counter, deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes
from telegram.warnings import PTBUserWarning

from bot import outbox, requesters, retention, tickets
from bot.desk import Desk
from bot.models import Ticket
from bot.outbox import LEASE, Queued
from bot.outgoing import Outgoing
from bot.sweep import run_due
from handlers import keyboards, post
from handlers.common import desk_of, wait_of

log = logging.getLogger(__name__)
# do_api_request for a method the Bot class also has warns, suggesting the method: here the
# JSON in and out is the point (see Dispatcher._call).
warnings.filterwarnings("ignore", message="Please use 'Bot", category=PTBUserWarning)
MAX_ATTEMPTS = 20
POLL_SECONDS = 1.0
CONCURRENT_SENDS = 8  # calls to private chats at once (see Dispatcher._call)
RETENTION_EVERY = timedelta(hours=1)
MARKING = -1.0  # an attempt's outcome: sent, to be marked by the marker
MARK_AFTER = 0.02  # seconds the marker gathers sent messages before marking them at once
SKIPPED: dict[str, Any] = {"skipped": True}  # the result of a call that had nothing to do
# What goes ahead of bulk (copies of messages, topics) in a chat that has a backlog.
URGENT = {
    "card",
    "escalation",
    "handoff_card",
    "handoff_overdue",
    "alert_keyword",
    "alert_surge",
    "unreachable",
    "reply",
}
LOOKAHEAD = 500
# What only a ticket's topic needs: in a group without topics the card's replies hold it all.
FORUM_ONLY = {"topic_intro", "history"}


def backoff(attempts: int) -> float:
    """Seconds before attempt `attempts + 1`: exponential, capped at 10 minutes, with jitter
    so that retries do not come in herds."""
    return min(600.0, 2.0**attempts) * random.uniform(0.5, 1.0)


def _markup(desk: Desk, message: Outgoing) -> InlineKeyboardMarkup | None:
    """An escalation reaching a supervisor or management carries the means to act on it."""
    staff = desk.rules.staff
    supervising = message.chat_id == desk.settings.management.chat_id or (
        staff.is_supervisor(message.chat_id) or staff.is_management(message.chat_id)
    )
    if message.template != "escalation" or message.ticket_id is None or not supervising:
        return None
    return keyboards.escalation(desk, message.ticket_id)


class Dispatcher:
    """The sender of one bot process (see the module's description)."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        senders: int = CONCURRENT_SENDS,
    ) -> None:
        self._bot: Bot = application.bot
        self._desk: Desk = application.bot_data["desk"]
        self._engine: AsyncEngine = self._desk.sessions.kw["bind"]
        self._queues: dict[int, deque[Queued]] = {}
        self._urgent: Counter[int] = Counter()  # urgent messages in each chat's queue
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._known: dict[int, Queued] = {}  # in this process's hands, not yet done
        self._forums: dict[int, bool] = {}
        self._poller: asyncio.Task[None] | None = None
        self._marker: asyncio.Task[None] | None = None
        self._unmarked: list[tuple[int, str | None]] = []  # sent, not yet marked: (id, note)
        self._marking = asyncio.Event()
        self._stopped = False
        self._late: list[asyncio.Task[None]] = []  # giving back what came after the stop
        self.batch = 200  # messages claimed from the table at a time
        # Calls to Telegram at once, across chats: no more than the HTTP pool's connections,
        # whose queue costs time in proportion to its length for every request.
        self._sending = asyncio.Semaphore(senders)

    # -- taking work ------------------------------------------------------------------------

    def submit(self, items: list[Queued], first: bool = False) -> None:
        """Queue messages behind what their chats already wait for (`first`: ahead of it);
        start their workers. Once stopped, the messages are given back to the table for the
        next start."""
        if self._stopped:
            self._late.append(
                asyncio.create_task(
                    self._give_back([i.id for i in items]), context=contextvars.Context()
                )
            )
            return
        for item in reversed(items) if first else items:
            if item.id in self._known:
                continue
            self._known[item.id] = item
            queue = self._queues.setdefault(item.chat_id, deque())
            if first:
                queue.appendleft(item)
            else:
                queue.append(item)
            if item.kind in URGENT:
                self._urgent[item.chat_id] += 1
            if item.chat_id not in self._workers:
                # A context of its own: not the handler's that happened to start it (whose
                # update the inbox would otherwise mark with the worker's writes).
                self._workers[item.chat_id] = asyncio.create_task(
                    self._work(item.chat_id), context=contextvars.Context()
                )

    async def start(self) -> None:
        self._poller = asyncio.create_task(self._poll_forever(), context=contextvars.Context())
        self._marker = asyncio.create_task(self._mark_forever(), context=contextvars.Context())

    async def stop(self) -> None:
        """Stop sending; what was in hand is given back at once for the next start."""
        self._stopped = True
        tasks = [t for t in [self._poller, self._marker, *self._workers.values()] if t]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._poller = self._marker = None
        try:
            await self._mark_sent()
        except Exception:
            log.exception("could not mark %d sent messages", len(self._unmarked))
        await self._give_back(list(self._known))
        self._known.clear()
        self._queues.clear()
        self._urgent.clear()
        self._workers.clear()

    async def _give_back(self, message_ids: list[int]) -> None:
        """Unsent messages due at once again, for whoever sends next (the next start)."""
        if not message_ids:
            return
        try:
            async with self._desk.sessions() as session, session.begin():
                await outbox.renew(
                    session=session, message_ids=message_ids, until=self._desk.now()
                )
        except Exception:
            log.exception("could not give back %d unsent messages", len(message_ids))

    async def _mark_forever(self) -> None:
        """Mark what the workers sent, all that is waiting in one transaction: per message,
        a transaction cost more than the rest of its sending. A crash repeats what was sent
        but not yet marked: what was sent in the last MARK_AFTER seconds and during the
        marking transaction."""
        while True:
            await self._marking.wait()
            await asyncio.sleep(MARK_AFTER)  # the sends of the next moments in one transaction
            self._marking.clear()
            try:
                await self._mark_sent()
            except Exception:
                log.exception("could not mark sent messages; trying again")
                await asyncio.sleep(1)
                self._marking.set()

    async def _mark_sent(self) -> None:
        marks, self._unmarked = self._unmarked, []
        if not marks:
            return
        try:
            async with self._engine.begin() as connection:
                await outbox.sent_many(connection=connection, marks=marks, now=self._desk.now())
        except BaseException:
            self._unmarked[:0] = marks
            raise
        for message_id, _ in marks:
            self._known.pop(message_id, None)

    async def _poll_forever(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                await self.poll()
            except Exception:
                log.exception("outbox poll failed; trying again")

    async def poll(self) -> None:
        """Keep the leases on what is in hand, and take what is due."""
        desk = self._desk
        now = desk.now()
        until = now + LEASE
        expiring = [q for q in self._known.values() if q.leased_until - now < LEASE / 2]
        async with desk.sessions() as session, session.begin():
            if expiring:
                await outbox.renew(
                    session=session, message_ids=[q.id for q in expiring], until=until
                )
            claimed = await outbox.claim_due(session=session, now=now, limit=self.batch)
        for item in expiring:
            item.leased_until = until
        self.submit(claimed)

    # -- sending ----------------------------------------------------------------------------

    async def _work(self, chat_id: int) -> None:
        queue = self._queues[chat_id]
        try:
            while queue:
                # Looking past the first message only when an urgent one waits.
                item = _next(queue) if self._urgent[chat_id] else queue[0]
                try:
                    wait = await self._attempt(item)
                except Exception:  # the database, say: this message waits, the others too
                    log.exception("outbox message %s could not be sent", item.id)
                    item.attempts += 1
                    wait = backoff(item.attempts) if item.attempts < MAX_ATTEMPTS else None
                if wait is None or wait == MARKING:
                    queue.remove(item)
                    if item.kind in URGENT:
                        self._urgent[chat_id] -= 1
                    if wait is None:  # else in hand until the marker has marked it
                        self._known.pop(item.id, None)
                else:
                    await asyncio.sleep(wait)
        finally:
            if self._workers.get(chat_id) is asyncio.current_task():
                del self._workers[chat_id]
            if not queue and self._queues.get(chat_id) is queue:
                del self._queues[chat_id]
                self._urgent.pop(chat_id, None)

    async def _attempt(self, item: Queued) -> float | None:
        """Send one message; None when it is done with (sent or given up), MARKING when it is
        sent and waits for the marker, else the seconds to wait before trying it again."""
        desk = self._desk
        try:
            result = await self._send(item)
        except _Reordered:
            return 0.0  # something now goes first: the worker takes it, then this again
        except RetryAfter as error:
            wait = wait_of(error)
            await self._reschedule(item, wait, str(error), count=False)
            return wait
        except Forbidden as error:
            await self._give_up(item, error, unreachable=item.chat_id > 0)
            return None
        except BadRequest as error:
            await self._give_up(item, error)
            return None
        except TelegramError as error:  # 5xx, timeouts, the connection, anything else
            if item.attempts + 1 >= MAX_ATTEMPTS:
                await self._give_up(item, error)
                return None
            wait = backoff(item.attempts + 1)
            await self._reschedule(item, wait, str(error), count=True)
            return wait
        try:
            skipped = result is SKIPPED
            note = outbox.SKIPPED if skipped else None
            if skipped or item.call is None or item.call.after is None:
                # The common case: marked with whatever else was sent meanwhile.
                self._unmarked.append((item.id, note))
                self._marking.set()
                return MARKING
            else:
                async with desk.sessions() as session, session.begin():
                    await outbox.sent(
                        connection=await session.connection(), message_id=item.id, now=desk.now()
                    )
                    await self._record(session, item, result)
        except Exception:
            # Telegram has it; without the mark it may go once more when its lease runs out.
            log.exception("sent outbox message %s but could not mark it", item.id)
        return None

    async def _send(self, item: Queued) -> dict[str, Any]:
        if item.message is not None:
            message = item.message
            desk = self._desk
            text = desk.texts.render(message.template, message.language, **message.context)
            rendered = post.message(message.chat_id, text, _markup(desk, message))
            return await self._call(rendered.method, rendered.params)
        assert item.call is not None
        call = item.call
        if call.method == "createForumTopic":
            has_topic = (
                call.ticket_id is not None
                and (await self._ticket(call.ticket_id)).staff_thread_id is not None
            )
            if has_topic or not await self._is_forum(call.chat_id):
                return SKIPPED
            return await self._call(call.method, call.params)
        if not call.in_topic or call.ticket_id is None:
            return await self._call(call.method, call.params)
        ticket = await self._ticket(call.ticket_id)
        params = dict(call.params)
        if ticket.staff_thread_id is not None:
            params["message_thread_id"] = ticket.staff_thread_id
            try:
                return await self._call(call.method, params)
            except BadRequest as error:
                if not _topic_gone(error) or item.reopened_topic or call.kind == "topic_intro":
                    raise  # a message opens a new topic once, an introduction never: no loop
                item.reopened_topic = True
                # Someone closed or deleted the topic: the ticket gets a new one, introduced
                # before this message goes there.
                log.warning("topic of ticket %s unusable (%s); opening another", ticket.id, error)
                await self._reopen_topic(ticket)
                raise _Reordered from None
        forum = await self._is_forum(call.chat_id)
        if forum and call.kind == "relay":
            return SKIPPED  # copied into the topic with the rest when someone claims it
        if not forum and call.kind in FORUM_ONLY:
            return SKIPPED
        if not forum and ticket.card_message_id is not None:
            params["reply_parameters"] = {
                "message_id": ticket.card_message_id,
                "allow_sending_without_reply": True,
            }
        return await self._call(call.method, params)

    async def _call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """Make a call as stored; its result as Telegram's JSON (a message id, a topic's thread
        id). python-telegram-bot's flood limiter, errors and retries apply as to its own
        methods, without building a Message from every answer only to read its id (that was a
        tenth of the bot's CPU per update).

        A group's calls do not take one of the places: they may wait in the rate limiter for
        the group's 20 a minute, and would hold a place the requesters' replies need the
        while. One worker per group bounds them anyway."""
        chat_id = params.get("chat_id")
        group = isinstance(chat_id, int) and chat_id < 0
        async with contextlib.nullcontext() if group else self._sending:
            result = await self._bot.do_api_request(method, api_kwargs=dict(params))
        return result if isinstance(result, dict) else {}

    async def _is_forum(self, chat_id: int) -> bool:
        """Whether a staff group has topics (asked once per chat and remembered)."""
        if chat_id not in self._forums:
            self._forums[chat_id] = bool((await self._bot.get_chat(chat_id)).is_forum)
        return self._forums[chat_id]

    async def _ticket(self, ticket_id: int) -> Place:
        """Where a ticket is in its staff group (one small query: this runs per message)."""
        async with self._engine.connect() as connection:
            row = (await connection.execute(_PLACE, {"place_of": ticket_id})).one()
        return Place(*row)

    async def _reopen_topic(self, ticket: Place) -> None:
        """A new topic for the ticket, and its introduction first in line for the group (the
        old topic, if only closed, still holds the conversation; /ticket shows all of it)."""
        assert ticket.staff_chat_id is not None
        desk = self._desk
        topic = await self._bot.create_forum_topic(
            ticket.staff_chat_id, post.topic_name(ticket.id, ticket.question)
        )
        text = desk.texts.render(
            "topic_reopened",
            desk.settings.languages.default,
            ticket_id=ticket.id,
            owner=desk.rules.staff.shown_as(ticket.owner_id) or "-",
            question=ticket.question,
        )
        intro = post.message(
            ticket.staff_chat_id, text, kind="topic_intro", ticket_id=ticket.id, in_topic=True
        )
        with outbox.delivering(lambda items: self.submit(items, first=True)):
            async with desk.sessions() as session, session.begin():
                await tickets.attach_topic(
                    session=session, ticket_id=ticket.id, thread_id=topic.message_thread_id
                )
                await outbox.enqueue(session=session, messages=[intro], now=desk.now())

    async def _record(self, session: Any, item: Queued, result: dict[str, Any]) -> None:
        """What a sent message means for its ticket."""
        call = item.call
        if call is None or call.after is None or call.ticket_id is None or not result:
            return
        if call.after == "card":
            await tickets.attach_card(
                session=session,
                ticket_id=call.ticket_id,
                chat_id=call.chat_id,
                message_id=result["message_id"],
            )
        elif call.after == "link":
            await tickets.link_message(
                session=session,
                chat_id=call.chat_id,
                message_id=result["message_id"],
                ticket_id=call.ticket_id,
            )
        elif call.after == "topic":
            await tickets.attach_topic(
                session=session, ticket_id=call.ticket_id, thread_id=result["message_thread_id"]
            )

    async def _reschedule(self, item: Queued, wait: float, error: str, count: bool) -> None:
        desk = self._desk
        if count:
            item.attempts += 1
        log.info("outbox message %s (%s): %s; again in %.1f s", item.id, item.kind, error, wait)
        at = desk.now() + timedelta(seconds=wait)
        item.leased_until = max(at, desk.now() + LEASE)
        async with desk.sessions() as session, session.begin():
            await outbox.retry(
                session=session,
                message_id=item.id,
                attempts=item.attempts,
                at=item.leased_until,
                error=error,
            )

    async def _give_up(
        self, item: Queued, error: TelegramError, unreachable: bool = False
    ) -> None:
        """Telegram refuses this message for good: recorded, and the owners told when a
        requester can no longer be reached."""
        desk = self._desk
        log.warning("gave up on %s to chat %s: %s", item.kind, item.chat_id, error)
        now = desk.now()
        # The owners' notices go out as this transaction commits, like a handler's.
        with outbox.delivering(self.submit):
            async with desk.sessions() as session, session.begin():
                await outbox.failed(session=session, message_id=item.id, now=now, error=str(error))
                if not unreachable:
                    return
                in_hand = await requesters.mark_unreachable(
                    session=session, chat_id=item.chat_id, now=now
                )
                text = desk.texts.render(
                    "staff_event", desk.settings.languages.default, event="unreachable"
                )
                notices = [
                    n for t in in_hand for n in post.to_ticket_staff(t, text, "unreachable")
                ]
                await outbox.enqueue(session=session, messages=notices, now=now)


@dataclass(frozen=True)
class Place:
    """A ticket as the dispatcher needs it."""

    id: int
    staff_chat_id: int | None
    staff_thread_id: int | None
    card_message_id: int | None
    question: str
    owner_id: int | None


_PLACE = select(
    Ticket.id,
    Ticket.staff_chat_id,
    Ticket.staff_thread_id,
    Ticket.card_message_id,
    Ticket.question,
    Ticket.owner_id,
).where(Ticket.id == bindparam("place_of"))


class _Reordered(Exception):
    """A message was put ahead of the one being sent, which waits for it."""


def _topic_gone(error: BadRequest) -> bool:
    """Telegram's refusal because of the topic itself (closed, deleted), not the message."""
    text = str(error).casefold()
    return "thread" in text or "topic" in text


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


async def sweep(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job: do what the clock says is due; its messages go out as they are stored."""
    desk = desk_of(context)
    dispatcher = context.application.bot_data.get("dispatcher")
    if isinstance(dispatcher, Dispatcher):
        with outbox.delivering(dispatcher.submit):
            messages = await run_due(sessions=desk.sessions, rules=desk.rules, now=desk.now())
    else:  # not sending (yet): the messages wait in the outbox
        messages = await run_due(sessions=desk.sessions, rules=desk.rules, now=desk.now())
    if messages:
        log.info("sweep: %d messages due", len(messages))
    await _keep_retention(context, desk)


async def _keep_retention(context: ContextTypes.DEFAULT_TYPE, desk: Desk) -> None:
    """Once an hour (and at start-up): erase and delete what the retention settings say."""
    now = desk.now()
    last = context.application.bot_data.get("forgotten_at")
    if isinstance(last, datetime) and now - last < RETENTION_EVERY:
        return
    context.application.bot_data["forgotten_at"] = now
    try:
        async with desk.sessions() as session, session.begin():
            done = await retention.forget(session=session, settings=desk.settings, now=now)
    except Exception:
        log.exception("retention run failed; trying again in an hour")
        return
    if any((done.tickets, done.requesters, done.outbox, done.inbox)):
        log.info("retention: %s", done)
