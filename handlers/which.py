"""Which ticket a requester's message is for, when more than one of theirs is in hand: the
desk decides (bot/replies.py); this asks the requester when it cannot, with a button a
ticket, as a reply to their message (the press is `taking.chose_ticket`)."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message, Update
from telegram.ext import ExtBot

from bot import complaints, inbox, replies
from bot.complaint_words import complaint_alone
from bot.desk import Desk
from bot.errors import DeskError
from bot.intake import asked, which_named
from bot.models import Requester, Ticket
from bot.transaction import Transaction
from handlers import keyboards, post, received
from handlers.callbacks import Action, UnknownButton, parse


async def ticket_for(
    desk: Desk,
    tx: Transaction,
    requester: Requester,
    current: Ticket,
    holding: int,
    message: Message,
    update_id: int,
    *,
    settled: bool = False,
) -> Ticket | None:
    """The ticket the requester's `message` goes to (`current` is their latest in hand, or
    with `settled` the one the desk chose for its matter or the details it waits for;
    `holding` how many they have in hand), or None when they were asked which (in the
    caller's transaction)."""
    replied = message.reply_to_message
    route = await replies.route(
        session=tx.session,
        requester=requester,
        current=current,
        holding=holding,
        replied_to_message_id=replied.message_id if replied is not None else None,
        now=tx.now,
        words=message.text or message.caption or "",
        settled=settled,
        content_type=received.content_of(message)[0],
        quiet=desk.settings.notices.acknowledge_quiet,
    )
    if route.ticket is not None:
        return route.ticket
    text = desk.texts.render(
        "which_ticket",
        requester.language,
        count=len(route.choices),
        rating=route.rating,
        withdrawing=route.withdrawing,
    )
    none = (
        keyboards.label(desk, requester.language, "withdraw_none") if route.withdrawing else None
    )
    markup = keyboards.which_ticket(route.choices, update_id, message.message_id, none)
    question = post.message(
        requester.chat_id,
        text,
        markup,
        reply_to=message.message_id,
        kind=which_named.WHICH_ASKED,  # answered in words too: bot/intake/which_named.py
        # Known once sent, so that one answer takes the message (bot/intake/asked.py).
        ticket_id=route.choices[0].id,
        after=asked.AFTER,
    )
    await post.post(tx, question)
    return None


@dataclass(frozen=True)
class Answered:
    """A question about a requester's message answered in words: `ticket` the ticket named
    (None: a new matter), `message` the message asked about, as the inbox recorded it, and
    `question` the question's message in their chat (None: not known)."""

    ticket: Ticket | None
    message: Message
    question: int | None


async def named_in_words(
    tx: Transaction, requester: Requester, text: str, bot: ExtBot[None]
) -> Answered | None:
    """The answer the requester's `text` gives to the question just asked about a message of
    theirs (bot/intake/which_named.py: a ticket, or a new matter), the message taken, once
    (bot/intake/asked.py); None when the words name none, or the question is stale (the
    ticket no longer in hand, the message already taken or gone from the inbox): then they
    are words as any."""
    found = await which_named.named(session=tx.session, requester=requester, text=text)
    if found is None:
        return None
    params = found.asked.get("params", {})
    rows = params.get("reply_markup", {}).get("inline_keyboard", [])
    try:
        button = parse(rows[0][0]["callback_data"] if rows and rows[0] else None)
    except UnknownButton:
        return None
    if button.action is not Action.WHICH:
        return None
    update_id, message_id = button.number(1), button.number(2)
    ticket = None
    if found.ticket is not None:
        try:
            ticket = await replies.choice(
                session=tx.session,
                requester=requester,
                ticket_id=found.ticket.id,
                message_id=message_id,
            )
        except DeskError:
            return None
    payload = await inbox.payload(session=tx.session, update_id=update_id)
    message = received.recorded(payload, bot)
    if message is None or (message.chat_id, message.message_id) != (
        requester.chat_id,
        message_id,
    ):
        return None
    if not await asked.take_once(
        tx=tx, requester=requester, question=found.question, held=message_id
    ):
        return None
    return Answered(ticket, message, found.question)


async def ask_whose(
    desk: Desk,
    tx: Transaction,
    requester: Requester,
    current: Ticket,
    message: Message,
    update: Update,
) -> None:
    """Ask whether `message`, a complaint opener said alone beside tickets in hand ("我要投
    诉"), or words that may be another matter (bot/intake/different_matter.py; `current` the
    latest), is about one of them (the latest `which_named.OFFERED`, each
    offered) or a new matter, as a reply to it (the presses: `taking.chose_ticket`,
    `taking.chose_anew`; typed answers: `named_in_words`)."""
    found = await replies.in_hand(session=tx.session, requester_id=requester.id)
    tickets = which_named.offered([t for t, _ in found]) or [current]
    ids = [t.id for t in tickets]
    said = message.text or message.caption or ""  # a photo's caption, as words typed
    complaint = complaint_alone(said)
    if complaint:  # asked what happened before anything is recorded (bot/complaints.py)
        complaints.asked(tx.session, tickets[-1], requester, said, tx.now)
    text = desk.texts.render(
        "whose_matter", requester.language, ticket_ids=ids, complaint=complaint
    )
    markup = keyboards.whose_matter(
        desk, requester.language, tickets, update.update_id, message.message_id
    )
    question = post.message(
        requester.chat_id,
        text,
        markup,
        reply_to=message.message_id,
        kind=which_named.WHOSE_ASKED,
        ticket_id=ids[-1],
        after=asked.AFTER,
    )
    await post.post(tx, question)
