"""A requester's message the bot asked about (which ticket is it for? about ticket #N, or a
new matter?: handlers/which.py), taken where the answer says, pressed or typed, once
(bot/intake/asked.py); and a text filed into a ticket (`into_ticket`)."""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update
from telegram.ext import ExtBot

from bot import conversation, inbox, incident_places, replies
from bot.desk import Desk
from bot.intake import asked, held
from bot.models import Requester, Ticket, TicketStatus
from bot.transaction import Transaction
from handlers import post, received, which
from handlers.callbacks import UnknownButton, parse
from handlers.common import answer
from handlers.context import DeskContext
from handlers.handover import in_hand, present
from handlers.refusals import stale_buttons
from handlers.requesters import requester_for


async def answered(
    desk: Desk, tx: Transaction, requester: Requester, answered: which.Answered
) -> None:
    """A question about a message of the requester's answered in words: its buttons go (one
    live set), and the message goes where the answer says: into the ticket named, or (a new
    matter) a first inquiry of its own, taken once (bot/intake/asked.py)."""
    message, question = answered.message, answered.question
    if answered.ticket is not None:
        if question is not None:
            await post.post(tx, post.drop_buttons(requester.chat_id, question))
        await into_ticket(desk, tx, requester, answered.ticket, message)
        return
    outcome = await asked.as_new_matter(
        tx=tx,
        desk=desk,
        requester=requester,
        held=message.message_id,
        text=_words(requester, message),
    )
    if question is not None:
        await post.post(tx, post.drop_buttons(requester.chat_id, question))
    await post.post(tx, present(desk, requester, outcome))


async def into_ticket(
    desk: Desk,
    tx: Transaction,
    requester: Requester,
    ticket: Ticket,
    message: Message,
    *,
    person: bool = False,
    told: bool = False,
) -> None:
    """A text a requester sends while their ticket is open: filed under it, copied to its
    staff, and the requester told so (or, after a resolution, asked to confirm), in the
    caller's transaction. Words that only ask for a person (`person`) are filed the same,
    and answered with who has the ticket, or that it waits for one and by when (once: not
    also "added"); words the desk answered already (`told`: a withdrawal taken back) are
    filed and copied only."""
    asking_person = person and ticket.status is not TicketStatus.RESOLVED
    # Copied to the ticket's staff (a photo asked about, as the photo: its file, its caption).
    sent = received.attachment_of(message) if message.text is None else None
    kind, file_id = (sent.kind, sent.file_id) if sent is not None else ("text", None)
    await conversation.requester_message_and_tell(
        tx=tx,
        rules=desk.rules,
        ticket_id=ticket.id,
        requester_id=requester.id,
        chat_id=message.chat_id,
        message_id=message.message_id,
        text=message.text or message.caption or "",
        origin=received.origin_of(message),
        acknowledge=not (asking_person or told),
        content_type=kind,
        file_id=file_id,
        described=sent.described if sent is not None else "",
    )
    # A road or estate told after it opened: the incident there joined (bot/incident_places.py).
    await incident_places.place_told(
        tx=tx, desk=desk, ticket_id=ticket.id, text=message.text or message.caption or ""
    )
    if asking_person:
        await post.post(tx, in_hand(desk, requester, ticket))


@stale_buttons
async def chose_ticket(update: Update, context: DeskContext) -> None:
    """The requester says which of their tickets a message was for (handlers/which.py asked):
    it is filed there as if sent so. A stale question (the ticket no longer in hand, the
    message already filed, or gone from the inbox) gets the stale-button alert."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    button = parse(query.data)
    ticket_id, update_id, message_id = (button.number(i) for i in range(3))
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, query.from_user)
        ticket = await replies.choice(
            session=tx.session, requester=requester, ticket_id=ticket_id, message_id=message_id
        )
        message = await _held_message(tx, context.bot, requester, update_id, message_id)
        await _take_held(tx, requester, query, message_id)
        await into_ticket(desk, tx, requester, ticket, message)
    await answer(query)


@stale_buttons
async def chose_anew(update: Update, context: DeskContext) -> None:
    """The requester says a message asked about (handlers/which.py `ask_whose`) is a new
    matter, not the ticket's: it is taken as a first inquiry of its own, as if after /new,
    once (bot/intake/asked.py). A stale question (the message gone from the inbox, or taken
    already: a second press) gets the stale-button alert."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    button = parse(query.data)
    update_id, message_id = button.number(0), button.number(1)
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, query.from_user)
        message = await _held_message(tx, context.bot, requester, update_id, message_id)
        if message.text is None and not message.caption:
            raise UnknownButton(f"message {message_id} has no text to take")
        outcome = await asked.take_anew(
            tx=tx,
            desk=desk,
            requester=requester,
            question=query.message.message_id if query.message is not None else None,
            held=message.message_id,
            text=_words(requester, message),
        )
        if outcome is None:  # pressed twice, or after the ticket's button: taken once
            raise UnknownButton(f"message {message_id} is taken already")
        if query.message is not None:
            await post.post(tx, post.drop_buttons(query.message.chat.id, query.message.message_id))
        await post.post(tx, present(desk, requester, outcome))
    await answer(query)


@stale_buttons
async def chose_none(update: Update, context: DeskContext) -> None:
    """The requester, asked which of their tickets their words withdraw (handlers/which.py),
    withdraws none: the message asked about is taken, once, into none of them (bot/intake/
    asked.py), the question loses its buttons and they hear their tickets go on. A stale
    question (the message gone from the inbox, or taken already) gets the stale-button
    alert."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    button = parse(query.data)
    update_id, message_id = button.number(0), button.number(1)
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, query.from_user)
        await _held_message(tx, context.bot, requester, update_id, message_id)
        await _take_held(tx, requester, query, message_id)
        told = desk.texts.render("withdraw_none", requester.language)
        await post.post(tx, post.message(requester.chat_id, told))
    await answer(query)


def _words(requester: Requester, message: Message) -> str:
    """The words of a message asked about, taken as a new matter: its text, or a photo's
    caption, the photo held for the ticket its words open (`bot.intake.held`), as a
    captioned photo sent without a ticket in hand is."""
    if message.text is not None:
        return message.text
    held.hold(requester, received.attachment_of(message))
    return message.caption or ""


async def _held_message(
    tx: Transaction, bot: ExtBot[None], requester: Requester, update_id: int, message_id: int
) -> Message:
    """The requester's held message (update `update_id`, message `message_id`) as the inbox
    recorded it. Raises UnknownButton (the stale-button alert) once it is pruned from the
    inbox or when the button names another chat's message."""
    payload = await inbox.payload(session=tx.session, update_id=update_id)
    message = received.recorded(payload, bot)
    if message is None or (message.chat_id, message.message_id) != (
        requester.chat_id,
        message_id,
    ):
        raise UnknownButton(f"message {message_id} is not in the inbox")
    return message


async def _take_held(
    tx: Transaction, requester: Requester, query: CallbackQuery, message_id: int
) -> None:
    """Takes the held message once (bot/intake/asked.py) and drops the question's buttons.
    Raises UnknownButton (the stale-button alert) when it was taken already."""
    question = query.message.message_id if query.message is not None else None
    if not await asked.take_once(tx=tx, requester=requester, question=question, held=message_id):
        raise UnknownButton(f"message {message_id} is taken already")
    if query.message is not None:
        await post.post(tx, post.drop_buttons(query.message.chat.id, query.message.message_id))
