"""Officers in their department's staff group: claim a ticket, talk in its topic, resolve it.

The card of a new ticket carries a Claim button; claiming is atomic in the core. In a forum
group the claimed ticket gets its own topic: the requester's messages are copied there, and
what the owner writes there is copied to the requester (copy, never forward: forwards break
for users who hide their account). `/note` keeps a note internal; `/resolve <summary>`
resolves the ticket and asks the requester to confirm and rate it. Who else hears of a claim,
a reply, a resolution or the requester's verdict is the core's to decide (bot/ownership.py,
bot/conversation.py, bot/closure.py); these handlers present the actor's own answer and the
staff group's view (the card, the ticket's topic).
"""

from __future__ import annotations

import logging

from telegram import MaybeInaccessibleMessage, Message, Update
from telegram.constants import ChatType

from bot import closure, corrections, ownership, speaking, staff_chats, store, supervised, tickets
from bot.desk import Desk
from bot.errors import AlreadyClaimed, DeskError, InvalidInput
from bot.intake import card
from bot.meant_command import meant
from bot.models import Ticket, TicketStatus
from bot.outbox import Call
from handlers import (
    alert_replies,
    cards,
    greeting,
    handoffs,
    menus,
    post,
    received,
    update_edits,
)
from handlers.callbacks import Action, parse
from handlers.commands import IN_TICKET, read
from handlers.common import answer
from handlers.context import DeskContext
from handlers.finding import where_to_use
from handlers.refusals import STALE_REASONS, Misused, refusal, refusals, stale_buttons
from handlers.requesters import requester_for

log = logging.getLogger(__name__)


async def claim(update: Update, context: DeskContext) -> None:
    """The Claim button on a card: the presser becomes the owner, or is told who is."""
    desk = context.desk
    query = update.callback_query
    assert query is not None and query.message is not None
    language = desk.settings.languages.default
    try:
        ticket_id = parse(query.data).number(0)
        async with desk.transaction(update_id=update.update_id) as tx:
            # Who else hears of it is the core's (bot/ownership.py); the card and the
            # ticket's topic are the staff group's own view of the claim.
            ticket = await ownership.claim_and_tell(
                tx=tx, rules=desk.rules, ticket_id=ticket_id, officer_id=query.from_user.id
            )
            owner = desk.rules.staff.shown_as(ticket.owner_id) or "-"
            # The card as the ticket is now, claimed: within a message like the card itself.
            now = await card.card_as_now(session=tx.session, desk=desk, ticket=ticket)
            claimed = cards.card_text(desk, language, now, owner)
            await post.post(
                tx,
                post.edit_text(query.message.chat.id, query.message.message_id, claimed),
                await cards.topic_calls(desk, tx.session, ticket),
            )
    except (ValueError, DeskError) as refused:
        log.info("refused claim %r by user %s: %s", query.data, query.from_user.id, refused)
        stale = isinstance(refused, DeskError) and refused.reason in STALE_REASONS
        if stale:  # the ticket is owned, moved on or gone: this card's Claim cannot work
            await post.say(desk, update.update_id, _without_buttons(query.message))
        if isinstance(refused, AlreadyClaimed) and refused.status in _OWNED:
            owner = desk.rules.staff.shown_as(refused.owner_id) or "-"
            await answer(query, desk.texts.render("claim_refused", language, owner=owner))
        elif stale:  # resolved, closed, gone: its status says why
            await answer(query, refusal(desk, refused))
        else:  # who may claim is the one thing this presser needs to hear
            # A complaint about staff: a supervisor's (bot/supervised.py).
            kept = isinstance(refused, DeskError) and refused.reason == "confidential"
            said = desk.texts.render("claim_refused", language, owner=None, confidential=kept)
            await answer(query, said)
        return
    await answer(query)


# The statuses in which a refused claim is refused because someone owns the ticket.
_OWNED = {TicketStatus.CLAIMED, TicketStatus.TRANSFERRING}


def _without_buttons(message: MaybeInaccessibleMessage) -> Call:
    return post.drop_buttons(message.chat.id, message.message_id)


