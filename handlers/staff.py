"""Officers in their department's staff group: claim a ticket, talk in its topic, resolve it.

The card of a new ticket carries a Claim button; claiming is atomic in the core. In a forum
group the claimed ticket gets its own topic: the requester's messages are copied there, and
what the owner writes there is copied to the requester (copy, never forward: forwards break
for users who hide their account). `/note` keeps a note internal; `/resolve <summary>`
resolves the ticket and asks the requester to confirm and rate it.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot import closure, conversation, tickets
from bot.desk import Desk
from bot.errors import AlreadyClaimed, DeskError, NotAllowed
from bot.models import Direction, Requester, Ticket
from bot.outbox import Call
from handlers import post
from handlers.common import answer, desk_of, refusal, requester_for
from handlers.handoffs import transfer
from handlers.post import message as say_to

log = logging.getLogger(__name__)


def card_markup(desk: Desk, ticket_id: int) -> InlineKeyboardMarkup:
    label = desk.texts.render("buttons", desk.settings.languages.default, key="claim")
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=f"claim:{ticket_id}")]]
    )


def rating_markup(desk: Desk, language: str, ticket_id: int) -> InlineKeyboardMarkup:
    stars = [
        InlineKeyboardButton("⭐" * n, callback_data=f"rate:{ticket_id}:{n}") for n in range(1, 6)
    ]
    reopen = desk.texts.render("buttons", language, key="reopen")
    return InlineKeyboardMarkup(
        [stars[:3], stars[3:], [InlineKeyboardButton(reopen, callback_data=f"reopen:{ticket_id}")]]
    )


async def requester_of(session: AsyncSession, ticket: Ticket) -> Requester:
    """The requester behind a ticket."""
    requester = await session.get(Requester, ticket.requester_id)
    assert requester is not None
    return requester


async def claim(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Claim button on a card: the presser becomes the owner, or is told who is."""
    desk = desk_of(context)
    query = update.callback_query
    assert query is not None and query.data is not None and query.message is not None
    language = desk.settings.languages.default
    try:
        ticket_id = int(query.data.removeprefix("claim:"))
        async with desk.transaction(update_id=update.update_id) as tx:
            session = tx.session
            ticket = await tickets.claim(
                session=session,
                rules=desk.rules,
                ticket_id=ticket_id,
                officer_id=query.from_user.id,
                now=desk.now(),
            )
            owner = desk.rules.staff.shown_as(ticket.owner_id) or "-"
            card = query.message.text if isinstance(query.message, Message) else None
            claimed = desk.texts.render("card_claimed", language, card=card or "", owner=owner)
            await post.post(
                tx,
                post.edit_text(query.message.chat.id, query.message.message_id, claimed),
                await topic_calls(desk, session, ticket),
                owner_notice(desk, await requester_of(session, ticket), ticket, owner),
            )
    except AlreadyClaimed as refused:
        owner = desk.rules.staff.shown_as(refused.owner_id) or "-"
        await answer(query, desk.texts.render("claim_refused", language, owner=owner))
        return
    except (NotAllowed, ValueError, DeskError) as refused:
        log.info("refused claim %r by user %s: %s", query.data, query.from_user.id, refused)
        await answer(query, desk.texts.render("claim_refused", language, owner=None))
        return
    await answer(query)


def owner_notice(desk: Desk, requester: Requester, ticket: Ticket, owner: str) -> Call:
    """The requester hears who now owns their ticket and when it will be settled."""
    text = desk.texts.render(
        "claimed_notice",
        requester.language,
        ticket_id=ticket.id,
        owner=owner,
        resolution_due_at=ticket.resolution_due_at,
    )
    return say_to(requester.chat_id, text, kind="claimed_notice")


async def topic_calls(desk: Desk, session: AsyncSession, ticket: Ticket) -> list[Call]:
    """The ticket's own topic in a forum staff group: opened, introduced, and given what the
    requester already sent (nobody asks them again). Nothing happens in a group without
    topics, where the requester's messages were copied as replies to the card already."""
    chat_id = ticket.staff_chat_id
    if chat_id is None:
        return []
    language = desk.settings.languages.default
    intro = desk.texts.render(
        "topic_intro",
        language,
        ticket_id=ticket.id,
        owner=desk.rules.staff.shown_as(ticket.owner_id) or "-",
        question=ticket.question,
    )
    calls = [
        post.open_topic(chat_id, ticket.id, post.topic_name(ticket.id, ticket.question)),
        say_to(chat_id, intro, kind="topic_intro", ticket_id=ticket.id, in_topic=True),
    ]
    earlier = await conversation.history(session=session, ticket_id=ticket.id, public_only=True)
    for line in earlier:
        if line.direction is Direction.IN and line.telegram_chat_id and line.telegram_message_id:
            calls.append(
                post.copy(
                    chat_id,
                    line.telegram_chat_id,
                    line.telegram_message_id,
                    kind="history",
                    ticket_id=ticket.id,
                    in_topic=True,
                )
            )
    return calls


def relay_to_staff(desk: Desk, ticket: Ticket, message: Message) -> Call:
    """A requester's message copied to the ticket's staff: into its topic once claimed, or,
    in a group without topics, as a reply to its card (replying to that copy answers the
    requester)."""
    chat_id = (
        ticket.staff_chat_id
        or desk.settings.department(ticket.handling_department_key).staff_group_chat_id
    )
    return post.copy(
        chat_id,
        message.chat_id,
        message.message_id,
        kind="relay",
        ticket_id=ticket.id,
        in_topic=True,
        after="link",
    )


