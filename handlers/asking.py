"""The requester asks: greeting, answers from the knowledge base, or a ticket with a promise.

Between two of a requester's messages the bot may be waiting for something: their new question
after /new, more words after a vague first message, or the category of a ticket. That step is
kept on the requester's row (`Requester.dialog_step`), so a restart of the bot loses none of it.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message, Update
from telegram.ext import ContextTypes

from bot import conversation, outbox, tickets
from bot.classify import fallback_category, infer_category
from bot.desk import Desk
from bot.models import DialogStep, Requester, Ticket
from bot.outbox import Call
from handlers import post
from handlers.common import answer, desk_of, keyboard, requester_and_ticket, requester_for
from handlers.post import message as say_to
from handlers.staff import card_markup, relay_to_staff
from knowledge.matcher import Band

log = logging.getLogger(__name__)
HUMAN_WORDS = {"人工", "转人工", "人工服务", "human", "talk to a person", "agent", "person"}
# Openers that say nothing about the matter: the bot asks what it is about, once.
GREETINGS = {"你好", "您好", "在吗", "在不在", "有人吗", "请问", "咨询", "问一下", "咨询一下"}
GREETINGS |= {"hello", "hi", "hey", "help", "question", "a question", "excuse me"}
MAX_QUESTION = 2000


def _label(desk: Desk, language: str, key: str) -> str:
    return desk.texts.render("buttons", language, key=key)


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


def _answer_buttons(desk: Desk, language: str) -> list[list[tuple[str, str]]]:
    return [
        [
            (_label(desk, language, "solved"), "solved"),
            (_label(desk, language, "not_solved"), "human"),
        ]
    ]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    desk = desk_of(context)
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.sessions() as session, session.begin():
        requester = await requester_for(session, desk, user)
        values = desk.settings.knowledge.context(requester.language)
        text = desk.texts.render(
            "greeting",
            requester.language,
            name=user.first_name,
            office_name=values.get("office_name", ""),
        )
        await post.post(desk, session, post.reply(message, text))


async def help_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    desk = desk_of(context)
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.sessions() as session, session.begin():
        requester = await requester_for(session, desk, user)
        text = desk.texts.render("help", requester.language)
        await post.post(desk, session, post.reply(message, text))


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/lang: buttons for each language; `/lang en` switches at once."""
    desk = desk_of(context)
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    wanted = (context.args or [""])[0].lower()
    async with desk.sessions() as session, session.begin():
        requester = await requester_for(session, desk, user)
        if wanted in desk.texts.supported:
            requester.language = wanted
            await post.post(
                desk, session, post.reply(message, desk.texts.render("language_set", wanted))
            )
            return
        rows = [
            [(_label(desk, code, f"lang_{code}"), f"lang:{code}") for code in desk.texts.supported]
        ]
        text = desk.texts.render("language_choice", requester.language)
        await post.post(desk, session, post.reply(message, text, keyboard(rows)))


