"""Looking things up: /status for requesters; /mine, /queue and /ticket N for staff."""

from __future__ import annotations

from sqlalchemy import select
from telegram import Update

from bot import conversation, store, tickets
from bot.errors import NotFound
from bot.models import TicketEvent
from handlers import post
from handlers.cards import statuses
from handlers.context import DeskContext
from handlers.requesters import requester_for
from handlers.roles import staff_only


async def status(update: Update, context: DeskContext) -> None:
    """A requester's tickets: number, status, owner, promised time, latest update."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.transaction(update_id=update.update_id) as tx:
        session = tx.session
        requester = await requester_for(session, desk, user)
        rows = await tickets.list_for_requester(session=session, requester_id=requester.id)
    listed = [
        {
            "id": t.id,
            "status": str(t.status),
            "owner": desk.rules.staff.shown_as(t.owner_id),
            "due": t.resolution_due_at,
            "latest": t.latest_update,
        }
        for t in rows[:10]
    ]
    language = requester.language
    await post.say_reply(
        desk,
        update.update_id,
        message,
        desk.texts.render("status", language, tickets=listed, statuses=statuses(desk, language)),
    )


@staff_only
async def mine_or_queue(update: Update, context: DeskContext) -> None:
    """/mine: the tickets I own. /queue: my department's unclaimed tickets. Staff only."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return
    member = desk.rules.staff.get(user.id)
    assert member is not None
    language = desk.settings.languages.default
    mine = message.text.startswith("/mine")
    async with desk.sessions() as session:
        rows = (
            await tickets.list_owned(session=session, officer_id=user.id)
            if mine
            else await tickets.list_queue(session=session, department_key=member.department_key)
        )
    listed = [
        {
            "id": t.id,
            "status": str(t.status),
            "question": t.question[:40],
            "due": t.resolution_due_at if mine else t.first_response_due_at,
        }
        for t in rows[:30]
    ]
    titles = {
        "zh": ("我负责的工单:", "我没有在办的工单。", "待认领:", "没有待认领的工单。"),
        "en": (
            "Tickets I own:",
            "I own no open tickets.",
            "Waiting for an officer:",
            "Nothing waits.",
        ),
    }[language if language in ("zh", "en") else "en"]
    title, empty = (titles[0], titles[1]) if mine else (titles[2], titles[3])
    await post.say_reply(
        desk,
        update.update_id,
        message,
        desk.texts.render(
            "staff_list",
            language,
            tickets=listed,
            title=title,
            empty=empty,
            statuses=statuses(desk, language),
        ),
    )


@staff_only
async def ticket_history(update: Update, context: DeskContext) -> None:
    """/ticket N: the whole record and the chain of ownership. Staff only."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    language = desk.settings.languages.default
    try:
        ticket_id = int((context.args or [""])[0].lstrip("#"))
        async with desk.sessions() as session:
            ticket = await store.get(session=session, ticket_id=ticket_id)
            events = list(
                await session.scalars(
                    select(TicketEvent)
                    .where(TicketEvent.ticket_id == ticket_id)
                    .order_by(TicketEvent.seq)
                )
            )
            messages = await conversation.history(
                session=session, ticket_id=ticket_id, public_only=False
            )
    except (ValueError, IndexError, NotFound):
        await post.say_reply(desk, update.update_id, message, "/ticket N")
        return
    shown_events = [  # worded per kind by the template; `owner`: whom an assignment names
        {
            "at": e.at,
            "kind": e.kind,
            "who": desk.rules.staff.shown_as(e.actor_id),
            "data": e.data,
            "owner": desk.rules.staff.shown_as(e.data.get("owner_id")),
        }
        for e in events
    ]
    await post.say_reply(
        desk,
        update.update_id,
        message,
        desk.texts.render(
            "ticket_history",
            language,
            ticket=ticket,
            events=shown_events,
            messages=messages,
            owner=desk.rules.staff.shown_as(ticket.owner_id),
            statuses=statuses(desk, language),
        ),
    )