async def in_topic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message in a staff group: in a ticket's topic it is a reply, a note or a resolution."""
    desk = desk_of(context)
    message = update.effective_message
    if message is None or message.from_user is None or message.message_thread_id is None:
        return
    async with desk.sessions() as session:
        ticket = await tickets.get_by_topic(
            session=session, chat_id=message.chat_id, thread_id=message.message_thread_id
        )
    if ticket is None:
        return  # not a ticket's topic: staff talking among themselves
    await _on_ticket(desk, context, ticket, message, update_id=update.update_id)


async def in_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group without topics: a reply to a ticket's card or to a requester's copied
    message is a reply to that ticket (or a note, or a resolution, as in a topic)."""
    desk = desk_of(context)
    message = update.effective_message
    if message is None or message.from_user is None or message.reply_to_message is None:
        return
    async with desk.sessions() as session:
        ticket = await tickets.get_by_message(
            session=session,
            chat_id=message.chat_id,
            message_id=message.reply_to_message.message_id,
        )
    if ticket is None:
        return  # a reply to something else: staff talking among themselves
    await _on_ticket(desk, context, ticket, message, update_id=update.update_id)


async def _on_ticket(
    desk: Desk,
    context: ContextTypes.DEFAULT_TYPE,
    ticket: Ticket,
    message: Message,
    *,
    update_id: int,
) -> None:
    assert message.from_user is not None
    text = message.text or message.caption or ""
    officer_id = message.from_user.id
    if text.startswith("/transfer"):
        await transfer(desk, ticket, officer_id, text, message, update_id=update_id)
        return
    if text.startswith("/") and not text.startswith(("/note", "/resolve")):
        return  # another command: never relayed to the requester
    language = desk.settings.languages.default
    try:
        async with desk.transaction(update_id=update_id) as tx:
            session = tx.session
            if text.startswith("/resolve"):
                summary = text.removeprefix("/resolve").strip()
                resolved = await closure.resolve(
                    session=session,
                    rules=desk.rules,
                    ticket_id=ticket.id,
                    officer_id=officer_id,
                    summary=summary,
                    now=desk.now(),
                )
                requester = await requester_of(session, resolved)
                resolution = desk.texts.render(
                    "resolution", requester.language, ticket_id=ticket.id, summary=summary
                )
                done = desk.texts.render("staff_event", language, event="resolved")
                await post.post(
                    tx,
                    say_to(
                        requester.chat_id,
                        resolution,
                        rating_markup(desk, requester.language, ticket.id),
                        kind="resolution",
                    ),
                    post.reply(message, done),
                )
                return
            internal = text.startswith("/note")
            await conversation.add_staff_message(
                session=session,
                rules=desk.rules,
                ticket_id=ticket.id,
                officer_id=officer_id,
                text=text.removeprefix("/note").strip() if internal else text,
                internal=internal,
                chat_id=message.chat_id,
                message_id=message.message_id,
                now=desk.now(),
            )
            if internal:
                noted = desk.texts.render("staff_event", language, event="note")
                await post.post(tx, post.reply(message, noted))
                return
            requester = await requester_of(session, ticket)
            to_requester = post.copy(
                requester.chat_id, message.chat_id, message.message_id, kind="staff_reply"
            )
            await post.post(tx, to_requester)
    except DeskError as refused:
        await post.say(desk, update_id, post.reply(message, refusal(desk, refused)))


async def requester_decides(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The requester rates a resolution (confirming it) or says it is not solved."""
    desk = desk_of(context)
    query = update.callback_query
    assert query is not None and query.data is not None
    kind, _, rest = query.data.partition(":")
    try:
        async with desk.transaction(update_id=update.update_id) as tx:
            session = tx.session
            requester = await requester_for(session, desk, query.from_user)
            if kind == "rate":
                ticket_id, score = (int(part) for part in rest.split(":"))
                ticket = await closure.confirm(
                    session=session,
                    rules=desk.rules,
                    ticket_id=ticket_id,
                    requester_id=requester.id,
                    score=score,
                    now=desk.now(),
                )
                told = desk.texts.render("rated", requester.language, ticket_id=ticket.id)
                event: dict[str, Any] = {"event": "rated", "score": score}
            else:
                ticket = await closure.reopen(
                    session=session,
                    rules=desk.rules,
                    ticket_id=int(rest),
                    requester_id=requester.id,
                    reason="not solved",
                    now=desk.now(),
                )
                told = desk.texts.render(
                    "reopened",
                    requester.language,
                    ticket_id=ticket.id,
                    owner=desk.rules.staff.shown_as(ticket.owner_id) or "-",
                    resolution_due_at=ticket.resolution_due_at,
                )
                event = {"event": "reopened"}
            calls = [say_to(requester.chat_id, told)]
            if query.message is not None:
                calls.insert(0, post.drop_buttons(query.message.chat.id, query.message.message_id))
            staff_text = desk.texts.render("staff_event", desk.settings.languages.default, **event)
            calls += post.to_ticket_staff(ticket, staff_text)
            await post.post(tx, calls)
    except (DeskError, ValueError) as refused:
        # An old, replayed or forged button: nothing to do, nothing leaks; logged.
        log.info("refused button %r from user %s: %s", query.data, query.from_user.id, refused)
    await answer(query)