async def new_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/new: the next text is a new question, even while a ticket is open."""
    desk = desk_of(context)
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.sessions() as session, session.begin():
        requester, open_ticket = await requester_and_ticket(session, desk, user)
        requester.dialog_step = DialogStep.NEW_QUESTION if open_ticket is not None else None
        requester.last_question = None
        requester.last_offered = None
        text = desk.texts.render(
            "new_question",
            requester.language,
            ticket_id=open_ticket.id if open_ticket is not None else None,
        )
        await post.post(desk, session, post.reply(message, text))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text from a requester in private: into the open ticket, or to the knowledge base.

    One transaction: who is asking, what the bot was waiting for, what it does now and what
    it says (a crash leaves all of it undone, and the update is handled again)."""
    desk = desk_of(context)
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
            await _handover(desk, session, requester, question, None)
            return
        earlier = (
            requester.last_question if step in (DialogStep.CLARIFY, DialogStep.CATEGORY) else None
        )
        question = (f"{earlier}\n{text}" if earlier else text)[:MAX_QUESTION]
        requester.last_question = question
        requester.dialog_step = None
        if step == DialogStep.CATEGORY:
            # They wrote instead of choosing: a person gets the ticket now, under the fallback.
            await _handover(desk, session, requester, question, fallback_category(desk.settings))
            return
        matches = desk.matcher.search(question, language, limit=3)
        band = desk.matcher.band(matches)
        requester.last_offered = (
            ",".join(m.template_id for m in matches) if band is not Band.HANDOVER else None
        )
        if band is Band.ANSWER:
            answer = desk.answer(matches[0].template_id, language)
            reply = say_to(
                requester.chat_id,
                desk.texts.render("answer", language, answer=answer),
                keyboard(_answer_buttons(desk, language)),
            )
        elif band is Band.SUGGEST:
            rows = [
                [
                    (
                        desk.templates[m.template_id].questions.get(language, [m.phrasing])[0],
                        f"kb:{m.template_id}",
                    )
                ]
                for m in matches
                if m.template_id in desk.templates
            ]
            rows.append([(_label(desk, language, "none"), "human")])
            reply = say_to(
                requester.chat_id, desk.texts.render("suggest", language), keyboard(rows)
            )
        elif step != DialogStep.CLARIFY and is_vague(text):
            requester.dialog_step = DialogStep.CLARIFY
            reply = say_to(requester.chat_id, desk.texts.render("clarify", language))
        else:
            await _handover(desk, session, requester, question, None)
            return
        await post.post(desk, session, reply)


def _attempts(desk: Desk, requester: Requester) -> list[str]:
    """The questions of the templates the bot offered, as the staff read them."""
    language = desk.settings.languages.default
    offered = [t for t in (requester.last_offered or "").split(",") if t in desk.templates]
    return [
        next(iter(desk.templates[t].questions.get(language, [])), None)
        or next(iter(q[0] for q in desk.templates[t].questions.values() if q), t)
        for t in offered
    ]


async def _handover(
    desk: Desk,
    session: AsyncSession,
    requester: Requester,
    question: str,
    category: str | None,
) -> None:
    """In the caller's transaction: open a ticket, state the promise, and show the card to
    the department's staff group; first ask for the category when neither words nor a close
    template say it, and refuse politely past the open-ticket limit."""
    language = requester.language
    if category is None:
        # A close (if not close enough) template says what kind of case it is, unless words do.
        def close_template_category() -> str | None:
            matches = desk.matcher.search(question, None, limit=1)
            close = desk.matcher.band(matches) is not Band.HANDOVER
            template = desk.templates.get(matches[0].template_id) if close else None
            return template.category if template else None

        category = infer_category(desk.settings, question, close_template_category)
    open_count = await tickets.count_open(session=session, requester_id=requester.id)
    if open_count >= desk.settings.abuse.open_tickets:
        requester.dialog_step = None
        text = desk.texts.render("too_many_open", language, count=open_count)
        await post.post(desk, session, say_to(requester.chat_id, text))
        return
    if category is None:
        requester.dialog_step = DialogStep.CATEGORY
        requester.last_question = question[:MAX_QUESTION]
        names = desk.names(language)["categories"]
        rows = [[(names[c.key], f"cat:{c.key}")] for c in desk.settings.categories]
        text = desk.texts.render("category_choice", language)
        await post.post(desk, session, say_to(requester.chat_id, text, keyboard(rows)))
        return
    opened = await tickets.open_ticket(
        session=session,
        rules=desk.rules,
        requester_id=requester.id,
        question=question,
        category=category,
        now=desk.now(),
    )
    ticket = opened.ticket
    # Keyword and surge alerts for the supervisors: stored with the ticket.
    await outbox.enqueue(session=session, messages=opened.alerts, now=desk.now())
    attempts = _attempts(desk, requester)
    if attempts:
        conversation.add_bot_note(
            session=session, ticket_id=ticket.id, text="; ".join(attempts), now=desk.now()
        )
    requester.dialog_step = requester.last_question = requester.last_offered = None
    earlier = [
        t
        for t in await tickets.list_for_requester(session=session, requester_id=requester.id)
        if t.id != ticket.id
    ][:5]
    # The card's group now; its message id once Telegram has the card.
    ticket.staff_chat_id = desk.settings.department(
        ticket.handling_department_key
    ).staff_group_chat_id
    promise = desk.texts.render(
        "ticket_opened",
        language,
        ticket_id=ticket.id,
        category=desk.names(language)["categories"][ticket.category],
        first_response_due_at=ticket.first_response_due_at,
        resolution_due_at=ticket.resolution_due_at,
    )
    card = say_to(
        ticket.staff_chat_id,
        _card_text(desk, ticket, attempts, earlier),
        card_markup(desk, ticket.id),
        kind="card",
        ticket_id=ticket.id,
        after="card",
    )
    await post.post(desk, session, say_to(requester.chat_id, promise, kind="promise"), card)


