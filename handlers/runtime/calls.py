"""An outbox row as the Bot API call that sends it: a core notice as the presenter shows it
(handlers/presenter.py), a front call as stored; put in its ticket's topic (or under its card)
as the ticket is now.

A ticket's topic that someone closed is reopened (the same topic: a careful clerk does not open
a second one of the same name, and the conversation stays in one place), and the message goes
there; one someone deleted is replaced by a new topic, with an introduction, before the message
goes there (`Reordered`). A claimed ticket without a topic in a forum (its group became one
after the claim) gets its topic, introduced, the same way (bot/topic_place.py `without_topic`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, TelegramError
from telegram.warnings import PTBUserWarning

from bot import dangers, lookup, tickets, topic_place
from bot.desk import Desk
from bot.intake import card, naming
from bot.models import Ticket, TicketStatus
from bot.notices import CARD_REFRESH
from bot.outbox import Queued
from handlers import cards, keyboards, post, presenter

log = logging.getLogger(__name__)
# do_api_request for a method the Bot class also has warns, suggesting the method: here the
# JSON in and out is the point (see Calls.call).
warnings.filterwarnings("ignore", message="Please use 'Bot", category=PTBUserWarning)
SKIPPED: dict[str, Any] = {"skipped": True}  # the result of a call that had nothing to do
TOPIC_CALLS = frozenset({"closeForumTopic", "reopenForumTopic"})  # bot/topic_closing.py


class Reordered(Exception):
    """Messages were put ahead of the one being sent, which waits for them: `ahead`, leased to
    this process, to go first in their chat."""

    def __init__(self, ahead: list[Queued]) -> None:
        super().__init__(f"{len(ahead)} messages go first")
        self.ahead = ahead


def topic_gone(error: BadRequest) -> bool:
    """Telegram's refusal because of the topic itself (closed, deleted), not the message."""
    text = str(error).casefold()
    return "thread" in text or "topic" in text


def card_gone(error: BadRequest) -> bool:
    """Telegram's refusal of an edit because the message is no longer there (deleted)."""
    return "message to edit not found" in str(error).casefold()


def topic_closed(error: BadRequest) -> bool:
    """Telegram's refusal because a person closed the topic (it still exists)."""
    return "topic_closed" in str(error).casefold()


