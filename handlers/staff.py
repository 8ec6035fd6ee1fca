"""Officers in their department's staff group: claim a ticket, talk in its topic, resolve it.

The card of a new ticket carries a Claim button; claiming is atomic in the core. In a forum
group the claimed ticket gets its own topic: the requester's messages are copied there, and
what the owner writes there is copied to the requester (copy, never forward: forwards break
for users who hide their account). `/note` keeps a note internal; `/resolve <summary>`
resolves the ticket and asks the requester to confirm and rate it.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import closure, conversation, tickets
from bot.desk import Desk
from bot.errors import AlreadyClaimed, DeskError, NotAllowed
from bot.models import Direction, Requester, Ticket
from handlers.common import desk_of, requester_for
from handlers.handoffs import transfer

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


async def requester_of(desk: Desk, ticket: Ticket) -> Requester:
    """The requester behind a ticket."""
    async with desk.sessions() as session:
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
        async with desk.sessions() as session, session.begin():
            ticket = await tickets.claim(
                session=session,
                rules=desk.rules,
                ticket_id=ticket_id,
                officer_id=query.from_user.id,
                now=desk.now(),
            )
    except AlreadyClaimed as refused:
        owner = desk.rules.staff.shown_as(refused.owner_id) or "-"
        await query.answer(
            desk.texts.render("claim_refused", language, owner=owner), show_alert=True
        )
        return
    except (NotAllowed, ValueError, DeskError):
        await query.answer(
            desk.texts.render("claim_refused", language, owner=None), show_alert=True
        )
        return
    await query.answer()
    owner_name = desk.rules.staff.shown_as(ticket.owner_id) or "-"
    card = query.message.text if isinstance(query.message, Message) and query.message.text else ""
    await query.edit_message_text(
        desk.texts.render("card_claimed", language, card=card, owner=owner_name)
    )
    await open_topic(desk, context, ticket)
    await tell_requester_the_owner(desk, context, ticket, owner_name)


async def tell_requester_the_owner(
    desk: Desk, context: ContextTypes.DEFAULT_TYPE, ticket: Ticket, owner: str
) -> None:
    """The requester hears who now owns their ticket and when it will be settled."""
    requester = await requester_of(desk, ticket)
    await context.bot.send_message(
        requester.chat_id,
        desk.texts.render(
            "claimed_notice",
            requester.language,
            ticket_id=ticket.id,
            owner=owner,
            resolution_due_at=ticket.resolution_due_at,
        ),
    )


async def open_topic(desk: Desk, context: ContextTypes.DEFAULT_TYPE, ticket: Ticket) -> int | None:
    """The ticket's own topic in its staff group, created when the group is a forum."""
    chat_id = ticket.staff_chat_id
    if chat_id is None:
        return None
    chat = await context.bot.get_chat(chat_id)
    if not chat.is_forum:
        return None
    topic = await context.bot.create_forum_topic(chat_id, f"#{ticket.id} {ticket.question[:40]}")
    async with desk.sessions() as session, session.begin():
        await tickets.attach_topic(
            session=session, ticket_id=ticket.id, thread_id=topic.message_thread_id
        )
    language = desk.settings.languages.default
    await context.bot.send_message(
        chat_id,
        desk.texts.render(
            "topic_intro",
            language,
            ticket_id=ticket.id,
            owner=desk.rules.staff.shown_as(ticket.owner_id) or "-",
            question=ticket.question,
        ),
        message_thread_id=topic.message_thread_id,
    )
    # What the requester already sent goes into the topic too: nobody asks them again.
    async with desk.sessions() as session:
        earlier = await conversation.history(
            session=session, ticket_id=ticket.id, public_only=True
        )
    for line in earlier:
        if line.direction is Direction.IN and line.telegram_chat_id and line.telegram_message_id:
            try:
                await context.bot.copy_message(
                    chat_id,
                    line.telegram_chat_id,
                    line.telegram_message_id,
                    message_thread_id=topic.message_thread_id,
                )
            except TelegramError:
                log.warning("could not copy message %s into ticket %s", line.id, ticket.id)
    return topic.message_thread_id


