"""The requester asks: answers from the knowledge base, or a ticket with a promise.

Between two of a requester's messages the bot may be waiting for something: their new question
after /new, more words after a vague first message, or the category of a ticket. That step is
kept on the requester's row (`Requester.dialog_step`), so a restart of the bot loses none of it.
"""

from __future__ import annotations

import logging

from telegram import Message, Update

from bot.desk import Desk
from bot.intake import (
    attachments,
    beside_follow,
    colleagues,
    handing,
    offers,
    pressing,
    recurrence,
    takers,
)
from bot.intake.anew import kept, start_anew
from bot.intake.buttons import Press, PressAction
from bot.intake.decision import Action as IntakeAction
from bot.intake.media import MediaAction
from bot.intake.takers import Taker
from bot.models import Requester, Ticket
from bot.outbox import Call
from bot.transaction import Transaction
from handlers import alert_replies, cards, post, received, taking, update_edits, which
from handlers.callbacks import Action, Button, UnknownButton, parse
from handlers.common import answer
from handlers.context import DeskContext
from handlers.handover import present, present_media, present_press
from handlers.requesters import asking, requester_and_ticket

log = logging.getLogger(__name__)


async def ask(update: Update, context: DeskContext) -> None:
    """A text from a requester in private: the desk decides which of its takers has it, in
    their order (`bot.intake.takers.take_message`), this presents.

    One transaction: who is asking, what the bot was waiting for, what it does now and what
    it says (a crash leaves all of it undone, and the update is handled again)."""
    desk = context.desk
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and user is not None
    if await alert_replies.in_private(desk, message, context.bot.id, update_id=update.update_id):
        return  # a supervisor's words on the ticket of an alert they got here
    async with desk.transaction(update_id=update.update_id) as tx:
        requester, current, holding = await asking(tx, desk, user)
        if await _as_colleague(desk, tx, requester, holding, message):
            return
        chosen = await which.named_in_words(tx, requester, message.text, context.bot)
        if chosen is not None:  # "第二个", "新的问题": what it asked about goes there
            await taking.answered(desk, tx, requester, chosen)
            return
        await taken(desk, tx, requester, current, holding, message, update)


async def taken(
    desk: Desk,
    tx: Transaction,
    requester: Requester,
    current: Ticket | None,
    holding: int,
    message: Message,
    update: Update,
) -> None:
    """The one door a requester's words go through, in the caller's transaction: the desk
    decides which of its takers has `message`'s text (`bot.intake.takers.take_message`:
    a complaint naming staff to a supervisor, a recurrence, the first inquiry, ...), and every
    outcome is presented (the ticket's words filed, or which ticket asked; nothing silent).
    `current` their latest ticket in hand, `holding` how many they have. A plain message's
    (`ask`), and /new's own line's, its words after the command (`new_question`, after
    `anew.start_anew`: read as said after /new, a new matter)."""
    assert message.text is not None
    replied = message.reply_to_message
    took = await takers.take_message(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        text=message.text,
        message_id=message.message_id,
        origin=received.origin_of(message),
        replied_to=replied.message_id if replied else None,
    )
    if took.by is not Taker.FIRST_INQUIRY:  # a recurrence, a low rating's answer, ...
        if took.recurrence is not None:  # the matter back: presented as a recurrence
            presented = await _recurrence_presented(desk, tx, requester, took.recurrence)
            await post.post(tx, presented)
        return
    outcome = took.inquiry
    assert outcome is not None
    if took.filed is not None:  # the question that waited for its kind, filed first
        await post.post(tx, present(desk, requester, took.filed))
        holding += 1 if took.filed.ticket is not None else 0
    if outcome.action is IntakeAction.INTO_TICKET:
        assert outcome.ticket is not None
        if outcome.emergency:  # the numbers first; the ticket is raised to urgent
            await post.post(tx, present(desk, requester, outcome))
        if outcome.unsure:  # "我要投诉" alone, maybe another matter: that ticket's, or new?
            await which.ask_whose(desk, tx, requester, outcome.ticket, message, update)
            return
        if outcome.taken_back:  # that ticket in hand again, and they were told so
            await taking.into_ticket(desk, tx, requester, outcome.ticket, message, told=True)
            return
        ticket = await which.ticket_for(
            desk,
            tx,
            requester,
            outcome.ticket,
            holding,
            message,
            update.update_id,
            settled=outcome.settled,
        )
        if ticket is not None:  # else they are asked which of their tickets it is for
            await taking.into_ticket(desk, tx, requester, ticket, message, person=outcome.person)
        return
    await post.post(tx, present(desk, requester, outcome))


