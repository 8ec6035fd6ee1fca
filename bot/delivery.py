"""What sending a message means for the desk: its mark in the outbox, and what it changes on
its ticket (a card's message id, a copy linked to the ticket, a new topic), or, when Telegram
refuses it for good, the failure and an unreachable requester; and when that requester writes
to the bot again, what could not reach them (`reachable_again_and_tell`). The front's sender
(handlers/runtime/) calls these; it decides nothing about tickets itself."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot import conversation, outbox, reply_parts, requesters, tickets
from bot.answered import RESOLUTION, only_newest_on
from bot.db import DIALECTS, in_one_call, insert_for
from bot.intake import offers as offers_of_inquiries
from bot.kinds import REACHABLE_NOTE, UNBLOCKED_NOTE, Origin
from bot.models import OutboxMessage, Requester, StaffLink, Ticket, TicketMessage
from bot.notices import Audience, Notice, publish
from bot.outbox import Call, Queued
from bot.outgoing import WRITTEN_AT, Outgoing
from bot.rules import Rules
from bot.transaction import Transaction

# Built once (marking is what the sender does most): a message that stands for a ticket.
_LINK = {d: insert_for(d)(StaffLink).on_conflict_do_nothing() for d in DIALECTS}


async def forwarded_from(
    *, session: AsyncSession, ticket_id: int
) -> dict[tuple[int, int], Origin]:
    """Where each of the ticket's forwarded messages comes from, by (chat id, message id) in
    the requester's chat: read from its relay notices in the outbox (`relay_origin` stored
    just before the `relay` of the message it introduces, bot/relays.py `relay_notices`), so
    that a ticket's topic opened later introduces the copy as the notice would have
    (handlers/cards.py `topic_calls`). Rows pruned by retention are not found: their copies
    then go without the line."""
    rows = await session.execute(
        select(OutboxMessage.template, OutboxMessage.context)
        .where(
            OutboxMessage.ticket_id == ticket_id,
            OutboxMessage.template.in_(("relay_origin", "relay", "relay_described")),
        )
        .order_by(OutboxMessage.id)
    )
    found: dict[tuple[int, int], Origin] = {}
    origin: Origin | None = None
    for template, context in rows:
        if template == "relay_origin":
            origin = Origin(context["origin_kind"], context["origin_name"])
        else:
            if origin is not None and template == "relay":
                found[(context["from_chat_id"], context["message_id"])] = origin
            origin = None  # a described poll's origin is no copy's
    return found


@dataclass(frozen=True)
class Link:
    """A message sent in `chat_id` as `message_id` that stands for ticket `ticket_id` (a call
    with `after="link"`): a reply to it is for that ticket. `kind`: the call's kind (a notice's
    template), kept with the link; `carried`: the message (chat id, message id) it is a copy
    or a rendering of, if any (`carried`)."""

    chat_id: int
    message_id: int
    ticket_id: int
    kind: str | None = None
    carried: tuple[int, int] | None = None


def carried(item: Queued) -> tuple[int, int] | None:
    """The message (chat id, message id) a message on its way carries, if it carries one: a
    notice's values `from_chat_id` and `message_id` (a staff reply for its requester, copied
    or numbered; a requester's message relayed), or a front's copyMessage's parameters."""
    values = item.message.context if item.message is not None else None
    if values is None and item.call is not None and item.call.method == "copyMessage":
        values = item.call.params
    if not values or "from_chat_id" not in values or "message_id" not in values:
        return None
    return int(values["from_chat_id"]), int(values["message_id"])