async def _is_forum(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> bool:
    """Whether a staff group has topics (asked once per chat and remembered)."""
    known: dict[int, bool] = context.application.bot_data.setdefault("forums", {})
    if chat_id not in known:
        known[chat_id] = bool((await context.bot.get_chat(chat_id)).is_forum)
    return known[chat_id]


async def relay_to_staff(
    desk: Desk, context: ContextTypes.DEFAULT_TYPE, ticket: Ticket, message: Message
) -> None:
    """Copy a requester's message to the ticket's staff: into its topic once claimed, or, in a
    group without topics, as a reply to its card (replying to that copy answers the requester)."""
    chat_id = ticket.staff_chat_id
    if chat_id is None:
        return
    if ticket.staff_thread_id is None:
        if await _is_forum(context, chat_id):
            return  # copied into the topic when someone claims the ticket
        copy = await context.bot.copy_message(
            chat_id,
            message.chat_id,
            message.message_id,
            reply_parameters=ReplyParameters(
                ticket.card_message_id, allow_sending_without_reply=True
            )
            if ticket.card_message_id
            else None,
        )
        async with desk.sessions() as session, session.begin():
            await tickets.link_message(
                session=session, chat_id=chat_id, message_id=copy.message_id, ticket_id=ticket.id
            )
        return
    try:
        await context.bot.copy_message(
            chat_id, message.chat_id, message.message_id, message_thread_id=ticket.staff_thread_id
        )
    except TelegramError:
        # The topic was closed or deleted by someone: open a new one and try once more.
        log.warning("topic of ticket %s unusable; opening a new one", ticket.id)
        thread = await open_topic(desk, context, ticket)
        if thread is not None:
            await context.bot.copy_message(
                chat_id, message.chat_id, message.message_id, message_thread_id=thread
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
    await _on_ticket(desk, context, ticket, message)


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
    await _on_ticket(desk, context, ticket, message)


async def _on_ticket(
    desk: Desk, context: ContextTypes.DEFAULT_TYPE, ticket: Ticket, message: Message
) -> None:
    assert message.from_user is not None
    text = message.text or message.caption or ""
    officer_id = message.from_user.id
    if text.startswith("/transfer"):
        await transfer(desk, context, ticket, officer_id, text)
        return
    if text.startswith("/") and not text.startswith(("/note", "/resolve")):
        return  # another command: never relayed to the requester
    language = desk.settings.languages.default
    try:
        if text.startswith("/resolve"):
            summary = text.removeprefix("/resolve").strip()
            async with desk.sessions() as session, session.begin():
                resolved = await closure.resolve(
                    session=session,
                    rules=desk.rules,
                    ticket_id=ticket.id,
                    officer_id=officer_id,
                    summary=summary,
                    now=desk.now(),
                )
            requester = await requester_of(desk, resolved)
            await context.bot.send_message(
                requester.chat_id,
                desk.texts.render(
                    "resolution", requester.language, ticket_id=ticket.id, summary=summary
                ),
                reply_markup=rating_markup(desk, requester.language, ticket.id),
            )
            await message.reply_text(desk.texts.render("staff_event", language, event="resolved"))
            return
        internal = text.startswith("/note")
        async with desk.sessions() as session, session.begin():
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
    except DeskError as refused:
        await message.reply_text(str(refused))
        return
    if internal:
        await message.reply_text(desk.texts.render("staff_event", language, event="note"))
        return
    requester = await requester_of(desk, ticket)
    await context.bot.copy_message(requester.chat_id, message.chat_id, message.message_id)


async def requester_decides(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The requester rates a resolution (confirming it) or says it is not solved."""
    desk = desk_of(context)
    query = update.callback_query
    assert query is not None and query.data is not None
    async with desk.sessions() as session, session.begin():
        requester = await requester_for(session, desk, query.from_user)
    kind, _, rest = query.data.partition(":")
    try:
        if kind == "rate":
            ticket_id, score = (int(part) for part in rest.split(":"))
            async with desk.sessions() as session, session.begin():
                ticket = await closure.confirm(
                    session=session,
                    rules=desk.rules,
                    ticket_id=ticket_id,
                    requester_id=requester.id,
                    score=score,
                    now=desk.now(),
                )
            await query.answer()
            await query.edit_message_reply_markup(None)
            await context.bot.send_message(
                requester.chat_id,
                desk.texts.render("rated", requester.language, ticket_id=ticket.id),
            )
            event = {"event": "rated", "score": score}
        else:
            async with desk.sessions() as session, session.begin():
                ticket = await closure.reopen(
                    session=session,
                    rules=desk.rules,
                    ticket_id=int(rest),
                    requester_id=requester.id,
                    reason="not solved",
                    now=desk.now(),
                )
            await query.answer()
            await query.edit_message_reply_markup(None)
            await context.bot.send_message(
                requester.chat_id,
                desk.texts.render(
                    "reopened",
                    requester.language,
                    ticket_id=ticket.id,
                    owner=desk.rules.staff.shown_as(ticket.owner_id) or "-",
                    resolution_due_at=ticket.resolution_due_at,
                ),
            )
            event = {"event": "reopened"}
    except (DeskError, ValueError):
        await query.answer()  # an old or forged button: nothing to do, and nothing leaks
        return
    if ticket.staff_chat_id is not None:
        await context.bot.send_message(
            ticket.staff_chat_id,
            desk.texts.render("staff_event", desk.settings.languages.default, **event),
            message_thread_id=ticket.staff_thread_id,
        )
