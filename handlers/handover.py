"""A requester's question handed to a person: the ticket opened, the promise, and the card.

Past the open-ticket limit the requester is refused politely; when neither their words nor a
close template say the category, they are asked for it first."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import conversation, outbox, tickets
from bot.classify import infer_category
from bot.desk import Desk
from bot.models import DialogStep, Requester
from handlers import cards, keyboards, post

MAX_QUESTION = 2000


def _attempts(desk: Desk, requester: Requester) -> list[str]:
    """The questions of the templates the bot offered, as the staff read them."""
    language = desk.settings.languages.default
    offered = [t for t in (requester.last_offered or "").split(",") if t in desk.templates]
    return [
        next(iter(desk.templates[t].questions.get(language, [])), None)
        or next(iter(q[0] for q in desk.templates[t].questions.values() if q), t)
        for t in offered
    ]


async def handover(
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
            close = matches and matches[0].score >= desk.matcher.suggest_threshold
            template = desk.templates.get(matches[0].template_id) if close else None
            return template.category if template else None

        category = infer_category(desk.settings, question, close_template_category)
    open_count = await tickets.count_open(session=session, requester_id=requester.id)
    if open_count >= desk.settings.abuse.open_tickets:
        requester.dialog_step = None
        text = desk.texts.render("too_many_open", language, count=open_count)
        await post.post(desk, session, post.message(requester.chat_id, text))
        return
    if category is None:
        requester.dialog_step = DialogStep.CATEGORY
        requester.last_question = question[:MAX_QUESTION]
        text = desk.texts.render("category_choice", language)
        markup = keyboards.categories(desk, language)
        await post.post(desk, session, post.message(requester.chat_id, text, markup))
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
    await post.post(
        desk,
        session,
        post.message(requester.chat_id, promise, kind="promise"),
        cards.card(desk, ticket, attempts, earlier),
    )
