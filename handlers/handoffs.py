"""Handoffs between departments in Telegram: the standard form, accepted or returned.

In a ticket's topic the owner writes one line, the whole form at once (nothing to lose to a
restart): `/transfer <department> <summary> | <suggested handling> | <hours>`. The receiving
group gets the form as a card with Accept; `/return <ticket> <reason>` there sends it back.
The sending department's supervisors are copied and the requester is told; the owner stays.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot import handoffs, store
from bot.desk import Desk
from bot.errors import DeskError
from bot.models import Handoff, Requester, Ticket
from bot.outbox import Call
from handlers import keyboards, post
from handlers.callbacks import parse
from handlers.common import answer
from handlers.context import DeskContext
from handlers.post import message as say_to
from handlers.refusals import Misused, refusals
from handlers.roles import staff_only

DEFAULT_HOURS = 24


def _department_name(desk: Desk, key: str) -> str:
    return desk.settings.department(key).names[desk.settings.languages.default]


def parse_form(text: str) -> tuple[str, str, str, int]:
    """`/transfer dept summary | suggested | hours` as its four parts (ValueError if not)."""
    body = text.removeprefix("/transfer").strip()
    department, _, rest = body.partition(" ")
    parts = [part.strip() for part in rest.split("|")]
    if not department or len(parts) < 2 or not parts[0] or not parts[1]:
        raise ValueError("incomplete handoff form")
    hours = int(parts[2]) if len(parts) > 2 and parts[2] else DEFAULT_HOURS
    if not 1 <= hours <= 24 * 30:
        raise ValueError("handoff deadline out of range")
    return department, parts[0], parts[1], hours


async def transfer(
    desk: Desk, ticket: Ticket, officer_id: int, text: str, *, update_id: int
) -> None:
    """Send the ticket to another department with the form, from its topic. Misused (with the
    form's usage) if the form cannot be read or the core refuses."""
    language = desk.settings.languages.default
    try:
        department, summary, suggested, hours = parse_form(text)
        async with desk.transaction(update_id=update_id) as tx:
            session = tx.session
            form = await handoffs.transfer(
                session=session,
                rules=desk.rules,
                ticket_id=ticket.id,
                actor_id=officer_id,
                to_department=department,
                summary=summary,
                suggested_handling=suggested,
                due_at=desk.now() + timedelta(hours=hours),
                now=desk.now(),
            )
            requester = await session.get(Requester, ticket.requester_id)
            assert requester is not None
            await post.post(tx, _transfer_calls(desk, ticket, form, requester))
    except (ValueError, DeskError) as refused:
        keys = ", ".join(d.key for d in desk.settings.departments)
        usage = desk.texts.render("handoff_event", language, event="usage", departments=keys)
        raise Misused(refused, usage) from refused


def _transfer_calls(desk: Desk, ticket: Ticket, form: Handoff, requester: Requester) -> list[Call]:
    """The form to the receiving group, word to the sending one, its supervisors and the
    requester."""
    language = desk.settings.languages.default
    owner = desk.rules.staff.shown_as(ticket.owner_id) or "-"
    receiving = desk.settings.department(form.to_department_key)
    card = desk.texts.render(
        "handoff_card",
        language,
        ticket_id=ticket.id,
        from_department=_department_name(desk, form.from_department_key),
        owner=owner,
        summary=form.summary,
        suggested=form.suggested_handling,
        due_at=form.due_at,
        question=ticket.question,
    )
    markup = keyboards.accept(desk, ticket.id)
    to_name = _department_name(desk, form.to_department_key)
    sent = desk.texts.render(
        "handoff_event", language, event="sent", ticket_id=ticket.id, department=to_name
    )
    copy = desk.texts.render(
        "handoff_event",
        language,
        event="copy",
        ticket_id=ticket.id,
        department=to_name,
        owner=owner,
    )
    told = desk.texts.render(
        "handoff_event",
        requester.language,
        event="requester",
        ticket_id=ticket.id,
        department=receiving.names.get(requester.language, to_name),
        owner=owner,
    )
    return [
        say_to(receiving.staff_group_chat_id, card, markup, kind="handoff_card"),
        *post.to_ticket_staff(ticket, sent, "handoff_event", fallback=form.sender_id),
        *[
            say_to(s, copy, kind="handoff_event")
            for s in desk.rules.staff.supervisors_of(form.from_department_key)
        ],
        say_to(requester.chat_id, told, kind="handoff_event"),
    ]


def _tell_owner(
    desk: Desk, ticket: Ticket, form: Handoff, event: str, reason: str = ""
) -> list[Call]:
    text = desk.texts.render(
        "handoff_event",
        desk.settings.languages.default,
        event=event,
        ticket_id=ticket.id,
        department=_department_name(desk, form.to_department_key),
        owner=desk.rules.staff.shown_as(ticket.owner_id) or "-",
        reason=reason,
    )
    return post.to_ticket_staff(ticket, text, "handoff_event", fallback=form.sender_id)


@refusals
async def accept(update: Update, context: DeskContext) -> None:
    """Accept on the handoff card: the pressing department takes the handling."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    ticket_id = parse(query.data).number(0)
    async with desk.transaction(update_id=update.update_id) as tx:
        session = tx.session
        form = await handoffs.accept_handoff(
            session=session,
            rules=desk.rules,
            ticket_id=ticket_id,
            actor_id=query.from_user.id,
            now=desk.now(),
        )
        ticket = await store.get(session=session, ticket_id=ticket_id)
        calls = _tell_owner(desk, ticket, form, "accepted")
        if query.message is not None:
            calls.insert(0, post.drop_buttons(query.message.chat.id, query.message.message_id))
        await post.post(tx, calls)
    await answer(query)


@staff_only
@refusals
async def give_back(update: Update, context: DeskContext) -> None:
    """`/return <ticket> <reason>` in the receiving group: the handoff goes back, with why."""
    desk = context.desk
    message = update.effective_message
    if message is None or message.from_user is None:
        return
    args = context.args or []
    try:
        ticket_id = int(args[0].lstrip("#"))
        reason = " ".join(args[1:])
        async with desk.transaction(update_id=update.update_id) as tx:
            session = tx.session
            form = await handoffs.return_handoff(
                session=session,
                rules=desk.rules,
                ticket_id=ticket_id,
                actor_id=message.from_user.id,
                reason=reason,
                now=desk.now(),
            )
            ticket = await store.get(session=session, ticket_id=ticket_id)
            returned = _tell_owner(desk, ticket, form, "returned", form.return_reason or "")
            await post.post(tx, returned)
    except (ValueError, IndexError, DeskError) as refused:
        usage = desk.texts.render(
            "handoff_event", desk.settings.languages.default, event="return_usage"
        )
        raise Misused(refused, usage) from refused