async def mark_sent(
    *,
    engine: AsyncEngine,
    marks: Sequence[tuple[int, str | None]],
    now: datetime,
    links: Sequence[Link] = (),
    offers: Sequence[tuple[int, int]] = (),
) -> None:
    """Messages Telegram has (id, note) marked sent at `now`, and the messages among them that
    stand for a ticket linked to it, and those (chat id, message id) that carry the buttons of
    a requester's inquiry recorded (bot/intake/offers.py), all in one transaction on a bare
    connection: marking is what the sender does most, and a link is wanted only once the
    requester replies. A resolution linked leaves live buttons only on the newest of its
    ticket in the chat (bot/answered.py `only_newest_on`)."""
    link = _LINK[engine.dialect.name]

    def mark(connection: Connection) -> None:
        outbox.sent_many_on(connection, marks, now)
        offers_of_inquiries.record_on(connection, offers)
        if links:
            # Idempotent like the marks: marks taken back after a commit whose answer was cut
            # off (the marker cancelled as the bot stops) are written again.
            connection.execute(
                link,
                [
                    {
                        "chat_id": k.chat_id,
                        "message_id": k.message_id,
                        "ticket_id": k.ticket_id,
                        "kind": k.kind,
                        "from_chat_id": k.carried[0] if k.carried else None,
                        "from_message_id": k.carried[1] if k.carried else None,
                    }
                    for k in links
                ],
            )
            resolutions = [(k.chat_id, k.ticket_id) for k in links if k.kind == RESOLUTION]
            if resolutions:
                only_newest_on(connection, resolutions, now)

    await in_one_call(engine, mark)


async def record_sent(
    *, session: AsyncSession, message_id: int, call: Call, result: dict[str, Any], now: datetime
) -> None:
    """Mark a front call sent, with what it means for its ticket (`call.after`): "card" keeps
    the card's message id, "topic" keeps the new topic, "form" links a handoff form to its
    ticket at once, "alert" an alert in the supervisors' chat likewise (a supervisor may
    answer it the moment it arrives), "asked" a question about a requester's message
    likewise (bot/intake/asked.py) ("link" is not here: the sender batches links with its marks,
    `mark_sent`, since nothing waits for them).
    `result` is Telegram's answer as JSON (empty: nothing to record but the mark)."""
    await outbox.sent(connection=await session.connection(), message_id=message_id, now=now)
    if call.after is None or call.ticket_id is None or not result:
        return
    if call.after == "card":
        await tickets.attach_card(
            session=session,
            ticket_id=call.ticket_id,
            chat_id=call.chat_id,
            message_id=result["message_id"],
        )
    elif call.after == "topic":
        await tickets.attach_topic(
            session=session, ticket_id=call.ticket_id, thread_id=result["message_thread_id"]
        )
    elif call.after in ("form", "alert", "asked"):
        # A handoff form: linked at once, since its decision, which edits it, may come a
        # moment after it arrives (bot/handoff_forms.py); an alert, whose reply is a note on
        # its ticket, likewise; a question about a requester's message, answered in words
        # the moment it arrives (bot/intake/asked.py).
        link = StaffLink(
            chat_id=call.chat_id,
            message_id=result["message_id"],
            ticket_id=call.ticket_id,
            kind=call.kind,
        )
        await session.merge(link)


async def give_up(
    *,
    session: AsyncSession,
    message_id: int,
    chat_id: int,
    error: str,
    unreachable: bool,
    now: datetime,
) -> list[Ticket]:
    """Telegram refuses a message for good: recorded as failed. With `unreachable` (a
    requester's private chat answered 403) the requester is marked unreachable too; their
    tickets in hand that were not yet marked so are returned, for their owners to be told."""
    noted = outbox.UNREACHABLE + error if unreachable else error
    await outbox.failed(session=session, message_id=message_id, now=now, error=noted)
    if not unreachable:
        return []
    return await requesters.mark_unreachable(session=session, chat_id=chat_id, now=now)