async def new_question(update: Update, context: DeskContext) -> None:
    """/new: the next text is a new question, even while a ticket is open; a question that
    waited for its category becomes a ticket first (`bot.intake.anew`). Words after /new in
    the same message are that question (`anew.words_after_command`), taken through the door
    a message of their own goes through (handlers/asking.py `taken`), as said after /new: a
    complaint naming staff is a supervisor's, "cancel it" the ticket in hand's withdrawal,
    and whatever it is, it is answered."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.transaction(update_id=update.update_id) as tx:
        requester, open_ticket, holding = await asking(tx, desk, user)
        # A question waiting for its category is handed over first, not dropped.
        waited = await start_anew(tx=tx, desk=desk, requester=requester, current=open_ticket)
        if waited is not None:
            await post.post(tx, present(desk, requester, waited))
        opened = waited.ticket if waited is not None else None
        in_hand = open_ticket or opened
        said = received.as_said(message, context.bot)
        if said.text:
            # "/new 公积金怎么提取": the new question is on the command's line, taken at once.
            holding += 1 if opened is not None else 0
            await taken(desk, tx, requester, in_hand, holding, said, update)
            return
        text = desk.texts.render(
            "new_question",
            requester.language,
            ticket_id=in_hand.id if in_hand is not None else None,
            owner=desk.rules.staff.shown_as(in_hand.owner_id) if in_hand is not None else None,
            kept=str(kept(requester) or ""),
        )
        await post.post(tx, post.reply(message, text))


async def _as_colleague(
    desk: Desk, tx: Transaction, requester: Requester, holding: int, message: Message
) -> bool:
    """A colleague asking about work (bot/intake/colleagues.py): told where it is done, in the
    staff's language (/new to ask as a citizen). False for a requester's message."""
    staff = colleagues.is_colleague(desk.rules, requester.telegram_user_id)
    if not colleagues.answered_as_colleague(
        staff=staff, holding=holding, requester=requester, now=desk.now()
    ):
        return False
    if not colleagues.answer_due(requester, message.media_group_id):
        return True  # a later item of an album already answered
    text = desk.texts.render("staff_in_private", desk.settings.languages.default)
    await post.post(tx, post.reply(message, text))
    return True


_WORDED = {Action.LANGUAGE, Action.ANSWER, Action.CATEGORY}  # the buttons with a word
# The requester's buttons as the desk knows them (bot/intake/decision.py, `decide_press`).
_PRESSES = {
    Action.LANGUAGE: Press.LANGUAGE,
    Action.ANSWER: Press.ANSWER,
    Action.HUMAN: Press.PERSON,
    Action.CATEGORY: Press.CATEGORY,
    Action.SOLVED: Press.SOLVED,
}
# After these the pressed message's buttons are used up, and dropped.
_USED_UP = {
    PressAction.SET_LANGUAGE,
    PressAction.HANDOVER,
    PressAction.HANDOVER_IN_CATEGORY,
    PressAction.REGISTER,
    PressAction.SOLVED,
    PressAction.EARLIER_HANDOVER,
    PressAction.EARLIER_SOLVED,
}


def _button(data: str | None) -> Button | None:
    try:
        return parse(data)
    except UnknownButton:
        return None


async def pressed(update: Update, context: DeskContext) -> None:
    """Buttons under answers, suggestions, the category and the language choice; and any data
    no other handler took (a stale or forged button: said politely, nothing changes). What
    each press does is the desk's (`bot.intake.pressing.take_press`); this parses and presents.
    A press that changes nothing is answered with why, in the presser's language; a message
    whose buttons can no longer work loses them."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    button = _button(query.data)
    press = _PRESSES.get(button.action) if button is not None else None
    value = button.word(0) if button is not None and button.action in _WORDED else ""
    pressed_on = query.message
    async with desk.transaction(update_id=update.update_id) as tx:
        requester, current = await requester_and_ticket(tx, desk, query.from_user)
        offer = None
        if pressed_on is not None and pressed_on.chat.id == requester.chat_id:
            offer = await offers.of(
                session=tx.session, chat_id=pressed_on.chat.id, message_id=pressed_on.message_id
            )
        done = await pressing.take_press(
            tx=tx,
            desk=desk,
            requester=requester,
            current=current,
            press=press,
            value=value,
            offer=offer,
        )
        calls: list[Call] = []
        if done.action in _USED_UP and pressed_on is not None:
            calls.append(post.drop_buttons(pressed_on.chat.id, pressed_on.message_id))
        calls += present_press(desk, requester, done)
        await post.post(tx, calls)
        alert = _why_not(desk, requester, done)
        if alert is not None:
            log.info("button %r from user %s: %s", query.data, query.from_user.id, done.action)
        if done.action in _NO_LONGER and pressed_on is not None:
            await post.post(tx, post.drop_buttons(pressed_on.chat.id, pressed_on.message_id))
    await answer(query, alert)


# Presses that change nothing because their inquiry or choice is over: the buttons go too.
_NO_LONGER = {
    PressAction.IN_TICKET,
    PressAction.NO_LONGER_OPEN,
    PressAction.TICKET_IN_HAND,
    PressAction.ASK_FIRST,
}