@refusals
async def in_topic(update: Update, context: DeskContext) -> None:
    """A message in a staff group: in a ticket's topic it is a reply, a note or a resolution;
    an edit of one is an edit (`_edited`)."""
    desk = context.desk
    message = update.effective_message
    if message is None or message.from_user is None or message.message_thread_id is None:
        return
    if message.chat_id == desk.settings.management.chat_id:  # a forum of supervisors
        await _in_supervisors_chat(update, context, message)
        return
    async with desk.sessions() as session:
        ticket = await tickets.get_by_topic(
            session=session, chat_id=message.chat_id, thread_id=message.message_thread_id
        )
    if ticket is None:
        # Not a ticket's topic: staff talking among themselves, unless it is a command.
        await other_command(update, context)
        return
    if update.edited_message is not None:
        await _edited(desk, ticket, message, context.bot.username, update_id=update.update_id)
        return
    await _on_ticket(desk, ticket, message, context.bot.username, update_id=update.update_id)


@refusals
async def in_reply(update: Update, context: DeskContext) -> None:
    """In a group without topics: a reply to a ticket's card or to a requester's copied
    message is a reply to that ticket (or a note, or a resolution, as in a topic; an edit of
    one is an edit, `_edited`)."""
    desk = context.desk
    message = update.effective_message
    if message is None or message.from_user is None or message.reply_to_message is None:
        return
    if message.chat_id == desk.settings.management.chat_id:
        await _in_supervisors_chat(update, context, message)
        return
    async with desk.sessions() as session:
        ticket = await tickets.get_by_message(
            session=session,
            chat_id=message.chat_id,
            message_id=message.reply_to_message.message_id,
        )
    if ticket is None:
        # A reply to something else: staff talking among themselves, unless it is a command.
        await other_command(update, context)
        return
    if update.edited_message is not None:
        await _edited(desk, ticket, message, context.bot.username, update_id=update.update_id)
        return
    await _on_ticket(desk, ticket, message, context.bot.username, update_id=update.update_id)


async def _in_supervisors_chat(update: Update, context: DeskContext, message: Message) -> None:
    """A message in the supervisors' chat that no command handler took: a reply to one of the
    bot's messages there is about the ticket it stands for (handlers/alert_replies.py); a
    command gets the list of those that exist there. An edit does nothing again, but of an
    incident's update: its correction (handlers/update_edits.py)."""
    if update.edited_message is not None:
        await update_edits.corrected(
            context.desk, message, context.bot.username, update_id=update.update_id
        )
        return
    if read(message.text or "", context.bot.username) is not None:
        await other_command(update, context)
        return
    await alert_replies.replied(context.desk, message, context.bot.id, update_id=update.update_id)


async def _unknown(desk: Desk, message: Message, name: str, *, update_id: int) -> None:
    """A command that does not exist here (or is mis-cased): say which ones do."""
    language = desk.settings.languages.default
    here = menus.commands_here(desk, message.chat_id)
    names = [line.split(" - ", 1)[0].strip() for line in here]
    likely = None if name in ("help", "start") else meant(name, names)
    text = desk.texts.render("unknown_command", language, name=name, commands=here, meant=likely)
    await post.say(desk, update_id, post.reply(message, text))


async def other_command(update: Update, context: DeskContext) -> None:
    """A command in a group that no handler took, from staff (management too): in a staff
    place (a department's group or the management chat) the list of the commands there, or,
    for a command that acts on a ticket (IN_TICKET), where it works; commands to other bots,
    anyone else's and anything in other groups are left alone."""
    desk = context.desk
    message = update.effective_message
    if message is None or message.from_user is None:
        return
    command = read(message.text or "", context.bot.username)
    staff_place = staff_chats.place_of(desk.settings, message.chat_id).known
    if command is None or not command.to_us or not staff_place:
        return
    if not desk.rules.staff.is_staff(message.from_user.id):
        return  # someone who is not staff: the bot does not answer them in a staff group
    if command.name in IN_TICKET:
        # A command for one ticket where none is named (the supervisors' chat has no
        # ticket's place): where it works.
        where = where_to_use(desk, message, command.name)
        await post.say(desk, update.update_id, post.reply(message, where))
        return
    await _unknown(desk, message, command.name, update_id=update.update_id)