async def give_up_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    message_id: int,
    chat_id: int,
    error: str,
    unreachable: bool,
) -> None:
    """`give_up` at the transaction's instant; the staff of each ticket in hand of a requester
    found unreachable hear it (`unreachable`, in the ticket's topic); otherwise, when what
    was refused is staff's words for a requester (STAFF_WORDS), the ticket's staff hear
    that it did not reach them (`staff_event`, event "undelivered", values `error`)."""
    row = await tx.session.get(OutboxMessage, message_id)
    if not unreachable and row is not None and row.template in STAFF_WORDS and row.ticket_id:
        ticket = await tx.session.get(Ticket, row.ticket_id)
        values = {"event": "undelivered", "error": error}
        notice = Notice("staff_event", (Audience.TICKET_STAFF,), ticket, values)
        await publish(tx, rules, [notice])
    in_hand = await give_up(
        session=tx.session,
        message_id=message_id,
        chat_id=chat_id,
        error=error,
        unreachable=unreachable,
        now=tx.now,
    )
    await publish(tx, rules, [Notice("unreachable", (Audience.TICKET_STAFF,), t) for t in in_hand])


async def blocked_or_back_and_tell(
    *, tx: Transaction, rules: Rules, chat_id: int, blocked: bool
) -> None:
    """Telegram says the requester behind this private chat blocked the bot (`blocked`) or
    unblocked it (a `my_chat_member` update): blocked, they are marked unreachable and the
    staff of each of their tickets in hand hear it (`unreachable`), as when a message to
    them is refused (`give_up_and_tell`), nothing being sent to them; unblocked, they are
    back as when they write (`reachable_again_and_tell`: what they missed is sent, the staff
    hear it). Nothing for a chat no requester has (staff, someone who never asked)."""
    if blocked:
        in_hand = await requesters.mark_unreachable(
            session=tx.session, chat_id=chat_id, now=tx.now
        )
        notices = [Notice("unreachable", (Audience.TICKET_STAFF,), t) for t in in_hand]
        await publish(tx, rules, notices)
        return
    requester = await tx.session.scalar(select(Requester).where(Requester.chat_id == chat_id))
    if requester is not None:
        await reachable_again_and_tell(tx=tx, rules=rules, requester=requester, unblocked=True)


# Notices that carry staff's words to a requester: their staff hear when one is refused.
STAFF_WORDS = frozenset({"staff_reply", "staff_reply_described", "staff_edit"})
# Notices to a requester that a later one of the same kind about the same ticket makes
# pointless to repeat: only the latest is sent again (it carries the latest update).
SUPERSEDED_KINDS = frozenset({"progress_notice"})


@dataclass(frozen=True)
class Waiting:
    """A message that could not reach a requester who had blocked the bot: its outbox id, its
    kind (template) and its ticket, if any."""

    id: int
    kind: str
    ticket_id: int | None


@dataclass(frozen=True)
class Redelivery:
    """What becomes of the messages waiting for a requester who is back: `again` sent again,
    in their order; `superseded` not repeated (a later one of the kind says it);
    `closed` not sent (their ticket is no longer in hand, or they belong to none)."""

    again: tuple[Waiting, ...]
    superseded: tuple[Waiting, ...]
    closed: tuple[Waiting, ...]


def redelivery(waiting: Sequence[Waiting], in_hand: Collection[int]) -> Redelivery:
    """Which messages a requester missed while they had blocked the bot are sent again now
    that they wrote to it (issue 14: what could not be delivered is delivered once they are
    reachable): those of their tickets still in hand (`in_hand`: ticket ids), in their order;
    of the kinds in SUPERSEDED_KINDS only the latest per ticket. `waiting` oldest first."""
    latest: dict[tuple[int | None, str], int] = {}
    for item in waiting:
        if item.kind in SUPERSEDED_KINDS:
            latest[(item.ticket_id, item.kind)] = item.id
    again: list[Waiting] = []
    superseded: list[Waiting] = []
    closed: list[Waiting] = []
    for item in waiting:
        if item.ticket_id is None or item.ticket_id not in in_hand:
            closed.append(item)
        elif item.kind in SUPERSEDED_KINDS and latest[(item.ticket_id, item.kind)] != item.id:
            superseded.append(item)
        else:
            again.append(item)
    return Redelivery(tuple(again), tuple(superseded), tuple(closed))


