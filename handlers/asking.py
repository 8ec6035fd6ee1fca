"""The requester asks: answers from the knowledge base, or a ticket with a promise.

Between two of a requester's messages the bot may be waiting for something: their new question
after /new, more words after a vague first message, or the category of a ticket. That step is
kept on the requester's row (`Requester.dialog_step`), so a restart of the bot loses none of it.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message, Update

from bot import conversation
from bot.classify import fallback_category
from bot.desk import Desk
from bot.models import DialogStep, Requester, Ticket
from bot.outbox import Call
from handlers import cards, keyboards, post
from handlers.callbacks import Action, Button, UnknownButton, parse
from handlers.common import answer
from handlers.context import DeskContext
from handlers.handover import MAX_QUESTION, handover
from handlers.requesters import requester_and_ticket
from knowledge.matcher import Band

log = logging.getLogger(__name__)
HUMAN_WORDS = {"人工", "转人工", "人工服务", "human", "talk to a person", "agent", "person"}
# Openers that say nothing about the matter: the bot asks what it is about, once.
GREETINGS = {"你好", "您好", "在吗", "在不在", "有人吗", "请问", "咨询", "问一下", "咨询一下"}
GREETINGS |= {"hello", "hi", "hey", "help", "question", "a question", "excuse me"}


def is_vague(text: str) -> bool:
    """Too short or too general to act on: a greeting, under four Chinese characters and
    under three words."""
    folded = re.sub(r"^[\W_]+|[\W_]+$", "", text.casefold())
    if folded in GREETINGS:
        return True
    chinese = sum(1 for ch in folded if "\u4e00" <= ch <= "\u9fff")
    words = len(re.findall(r"[a-z0-9]+", folded))
    return chinese < 4 and words < 3


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
    """A text from a requester in private: into the open ticket, or to the knowledge base.

    One transaction: who is asking, what the bot was waiting for, what it does now and what
    it says (a crash leaves all of it undone, and the update is handled again)."""
    desk = context.desk
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and user is not None
    text = message.text.strip()
    wants_person = text.casefold() in HUMAN_WORDS
    async with desk.sessions() as session, session.begin():
        requester, current = await requester_and_ticket(session, desk, user)
        language = requester.language
        step = requester.dialog_step
        # While a new question is being asked, nothing goes into the open ticket.
        open_ticket = None if step is not None else current
        if open_ticket is not None:
            await _into_ticket(desk, session, requester, open_ticket, message)
            return
        if wants_person:
            question = requester.last_question or text
            await handover(desk, session, requester, question, None)
            return
        earlier = (
            requester.last_question if step in (DialogStep.CLARIFY, DialogStep.CATEGORY) else None
        )
        question = (f"{earlier}\n{text}" if earlier else text)[:MAX_QUESTION]
        requester.last_question = question
        requester.dialog_step = None
        if step == DialogStep.CATEGORY:
            # They wrote instead of choosing: a person gets the ticket now, under the fallback.
            await handover(desk, session, requester, question, fallback_category(desk.settings))
            return
        matches = desk.matcher.search(question, language, limit=3)
        band = desk.matcher.band(matches)
        requester.last_offered = (
            ",".join(m.template_id for m in matches) if band is not Band.HANDOVER else None
        )
        if band is Band.ANSWER:
            found = desk.answer(matches[0].template_id, language)
            reply = post.message(
                requester.chat_id,
                desk.texts.render("answer", language, answer=found),
                keyboards.answered(desk, language),
            )
        elif band is Band.SUGGEST:
            reply = post.message(
                requester.chat_id,
                desk.texts.render("suggest", language),
                keyboards.suggestions(desk, language, matches),
            )
        elif step != DialogStep.CLARIFY and is_vague(text):
            requester.dialog_step = DialogStep.CLARIFY
            reply = post.message(requester.chat_id, desk.texts.render("clarify", language))
        else:
            await handover(desk, session, requester, question, None)
            return
        await post.post(desk, session, reply)


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
    async with desk.sessions() as session, session.begin():
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
            await post.post(desk, session, used)
            await handover(desk, session, requester, requester.last_question, None)
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
            await post.post(desk, session, used)
            await handover(desk, session, requester, requester.last_question, word)
        elif action is Action.SOLVED:
            calls = used
        else:
            # A button from an old message, or data nobody sent: said politely, nothing changes.
            log.info("stale or unknown button %r from user %s", query.data, query.from_user.id)
            alert = desk.texts.render("stale_button", requester.language)
        await post.post(desk, session, calls)
    await answer(query, alert)


async def other(update: Update, context: DeskContext) -> None:
    """Photos, files, voice, locations, stickers: into the open ticket, else ask for words."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.sessions() as session, session.begin():
        requester, open_ticket = await requester_and_ticket(session, desk, user)
        if open_ticket is None:
            text = desk.texts.render("not_understood", requester.language)
            await post.post(desk, session, post.message(requester.chat_id, text))
            return
        await _into_ticket(desk, session, requester, open_ticket, message)


async def _into_ticket(
    desk: Desk, session: AsyncSession, requester: Requester, ticket: Ticket, message: Message
) -> None:
    """Whatever a requester sends while their ticket is open: filed under it, copied to its
    staff, and the requester told so, in the caller's transaction."""
    kind, file_id = ("text", None) if message.text is not None else _content_of(message)
    await conversation.add_requester_message(
        session=session,
        rules=desk.rules,
        ticket_id=ticket.id,
        requester_id=requester.id,
        text=message.text if message.text is not None else message.caption or "",
        content_type=kind,
        file_id=file_id,
        chat_id=message.chat_id,
        message_id=message.message_id,
        now=desk.now(),
    )
    added = desk.texts.render("added_to_ticket", requester.language, ticket_id=ticket.id)
    await post.post(
        desk,
        session,
        cards.relay_to_staff(desk, ticket, message),
        post.message(requester.chat_id, added),
    )
