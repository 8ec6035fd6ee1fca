"""The requester asks: answers from the knowledge base, or a ticket with a promise.

Between two of a requester's messages the bot may be waiting for something: their new question
after /new, more words after a vague first message, or the category of a ticket. That step is
kept on the requester's row (`Requester.dialog_step`), so a restart of the bot loses none of it.
"""

from __future__ import annotations

import logging

from telegram import Message, Update

from bot import conversation
from bot.desk import Desk
from bot.intake import flow
from bot.intake.decision import Action as IntakeAction
from bot.models import DialogStep, Requester, Ticket
from bot.outbox import Call
from bot.transaction import Transaction
from handlers import keyboards, post
from handlers.callbacks import Action, Button, UnknownButton, parse
from handlers.common import answer
from handlers.context import DeskContext
from handlers.handover import handover, present
from handlers.requesters import requester_and_ticket

log = logging.getLogger(__name__)


def _content_of(message: Message) -> tuple[str, str | None]:
    """What kind of message this is, and its file id if it carries one."""
    if message.photo:
        return "photo", message.photo[-1].file_id
    for kind in ("document", "voice", "video", "audio", "sticker"):
        attachment = getattr(message, kind)
        if attachment is not None:
            return kind, attachment.file_id
    if message.location is not None:
        return "location", None
    return "other", None


async def ask(update: Update, context: DeskContext) -> None:
    """A text from a requester in private: the first-inquiry flow decides, this presents.

    One transaction: who is asking, what the bot was waiting for, what it does now and what
    it says (a crash leaves all of it undone, and the update is handled again)."""
    desk = context.desk
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and user is not None
    async with desk.transaction(update_id=update.update_id) as tx:
        session = tx.session
        requester, current = await requester_and_ticket(session, desk, user)
        outcome = await flow.take_text(
            tx=tx, desk=desk, requester=requester, current=current, text=message.text
        )
        if outcome.action is IntakeAction.INTO_TICKET:
            assert outcome.ticket is not None
            await _into_ticket(desk, tx, requester, outcome.ticket, message)
            return
        await post.post(tx, present(desk, requester, outcome))


_WORDED = {Action.LANGUAGE, Action.ANSWER, Action.CATEGORY}  # the buttons with a word


def _button(data: str | None) -> Button | None:
    try:
        return parse(data)
    except UnknownButton:
        return None


async def pressed(update: Update, context: DeskContext) -> None:
    """Buttons under answers, suggestions, the category and the language choice; and any data
    no other handler took (a stale or forged button: said politely, nothing changes)."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    button = _button(query.data)
    action = button.action if button is not None else None
    word = button.word(0) if button is not None and action in _WORDED else ""
    category_keys = {c.key for c in desk.settings.categories}
    alert: str | None = None
    async with desk.transaction(update_id=update.update_id) as tx:
        session = tx.session
        requester, open_ticket = await requester_and_ticket(session, desk, query.from_user)
        chat_id = requester.chat_id
        calls: list[Call] = []
        used: list[Call] = []  # the pressed message's buttons, used up
        if query.message is not None:
            used = [post.drop_buttons(query.message.chat.id, query.message.message_id)]
        if action is Action.LANGUAGE and word in desk.texts.supported:
            requester.language = word
            calls = [*used, post.message(chat_id, desk.texts.render("language_set", word))]
        elif action is Action.ANSWER and word in desk.templates:
            language = requester.language
            text = desk.texts.render("answer", language, answer=desk.answer(word, language))
            calls = [post.message(chat_id, text, keyboards.answered(desk, language))]
        elif action is Action.HUMAN and requester.last_question:
            await post.post(tx, used)
            await handover(desk, tx, requester, requester.last_question, None)
        elif action is Action.HUMAN and open_ticket is not None:
            text = desk.texts.render(
                "ticket_in_hand",
                requester.language,
                ticket_id=open_ticket.id,
                owner=desk.rules.staff.shown_as(open_ticket.owner_id),
            )
            calls = [post.message(chat_id, text)]
        elif action is Action.HUMAN:
            calls = [post.message(chat_id, desk.texts.render("ask_first", requester.language))]
        elif (
            action is Action.CATEGORY
            and word in category_keys
            and requester.dialog_step == DialogStep.CATEGORY
            and requester.last_question
        ):
            await post.post(tx, used)
            await handover(desk, tx, requester, requester.last_question, word)
        elif action is Action.SOLVED:
            calls = used
        else:
            # A button from an old message, or data nobody sent: said politely, nothing changes.
            log.info("stale or unknown button %r from user %s", query.data, query.from_user.id)
            alert = desk.texts.render("stale_button", requester.language)
        await post.post(tx, calls)
    await answer(query, alert)


async def other(update: Update, context: DeskContext) -> None:
    """Photos, files, voice, locations, stickers: into the open ticket, else ask for words."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.transaction(update_id=update.update_id) as tx:
        session = tx.session
        requester, open_ticket = await requester_and_ticket(session, desk, user)
        if open_ticket is None:
            text = desk.texts.render("not_understood", requester.language)
            await post.post(tx, post.message(requester.chat_id, text))
            return
        await _into_ticket(desk, tx, requester, open_ticket, message)


async def _into_ticket(
    desk: Desk, tx: Transaction, requester: Requester, ticket: Ticket, message: Message
) -> None:
    """Whatever a requester sends while their ticket is open: filed under it, copied to its
    staff, and the requester told so (or, after a resolution, asked to confirm), in the
    caller's transaction."""
    kind, file_id = ("text", None) if message.text is not None else _content_of(message)
    # Copied to the ticket's staff: bot/conversation.py.
    await conversation.requester_message_and_tell(
        tx=tx,
        rules=desk.rules,
        ticket_id=ticket.id,
        requester_id=requester.id,
        chat_id=message.chat_id,
        message_id=message.message_id,
        text=message.text if message.text is not None else message.caption or "",
        content_type=kind,
        file_id=file_id,
    )
