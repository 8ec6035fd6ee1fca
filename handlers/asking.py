"""The requester asks: greeting, answers from the knowledge base, or a ticket with a promise.

Between two of a requester's messages the bot may be waiting for something: their new question
after /new, more words after a vague first message, or the category of a ticket. That step is
kept on the requester's row (`Requester.dialog_step`), so a restart of the bot loses none of it.
"""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message, Update
from telegram.ext import ContextTypes

from bot import conversation
from bot.desk import Desk
from bot.intake import flow
from bot.intake.decision import Action, Handover
from bot.models import DialogStep, Requester, Ticket
from bot.outbox import Call
from handlers import post
from handlers.common import answer, desk_of, keyboard, requester_and_ticket, requester_for
from handlers.post import message as say_to
from handlers.staff import card_markup, relay_to_staff

log = logging.getLogger(__name__)


def _label(desk: Desk, language: str, key: str) -> str:
    return desk.texts.render("buttons", language, key=key)


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
    """A text from a requester in private: the first-inquiry flow decides, this presents.

    One transaction: who is asking, what the bot was waiting for, what it does now and what
    it says (a crash leaves all of it undone, and the update is handled again)."""
    desk = desk_of(context)
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and user is not None
    async with desk.sessions() as session, session.begin():
        requester, current = await requester_and_ticket(session, desk, user)
        outcome = await flow.take_text(
            session=session, desk=desk, requester=requester, current=current, text=message.text
        )
        if outcome.action is Action.INTO_TICKET:
            assert outcome.ticket is not None
            await _into_ticket(desk, session, requester, outcome.ticket, message)
            return
        await post.post(desk, session, _present(desk, requester, outcome))


def _present(desk: Desk, requester: Requester, outcome: flow.Outcome) -> list[Call]:
    """The messages that say what the first-inquiry flow did."""
    language, chat_id = requester.language, requester.chat_id
    match outcome.action:
        case Action.ANSWER:
            answer = desk.answer(outcome.template_ids[0], language)
            text = desk.texts.render("answer", language, answer=answer)
            return [say_to(chat_id, text, keyboard(_answer_buttons(desk, language)))]
        case Action.SUGGEST:
            rows = [
                [(desk.templates[t].questions.get(language, [t])[0], f"kb:{t}")]
                for t in outcome.template_ids
            ]
            rows.append([(_label(desk, language, "none"), "human")])
            return [say_to(chat_id, desk.texts.render("suggest", language), keyboard(rows))]
        case Action.CLARIFY:
            return [say_to(chat_id, desk.texts.render("clarify", language))]
        case Handover.TOO_MANY:
            text = desk.texts.render("too_many_open", language, count=outcome.open_tickets)
            return [say_to(chat_id, text)]
        case Handover.ASK_CATEGORY:
            names = desk.names(language)["categories"]
            rows = [[(names[c.key], f"cat:{c.key}")] for c in desk.settings.categories]
            text = desk.texts.render("category_choice", language)
            return [say_to(chat_id, text, keyboard(rows))]
        case Handover.OPEN:
            assert outcome.ticket is not None
            return _promise_and_card(desk, requester, outcome)
    raise AssertionError(f"no presentation for {outcome.action!r}")


def _promise_and_card(desk: Desk, requester: Requester, outcome: flow.Outcome) -> list[Call]:
    """The promise to the requester, and the new ticket's card in its staff group."""
    ticket = outcome.ticket
    assert ticket is not None and ticket.staff_chat_id is not None
    language = requester.language
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
        _card_text(desk, ticket, list(outcome.attempts), list(outcome.earlier)),
        card_markup(desk, ticket.id),
        kind="card",
        ticket_id=ticket.id,
        after="card",
    )
    return [say_to(requester.chat_id, promise, kind="promise"), card]


async def _handover(
    desk: Desk,
    session: AsyncSession,
    requester: Requester,
    question: str,
    category: str | None,
) -> None:
    """In the caller's transaction: hand the question to a person and say what came of it."""
    outcome = await flow.hand_over(
        session=session, desk=desk, requester=requester, question=question, category=category
    )
    await post.post(desk, session, _present(desk, requester, outcome))


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