async def reachable_again_and_tell(
    *, tx: Transaction, rules: Rules, requester: Requester, unblocked: bool = False
) -> None:
    """A requester marked unreachable (they had blocked the bot) wrote to it again, or
    unblocked it (`unblocked`): they are reachable now. The messages of their tickets in
    hand that could not reach them are sent again, in their order, after a word saying so
    (`welcome_back`, values `count`), as `redelivery` decides; each such ticket gets a note,
    and its staff hear it (`reachable`, in the ticket's topic; values `sent_again`,
    `superseded`: how many of its messages were sent again, and how many older notices were
    not repeated; `unblocked`: how they came back). In the caller's transaction, before
    whatever it answers them: a no-op for a requester not marked unreachable."""
    if not requester.blocked_bot:
        return
    requester.blocked_bot = False
    session = tx.session
    in_hand = await requesters.tickets_in_hand(session=session, requester_id=requester.id)
    stored = {
        q.id: q for q in await outbox.undelivered(session=session, chat_id=requester.chat_id)
    }
    waiting = [Waiting(q.id, q.kind, _ticket_of(q)) for q in stored.values()]
    decided = redelivery(waiting, {t.id for t in in_hand})
    if decided.again:
        welcome = Notice(
            "welcome_back",
            (Audience.REQUESTER,),
            None,
            {"count": len(decided.again)},
            requester=requester,
        )
        await publish(tx, rules, [welcome])
        released = [m for w in decided.again for m in await _released(session, stored[w.id])]
        await tx.publish(released)
    for how, items in (
        ("sent again", decided.again),
        ("superseded", decided.superseded),
        ("ticket no longer in hand", decided.closed),
    ):
        await outbox.dealt_with(session=session, message_ids=[w.id for w in items], how=how)
    notices = []
    for ticket in in_hand:
        sent_again = sum(1 for w in decided.again if w.ticket_id == ticket.id)
        superseded = sum(1 for w in decided.superseded if w.ticket_id == ticket.id)
        conversation.add_bot_note(
            session=session,
            ticket_id=ticket.id,
            text=(UNBLOCKED_NOTE if unblocked else REACHABLE_NOTE).format(sent_again=sent_again),
            now=tx.now,
        )
        values = {"sent_again": sent_again, "superseded": superseded, "unblocked": unblocked}
        notices.append(Notice("reachable", (Audience.TICKET_STAFF,), ticket, values))
    await publish(tx, rules, notices)


def _stored_as(queued: Queued) -> Outgoing | Call:
    """An outbox row as it was published: a notice, or a front's call."""
    if queued.message is not None:
        return queued.message
    assert queued.call is not None
    return queued.call


async def _released(session: AsyncSession, queued: Queued) -> list[Outgoing | Call]:
    """An outbox row published again for a requester who is back: a notice says when it was
    written (`WRITTEN_AT`, issue 14: released replies carried no time; the front words it
    before its words), a staff reply that was to be copied as it is in words (its words as
    filed, `reply_parts.numbered`: a copy of a text cannot say more); a front's call as it was."""
    if queued.message is None or queued.created_at is None:
        return [_stored_as(queued)]
    message = queued.message
    context = {**message.context, WRITTEN_AT: queued.created_at}
    if message.template == "staff_reply" and "text" not in context:
        filed = await session.scalar(
            select(TicketMessage)
            .where(
                TicketMessage.telegram_chat_id == context.get("from_chat_id"),
                TicketMessage.telegram_message_id == context.get("message_id"),
            )
            .limit(1)
        )
        if filed is not None:
            worded = reply_parts.numbered(context, filed.text, filed.content_type, numbered=False)
            return [replace(message, context=values) for values in worded]
    return [replace(message, context=context)]


def _ticket_of(queued: Queued) -> int | None:
    return _stored_as(queued).ticket_id