async def _edited(
    desk: Desk, ticket: Ticket, message: Message, username: str | None, *, update_id: int
) -> None:
    """An officer's edit of what they wrote about a ticket: a reply the requester has reaches
    them again, marked as an edit (bot/corrections.py); an edited command or note does
    nothing again (a resolution is not resolved twice), and its writer hears so."""
    assert message.from_user is not None
    if await update_edits.corrected(desk, message, username, update_id=update_id):
        return  # an incident's update posted here: its correction
    text = message.text or message.caption or ""
    command = read(text, username)
    async with desk.transaction(update_id=update_id) as tx:
        if command is not None:
            if command.to_us:  # not carried out: whoever edited it hears so
                language = desk.settings.languages.default
                await greeting.edited_into_command(tx, desk, message, command.name, language)
            return
        await corrections.staff_edit_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket_id=ticket.id,
            officer_id=message.from_user.id,
            chat_id=message.chat_id,
            message_id=message.message_id,
            text=text,
        )


def _kept_apart(desk: Desk, ticket: Ticket, message: Message, apart: str) -> list[Call]:
    """An officer's command about a confidential complaint (bot/supervised.py) written in a
    group: taken out of the group, and they hear so in private (`staff_event`'s `apart`);
    nothing for any other."""
    private = message.chat.type == ChatType.PRIVATE
    if message.from_user is None or not supervised.kept_from_group(ticket, private=private):
        return []
    language = desk.settings.languages.default
    kept = desk.texts.render("staff_event", language, event=apart, ticket_id=ticket.id)
    return [
        post.delete(message.chat_id, message.message_id),
        post.message(message.from_user.id, kept),
    ]


def _answered(desk: Desk, ticket: Ticket, message: Message, said: str, apart: str) -> list[Call]:
    """`said`, the answer to an officer's resolution or note about `ticket`: as a reply to it;
    of a confidential complaint written in a group, `_kept_apart` instead."""
    return _kept_apart(desk, ticket, message, apart) or post.reply(message, said)