class Calls:
    """Makes the calls of one bot: `senders` calls to private chats at once, a group's calls
    without taking one of those places (see `call`)."""

    def __init__(self, bot: Bot, desk: Desk, senders: int) -> None:
        self._bot = bot
        self._desk = desk
        self._forums: dict[int, bool] = {}
        # Calls to Telegram at once, across chats: no more than the HTTP pool's connections,
        # whose queue costs time in proportion to its length for every request.
        self._sending = asyncio.Semaphore(senders)

    async def send(self, item: Queued) -> dict[str, Any]:
        """Send one outbox row; Telegram's answer as JSON, or SKIPPED when the row turned out
        not to be needed. Raises TelegramError as Telegram refused it, Reordered when it must
        wait for messages put ahead of it."""
        if item.message is not None and item.message.template == CARD_REFRESH:
            # The card as the ticket is now, into the card Telegram already has.
            return await self._refresh_card(item.message.ticket_id)
        if item.message is not None:
            # A notice: sent, and recorded once sent, as the presenter shows it.
            item.call = presenter.present(self._desk, item.message)
        call = item.call
        assert call is not None
        if call.method == "createForumTopic":
            place = await self._place(call.ticket_id) if call.ticket_id is not None else None
            # None for a ticket that has one, or was closed before this call could go.
            needless = place is not None and (place.staff_thread_id is not None or place.closed)
            if needless or not await self._is_forum(call.chat_id):
                return SKIPPED
            made = await self.call(call.method, call.params)
            if call.ticket_id is not None and (await self._place(call.ticket_id)).closed:
                # Closed while the call was on its way: the topic is closed at once and not
                # the ticket's (what follows goes under its card, as for a closed ticket).
                await self._close_topic(call.chat_id, made.get("message_thread_id"))
                return SKIPPED
            return made
        if call.method in TOPIC_CALLS:
            return await self._topic_state(call.method, call.chat_id, call.ticket_id)
        # A private chat has no topics: a notice to the ticket's staff goes there while the
        # ticket has no staff group (Notice.fallback).
        if not call.in_topic or call.ticket_id is None or call.chat_id > 0:
            return await self.call(call.method, call.params)
        ticket = await self._place(call.ticket_id)
        params = dict(call.params)
        if ticket.staff_thread_id is not None:
            params["message_thread_id"] = ticket.staff_thread_id
            try:
                return await self.call(call.method, params)
            except BadRequest as error:
                if not topic_gone(error) or item.reopened_topic:
                    raise  # a message reopens or opens a topic once: no loop
                item.reopened_topic = True
                if topic_closed(error) and ticket.closed:
                    # Closed with its ticket: what still comes about it goes under its card.
                    return await self.call(call.method, self._under_card(ticket, call.params))
                if topic_closed(error) and await self._reopen(ticket):
                    # Someone closed it: reopened, the message goes there after all.
                    log.warning("topic of ticket %s was closed; reopened", ticket.id)
                    return await self.call(call.method, params)
                if call.kind == "topic_intro":
                    raise  # an introduction never opens a topic of its own
                # Someone deleted the topic: the ticket gets a new one, introduced before this
                # message goes there.
                log.warning("topic of ticket %s unusable (%s); opening another", ticket.id, error)
                raise Reordered(await self._new_topic(ticket, "topic_reopened")) from None
        forum = await self._is_forum(call.chat_id)
        # An answer to an officer who asked under an unclaimed ticket's card goes there.
        under_card = item.message is not None and bool(item.message.context.get("under_card"))
        topic_only = item.message is not None and bool(item.message.context.get("topic_only"))
        claimed = ticket.owner_id is not None
        # Claimed after this message was queued: the claim's opening of the topic is behind
        # it, and copies what came before (a slow group's copies under the card, say).
        coming = forum and claimed and await self._topic_coming(ticket.id, item.id)
        then = topic_place.without_topic(
            forum=forum,
            claimed=claimed,
            kind=call.kind,
            under_card=under_card,
            topic_only=topic_only,
            closed=ticket.closed,
            coming=coming,
        )
        if then == topic_place.SKIP:
            return SKIPPED
        if then == topic_place.OPEN and not item.reopened_topic:
            item.reopened_topic = True
            log.warning(
                "claimed ticket %s has no topic in %s; opening it", ticket.id, call.chat_id
            )
            raise Reordered(await self._new_topic(ticket, "topic_intro"))
        answers_card = topic_place.answers_card(
            forum=forum, claimed=claimed and not coming, closed=ticket.closed
        )
        # Under the card, unless it answers a message of its own (which is there already).
        answers_own = "reply_parameters" in params
        if (answers_card or under_card) and ticket.card_message_id is not None and not answers_own:
            params["reply_parameters"] = {
                "message_id": ticket.card_message_id,
                "allow_sending_without_reply": True,
            }
        return await self.call(call.method, params)

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """Make a call as stored; its result as Telegram's JSON (a message id, a topic's thread
        id). python-telegram-bot's flood limiter, errors and retries apply as to its own
        methods, without building a Message from every answer only to read its id (that was a
        tenth of the bot's CPU per update). An edit Telegram refuses as changing nothing
        ("message is not modified") is SKIPPED: what it wanted is so.

        A group's calls do not take one of the places: they may wait in the rate limiter for
        the group's 20 a minute, and would hold a place the requesters' replies need the
        while. One worker per group bounds them anyway."""
        chat_id = params.get("chat_id")
        group = isinstance(chat_id, int) and chat_id < 0
        try:
            async with contextlib.nullcontext() if group else self._sending:
                result = await self._bot.do_api_request(method, api_kwargs=post.api_kwargs(params))
        except BadRequest as error:
            if method.startswith("edit") and "not modified" in str(error).casefold():
                return SKIPPED  # an edit that changes nothing: it already reads so
            raise
        return result if isinstance(result, dict) else {}

    async def _refresh_card(self, ticket_id: int | None) -> dict[str, Any]:
        """Edit a ticket's card to show it as it is now (bot/notices.py CARD_REFRESH):
        claimed, with its owner and no Claim; SKIPPED when the card is not in Telegram or
        already reads so."""
        if ticket_id is None:
            return SKIPPED
        desk = self._desk
        async with desk.sessions() as session:
            ticket = await card.to_redraw(session=session, ticket_id=ticket_id)
            if ticket is None or ticket.staff_chat_id is None or ticket.card_message_id is None:
                return SKIPPED
            values = await card.card_as_now(session=session, desk=desk, ticket=ticket)
        language = desk.settings.languages.default
        markup = None
        owner = desk.rules.staff.shown_as(ticket.owner_id)
        closed = lookup.closing(ticket)  # how it closed, instead of "claimed by" (issue 14)
        if ticket.owner_id is None and ticket.status is TicketStatus.OPEN:
            markup = keyboards.claim(desk, ticket.id)  # not once withdrawn unclaimed
        elif not closed:
            owner = owner or "-"
        text = cards.card_text(desk, language, values, owner, closed)
        edit = post.edit_text(ticket.staff_chat_id, ticket.card_message_id, text, markup)
        try:
            return await self.call(edit.method, edit.params)
        except BadRequest as error:
            if not card_gone(error):
                raise
        # Someone deleted the card in the group: the ticket gets it again, as it reads now,
        # and keeps the new one, or its staff would have nothing to claim it by nor to reply
        # to, and every later redraw would be refused the same way.
        log.warning("card of ticket %s was deleted; sent again", ticket.id)
        again = post.message(ticket.staff_chat_id, text, markup, kind="ticket_card")
        sent = await self.call(again.method, again.params)
        async with desk.transaction() as tx:
            await tickets.attach_card(
                session=tx.session,
                ticket_id=ticket.id,
                chat_id=ticket.staff_chat_id,
                message_id=sent["message_id"],
            )
        return sent

    async def _is_forum(self, chat_id: int) -> bool:
        """Whether a staff group has topics (asked once per chat and remembered)."""
        if chat_id not in self._forums:
            self._forums[chat_id] = bool((await self._bot.get_chat(chat_id)).is_forum)
        return self._forums[chat_id]

    async def _topic_coming(self, ticket_id: int, after: int) -> bool:
        return await topic_place.topic_coming(
            engine=self._desk.transactions.reading, ticket_id=ticket_id, after=after
        )

    async def _place(self, ticket_id: int) -> topic_place.Place:
        return await topic_place.place_of(
            engine=self._desk.transactions.reading, ticket_id=ticket_id
        )

    async def _close_topic(self, chat_id: int, thread_id: int | None) -> None:
        """Close a topic made for a ticket closed meanwhile; a refusal is only logged (the
        topic stays open and empty, the ticket never uses it)."""
        if thread_id is None:
            return
        try:
            await self._bot.close_forum_topic(chat_id, thread_id)
        except TelegramError as error:
            log.warning("could not close topic %s in %s: %s", thread_id, chat_id, error)

    @staticmethod
    def _under_card(ticket: topic_place.Place, params: dict[str, Any]) -> dict[str, Any]:
        """A message for a closed ticket's closed topic, as a reply to its card instead."""
        params = {k: v for k, v in params.items() if k != "message_thread_id"}
        if ticket.card_message_id is not None and "reply_parameters" not in params:
            reply = {"message_id": ticket.card_message_id, "allow_sending_without_reply": True}
            params["reply_parameters"] = reply
        return params

    async def _topic_state(
        self, method: str, chat_id: int, ticket_id: int | None
    ) -> dict[str, Any]:
        """Close or reopen a ticket's topic (bot/topic_closing.py) as the ticket is now:
        SKIPPED where it has no topic, the group none, the ticket is no longer so (back in
        hand before its topic's closing went, closed again before its reopening did), or the
        topic is already so or gone. Raises BadRequest for want of the right to manage topics
        (the group is then paused, handlers/runtime/outcomes.py)."""
        if ticket_id is None or not await self._is_forum(chat_id):
            return SKIPPED
        ticket = await self._place(ticket_id)
        thread = ticket.staff_thread_id
        if thread is None or ticket.staff_chat_id != chat_id:
            return SKIPPED
        if ticket.closed != (method == "closeForumTopic"):
            return SKIPPED
        try:
            return await self.call(method, {"chat_id": chat_id, "message_thread_id": thread})
        except BadRequest as error:
            text = str(error).casefold()
            if "topic_not_modified" in text or "thread not found" in text:
                return SKIPPED  # already so (a person did it), or deleted: nothing to do
            raise

    async def _reopen(self, ticket: topic_place.Place) -> bool:
        """Reopen the ticket's topic a person closed; False when Telegram will not (it was
        deleted meanwhile, say). Raises BadRequest for want of the right to manage topics
        (the group is then paused, handlers/runtime/outcomes.py)."""
        assert ticket.staff_chat_id is not None and ticket.staff_thread_id is not None
        try:
            await self._bot.reopen_forum_topic(ticket.staff_chat_id, ticket.staff_thread_id)
        except BadRequest as error:
            if "not enough rights" in str(error).casefold():
                raise
            return False
        return True

    async def _new_topic(self, ticket: topic_place.Place, introduction: str) -> list[Queued]:
        """A new topic for the ticket, and its introduction (the template `introduction`:
        topic_reopened after a topic was deleted, topic_intro for a ticket that had none)
        with what came with its question (handlers/cards.py `replacement_calls`), returned to
        go first in line for the group (an earlier topic, if any, still holds
        the conversation it had; /ticket shows all of it)."""
        assert ticket.staff_chat_id is not None
        desk = self._desk
        async with desk.sessions() as session:
            danger = bool(await dangers.of_tickets(session, [ticket.id]))
        topic = await self._bot.create_forum_topic(
            ticket.staff_chat_id, naming.topic_name(ticket.id, ticket.question, danger=danger)
        )
        async with desk.sessions() as session:
            whole = await session.get_one(Ticket, ticket.id)
            intro = await cards.replacement_calls(desk, session, whole, introduction)
        ahead: list[Queued] = []
        async with desk.transaction(sender=ahead.extend) as tx:
            await tickets.attach_topic(
                session=tx.session, ticket_id=ticket.id, thread_id=topic.message_thread_id
            )
            await tx.publish(intro)
        return ahead
