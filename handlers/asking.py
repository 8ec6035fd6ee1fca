"""The requester asks: greeting, answers from the knowledge base, or a ticket with a promise."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot import conversation, tickets
from bot.classify import infer_category
from bot.desk import Desk
from bot.models import Requester, Ticket
from handlers.common import desk_of
from handlers.delivery import send_all
from handlers.staff import card_markup, relay_to_staff
from knowledge.matcher import Band

log = logging.getLogger(__name__)
HUMAN_WORDS = {"人工", "转人工", "human", "talk to a person", "agent"}


async def _requester(desk: Desk, update: Update) -> Requester:
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None and chat is not None
    async with desk.sessions() as session, session.begin():
        return await tickets.get_or_create_requester(
            session=session,
            telegram_user_id=user.id,
            chat_id=chat.id,
            language=desk.texts.language_of(user.language_code),
            now=desk.now(),
            display_name=user.full_name,
        )


async def _open_ticket(desk: Desk, requester: Requester) -> Ticket | None:
    async with desk.sessions() as session:
        return await tickets.current_for_requester(session=session, requester_id=requester.id)


def _buttons(desk: Desk, language: str, rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


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


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    desk = desk_of(context)
    requester = await _requester(desk, update)
    assert update.effective_message is not None
    values = desk.settings.knowledge.context(requester.language)
    await update.effective_message.reply_text(
        desk.texts.render(
            "greeting",
            requester.language,
            name=update.effective_user.first_name if update.effective_user else "",
            office_name=values.get("office_name", ""),
        )
    )


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text from a requester in private: into the open ticket, or to the knowledge base."""
    desk = desk_of(context)
    message = update.effective_message
    assert message is not None and message.text is not None
    user = update.effective_user
    assert user is not None
    # One transaction: who is asking, whether a ticket is open, and filing the message there.
    async with desk.sessions() as session, session.begin():
        requester = await tickets.get_or_create_requester(
            session=session,
            telegram_user_id=user.id,
            chat_id=message.chat_id,
            language=desk.texts.language_of(user.language_code),
            now=desk.now(),
            display_name=user.full_name,
        )
        open_ticket = await tickets.current_for_requester(
            session=session, requester_id=requester.id
        )
        if open_ticket is None and message.text.strip().casefold() not in HUMAN_WORDS:
            requester.last_question = message.text.strip()[:2000]
        if open_ticket is not None:
            await conversation.add_requester_message(
                session=session,
                rules=desk.rules,
                ticket_id=open_ticket.id,
                requester_id=requester.id,
                text=message.text,
                chat_id=message.chat_id,
                message_id=message.message_id,
                now=desk.now(),
            )
    language = requester.language
    if open_ticket is not None:
        await relay_to_staff(desk, context, open_ticket, message)
        await message.reply_text(
            desk.texts.render("added_to_ticket", language, ticket_id=open_ticket.id)
        )
        return
    text = message.text.strip()
    if text.casefold() in HUMAN_WORDS:
        await _handover(desk, update, context, requester, requester.last_question or text)
        return
    matches = desk.matcher.search(text, language, limit=3)
    band = desk.matcher.band(matches)
    if band is Band.ANSWER:
        await message.reply_text(
            desk.texts.render(
                "answer", language, answer=desk.answer(matches[0].template_id, language)
            ),
            reply_markup=_buttons(
                desk,
                language,
                [
                    [
                        (_label(desk, language, "solved"), "solved"),
                        (_label(desk, language, "not_solved"), "human"),
                    ]
                ],
            ),
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
        await message.reply_text(
            desk.texts.render("suggest", language), reply_markup=_buttons(desk, language, rows)
        )
    else:
        await _handover(desk, update, context, requester, text)


async def _handover(
    desk: Desk,
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    requester: Requester,
    question: str,
) -> None:
    """Open a ticket, state the promise, and show the card to the department's staff group."""
    language = requester.language
    # A close (if not close enough) template says what kind of case it is, unless words do.
    matches = desk.matcher.search(question, language, limit=1)
    close = matches and matches[0].score >= desk.matcher.suggest_threshold
    template = desk.templates.get(matches[0].template_id) if close else None
    category = infer_category(desk.settings, question, template.category if template else None)
    async with desk.sessions() as session, session.begin():
        opened = await tickets.open_ticket(
            session=session,
            rules=desk.rules,
            requester_id=requester.id,
            question=question,
            category=category,
            now=desk.now(),
        )
    ticket = opened.ticket
    await send_all(context, opened.alerts)
    names = desk.names(language)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(
        chat.id,
        desk.texts.render(
            "ticket_opened",
            language,
            ticket_id=ticket.id,
            category=names["categories"][ticket.category],
            first_response_due_at=ticket.first_response_due_at,
            resolution_due_at=ticket.resolution_due_at,
        ),
    )
    staff_language = desk.settings.languages.default
    staff_names = desk.names(staff_language)
    group = desk.settings.department(ticket.handling_department_key).staff_group_chat_id
    card = await context.bot.send_message(
        group,
        desk.texts.render(
            "ticket_card",
            staff_language,
            ticket_id=ticket.id,
            category=staff_names["categories"][ticket.category],
            priority=staff_names["priorities"][ticket.priority],
            first_response_due_at=ticket.first_response_due_at,
            resolution_due_at=ticket.resolution_due_at,
            question=ticket.question,
        ),
        reply_markup=card_markup(desk, ticket.id),
    )
    async with desk.sessions() as session, session.begin():
        await tickets.attach_card(
            session=session, ticket_id=ticket.id, chat_id=group, message_id=card.message_id
        )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons under answers and suggestions."""
    desk = desk_of(context)
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    requester = await _requester(desk, update)
    language = requester.language
    assert update.effective_chat is not None
    if query.data.startswith("kb:") and query.data[3:] in desk.templates:
        await context.bot.send_message(
            update.effective_chat.id,
            desk.texts.render("answer", language, answer=desk.answer(query.data[3:], language)),
            reply_markup=_buttons(
                desk,
                language,
                [
                    [
                        (_label(desk, language, "solved"), "solved"),
                        (_label(desk, language, "not_solved"), "human"),
                    ]
                ],
            ),
        )
    elif query.data == "human":
        if await _open_ticket(desk, requester) is None:
            question = requester.last_question or query.data
            await _handover(desk, update, context, requester, question)
    elif query.data == "solved":
        await query.edit_message_reply_markup(None)


async def other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, files, voice, locations, stickers: into the open ticket, else ask for words."""
    desk = desk_of(context)
    requester = await _requester(desk, update)
    message = update.effective_message
    open_ticket = await _open_ticket(desk, requester)
    if open_ticket is not None and message is not None:
        kind, file_id = _content_of(message)
        async with desk.sessions() as session, session.begin():
            await conversation.add_requester_message(
                session=session,
                rules=desk.rules,
                ticket_id=open_ticket.id,
                requester_id=requester.id,
                text=message.caption or "",
                content_type=kind,
                file_id=file_id,
                chat_id=message.chat_id,
                message_id=message.message_id,
                now=desk.now(),
            )
        await relay_to_staff(desk, context, open_ticket, message)
        await message.reply_text(
            desk.texts.render("added_to_ticket", requester.language, ticket_id=open_ticket.id)
        )
        return
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            desk.texts.render("not_understood", requester.language)
        )