def _card_text(desk: Desk, ticket: Ticket, attempts: list[str], earlier: list[Ticket]) -> str:
    staff_language = desk.settings.languages.default
    staff_names = desk.names(staff_language)
    return desk.texts.render(
        "ticket_card",
        staff_language,
        ticket_id=ticket.id,
        category=staff_names["categories"][ticket.category],
        priority=staff_names["priorities"][ticket.priority],
        first_response_due_at=ticket.first_response_due_at,
        resolution_due_at=ticket.resolution_due_at,
        question=ticket.question,
        attempts=attempts,
        earlier=[{"id": t.id, "status": str(t.status)} for t in earlier],
        statuses={
            s: desk.texts.render("statuses", staff_language, status=s)
            for s in ("open", "claimed", "transferring", "resolved", "closed")
        },
    )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons under answers, suggestions, the category and the language choice."""
    desk = desk_of(context)
    query = update.callback_query
    assert query is not None and query.data is not None
    data = query.data
    category_keys = {c.key for c in desk.settings.categories}
    alert: str | None = None
    async with desk.sessions() as session, session.begin():
        requester, open_ticket = await requester_and_ticket(session, desk, query.from_user)
        chat_id = requester.chat_id
        calls: list[Call] = []
        used: list[Call] = []  # the pressed message's buttons, used up
        if query.message is not None:
            used = [post.drop_buttons(query.message.chat.id, query.message.message_id)]
        if data.startswith("lang:") and data[5:] in desk.texts.supported:
            requester.language = data[5:]
            calls = [*used, say_to(chat_id, desk.texts.render("language_set", data[5:]))]
        elif data.startswith("kb:") and data[3:] in desk.templates:
            language = requester.language
            text = desk.texts.render("answer", language, answer=desk.answer(data[3:], language))
            calls = [say_to(chat_id, text, keyboard(_answer_buttons(desk, language)))]
        elif data == "human" and requester.last_question:
            await post.post(desk, session, used)
            await _handover(desk, session, requester, requester.last_question, None)
        elif data == "human" and open_ticket is not None:
            text = desk.texts.render(
                "ticket_in_hand",
                requester.language,
                ticket_id=open_ticket.id,
                owner=desk.rules.staff.shown_as(open_ticket.owner_id),
            )
            calls = [say_to(chat_id, text)]
        elif data == "human":
            calls = [say_to(chat_id, desk.texts.render("ask_first", requester.language))]
        elif (
            data.startswith("cat:")
            and data[4:] in category_keys
            and requester.dialog_step == DialogStep.CATEGORY
            and requester.last_question
        ):
            await post.post(desk, session, used)
            await _handover(desk, session, requester, requester.last_question, data[4:])
        elif data == "solved":
            calls = used
        else:
            # A button from an old message, or data nobody sent: said politely, nothing changes.
            log.info("stale or unknown button %r from user %s", data, query.from_user.id)
            alert = desk.texts.render("stale_button", requester.language)
        await post.post(desk, session, calls)
    await answer(query, alert)


async def other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, files, voice, locations, stickers: into the open ticket, else ask for words."""
    desk = desk_of(context)
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.sessions() as session, session.begin():
        requester, open_ticket = await requester_and_ticket(session, desk, user)
        if open_ticket is None:
            text = desk.texts.render("not_understood", requester.language)
            reply = say_to(requester.chat_id, text)
            await post.post(desk, session, reply)
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
        desk, session, relay_to_staff(desk, ticket, message), say_to(requester.chat_id, added)
    )