def _why_not(desk: Desk, requester: Requester, done: pressing.Pressed) -> str | None:
    """What the requester reads on a press that changed nothing (None when it did)."""
    language, ticket = requester.language, done.ticket
    match done.action:
        case PressAction.IN_TICKET | PressAction.TICKET_IN_HAND if ticket is not None:
            return desk.texts.render(
                "stale_button", language, reason="in_ticket", ticket_id=ticket.id
            )
        case PressAction.NO_LONGER_OPEN | PressAction.ASK_FIRST:
            return desk.texts.render("stale_button", language, reason="no_longer_open")
        case PressAction.STALE | PressAction.IN_TICKET:
            return desk.texts.render("stale_button", language)
    return None


async def other(update: Update, context: DeskContext) -> None:
    """Photos, files, voice, video, audio, animations, locations, venues, contacts, polls,
    dice, stickers, album items, forwards of them: what the desk does with them is
    `bot.intake.attachments.take_media` (filed under the ticket in progress, or held for the
    ticket the question opens, a caption being the question); this presents it."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    if await alert_replies.in_private(desk, message, context.bot.id, update_id=update.update_id):
        return  # a supervisor's photo, file, ... on the ticket of an alert they got here
    attachment = received.attachment_of(message)
    async with desk.transaction(update_id=update.update_id) as tx:
        requester, current, holding = await asking(tx, desk, user)
        if await _as_colleague(desk, tx, requester, holding, message):
            return
        replied = message.reply_to_message
        closed = (
            await recurrence.closed_replied_to(
                tx=tx, requester=requester, replied_to=replied.message_id if replied else None
            )
            if recurrence.opens_recurrence(requester, attachment)
            else None
        )
        if closed is not None:  # the closed matter back, as a text under it is
            outcome = await recurrence.hand_over_media_recurrence(
                tx=tx, desk=desk, requester=requester, closed=closed, attachment=attachment
            )
            await post.post(tx, await _recurrence_presented(desk, tx, requester, outcome))
            return
        # A caption right after an answer aside from the tickets: that question's.
        follows = await beside_follow.follows_answer(
            tx=tx,
            desk=desk,
            requester=requester,
            current=current,
            caption=attachment.caption,
            replied_to=replied.message_id if replied else None,
        )
        beside = follows or attachments.beside_ticket(requester, desk.now())
        if current is not None and requester.dialog_step is None and not beside:
            # Into a ticket: the one it answers, when more than one is in hand.
            current = await which.ticket_for(
                desk, tx, requester, current, holding, message, update.update_id
            )
            if current is None:
                return  # they are asked which of their tickets it is for
        media = await attachments.take_media(
            tx=tx,
            desk=desk,
            requester=requester,
            current=current,
            attachment=attachment,
            follows=follows,
            replied_to=replied.message_id if replied else None,
        )
        if media.action is MediaAction.ASK_WHOSE and media.ticket is not None:
            # its caption maybe another matter: the ticket's, or new? (as a text is asked)
            await which.ask_whose(desk, tx, requester, media.ticket, message, update)
            return
        await post.post(tx, present_media(desk, requester, media))


async def edited(update: Update, context: DeskContext) -> None:
    """A requester's edit of a message they sent: to the ticket's staff marked as an edit, or
    (no ticket) taken as what they write now (`bot.intake.attachments.take_edit`)."""
    desk = context.desk
    user, message = update.effective_user, update.edited_message
    if user is None or message is None:
        return
    if await update_edits.corrected(
        desk, message, context.bot.username, update_id=update.update_id
    ):
        return  # a supervisor's incident update, posted in private: its correction
    async with desk.transaction(update_id=update.update_id) as tx:
        requester, current = await requester_and_ticket(tx, desk, user)
        done = await attachments.take_edit(
            tx=tx,
            desk=desk,
            requester=requester,
            current=current,
            chat_id=message.chat_id,
            message_id=message.message_id,
            text=message.text or message.caption or "",
        )
        if done.question is not None:
            await post.post(tx, present(desk, requester, done.question))
        elif done.ticket is not None:
            told = desk.texts.render(
                "edit_passed_on",
                requester.language,
                ticket_id=done.ticket.id,
                owned=done.ticket.owner_id is not None,
            )
            linked = post.message(requester.chat_id, told, ticket_id=done.ticket.id, after="link")
            await post.post(tx, linked)


async def _recurrence_presented(
    desk: Desk, tx: Transaction, requester: Requester, outcome: handing.Outcome
) -> list[Call]:
    """A recurrence's promise; given back to its former owner at once (bot/intake/recurrence.py),
    its own topic too, opened as on a claim, for its owner to work in (a tester's owner could
    answer only by replying to the card until the requester wrote again)."""
    calls = present(desk, requester, outcome)
    ticket = outcome.ticket
    if ticket is not None and ticket.owner_id is not None:
        calls += await cards.topic_calls(desk, tx.session, ticket)
    return calls