async def _on_ticket(
    desk: Desk, ticket: Ticket, message: Message, username: str | None, *, update_id: int
) -> None:
    """A staff message about a ticket: a handoff, a resolution, a note or a reply to the
    requester; a command addressed to the bot by name works as the bare command, and any
    other command is never relayed (a mis-cased or unknown one is answered with the list).
    The core's refusal (DeskError) is the caller's to word."""
    assert message.from_user is not None
    text = message.text or message.caption or ""
    officer_id = message.from_user.id
    command = read(text, username)
    if command is not None:
        if not command.to_us:
            return  # for another bot in the group
        if command.name not in IN_TICKET:
            await _unknown(desk, message, command.name, update_id=update_id)
            return
        if command.name == "transfer":
            apart = _kept_apart(desk, ticket, message, "transferred_apart")
            await handoffs.transfer(
                desk, ticket, officer_id, command.rest, update_id=update_id, then=apart
            )
            return
        if command.name == "handoff_due":
            await handoffs.move_due(desk, ticket, message, command.rest, update_id=update_id)
            return
    if command is None and await handoffs.talked(desk, ticket, message, text, update_id=update_id):
        return  # a question about a handoff, or its answer: between staff only
    language = desk.settings.languages.default
    async with desk.transaction(update_id=update_id) as tx:
        if command is not None and command.name == "resolve":
            # The requester's resolution, with its rating buttons: bot/closure.py.
            try:
                await closure.resolve_and_tell(
                    tx=tx,
                    rules=desk.rules,
                    ticket_id=ticket.id,
                    officer_id=officer_id,
                    summary=command.rest,
                )
            except InvalidInput as refused:  # no summary, or too long: how to write it
                written = {"zh": "/resolve 办结情况摘要"}.get(language, "/resolve what was done")
                usage = desk.texts.render("usage", language, usage=written)
                raise Misused(refused, usage) from refused
            done = desk.texts.render("staff_event", language, event="resolved")
            await post.post(tx, _answered(desk, ticket, message, done, "resolved_apart"))
            return
        if command is not None and command.name == "note":
            # Whoever on staff writes it, of whichever department: kept (bot/speaking.py).
            ticket_now = await store.get(session=tx.session, ticket_id=ticket.id)
            await speaking.note_and_tell(
                tx=tx,
                rules=desk.rules,
                ticket=ticket_now,
                officer_id=officer_id,
                text=command.rest,
                chat_id=message.chat_id,
                message_id=message.message_id,
                thread_id=message.message_thread_id if message.is_topic_message else None,
            )
            noted = desk.texts.render("staff_event", language, event="note")
            await post.post(tx, _answered(desk, ticket, message, noted, "noted_apart"))
            return
        # The requester gets a copy of it when its writer answers them (the first officer of
        # its department to answer an unclaimed ticket claims it by answering); anyone else's
        # words are kept as their internal note (bot/speaking.py), and they hear why.
        spoken = await speaking.staff_words_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket_id=ticket.id,
            officer_id=officer_id,
            text=received.described(message) or text,  # a poll in words
            chat_id=message.chat_id,
            message_id=message.message_id,
            thread_id=message.message_thread_id if message.is_topic_message else None,
            content_type="text" if message.text is not None else received.content_of(message)[0],
        )
        if spoken.claimed:
            # As a claim does: the ticket's topic (its introduction shows the answer), and the
            # officer hears the ticket is theirs now.
            claimed = await store.get(session=tx.session, ticket_id=spoken.ticket_id)
            yours = desk.texts.render(
                "staff_event", language, event="claimed_by_reply", ticket_id=spoken.ticket_id
            )
            await post.post(
                tx,
                await cards.topic_calls(desk, tx.session, claimed),
                post.reply(message, yours),
            )
        if not spoken.to_requester:
            owner = desk.rules.staff.shown_as(spoken.owner_id)
            kept = desk.texts.render(
                "kept_as_note",
                language,
                ticket_id=spoken.ticket_id,
                owner=owner,
                reason=spoken.why,
                department=spoken.department_key,
            )
            await post.post(tx, post.reply(message, kept))


@stale_buttons
async def requester_decides(update: Update, context: DeskContext) -> None:
    """The requester rates a resolution (confirming it, or one they confirmed in words) or
    says it is not solved. An old,
    replayed or forged button changes nothing and leaks nothing."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    button = parse(query.data)
    ticket_id = button.number(0)
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, query.from_user)
        # The ticket's staff hear of it: bot/closure.py. The requester, who pressed, is
        # answered here.
        if button.action is Action.RATE:
            ticket = await closure.rate_and_tell(
                tx=tx,
                rules=desk.rules,
                ticket_id=ticket_id,
                requester_id=requester.id,
                score=button.number(1),
            )
            why = closure.asks_why(button.number(1))  # low: what went wrong is asked
            told = desk.texts.render(
                "rated", requester.language, ticket_id=ticket.id, asks_why=why
            )
        else:
            ticket = await closure.reopen_and_tell(
                tx=tx,
                rules=desk.rules,
                ticket_id=ticket_id,
                requester_id=requester.id,
                reason="",  # the button says no more than the event does
            )
            told = desk.texts.render(
                "reopened",
                requester.language,
                ticket_id=ticket.id,
                owner=desk.rules.staff.shown_as(ticket.owner_id) or "-",
                resolution_due_at=ticket.resolution_due_at,
            )
        calls = [post.message(requester.chat_id, told, ticket_id=ticket.id, after="link")]
        if query.message is not None:
            calls.insert(0, post.drop_buttons(query.message.chat.id, query.message.message_id))
        await post.post(tx, calls)
    await answer(query)
