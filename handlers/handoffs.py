"""Handoffs between departments in Telegram: the standard form, accepted or returned.

In a ticket's topic the owner writes one line, the whole form at once (nothing to lose to a
restart): `/transfer <department> <summary> | <suggested handling> | <hours>`. The receiving
group gets the form as a card with Accept; `/return <ticket> <reason>` there sends it back.
Who hears of each step is the core's to decide (bot/handoffs.py); these handlers parse, call
its flow and present the actor's own answer (the pressed card loses its button).
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Message, Update

from bot import handoff_deadlines, handoff_questions, handoffs, store, ticket_numbers, time_limits
from bot.desk import Desk
from bot.errors import DeskError, InvalidInput
from bot.models import Ticket
from bot.outbox import Call
from handlers import post
from handlers.callbacks import parse
from handlers.common import answer
from handlers.context import DeskContext
from handlers.refusals import Misused, refusals
from handlers.roles import staff_only


def parse_form(text: str) -> tuple[str, str, str, time_limits.TimeLimit | None]:
    """`/transfer dept summary | suggested | time limit` as its four parts (the time limit
    None when not given, else as `time_limits.read_time_limit` reads it: "4", "4h", "4小时",
    "1d", "1天"; its range and the deadline are the desk's: `handoffs.handoff_due_at`).
    InvalidInput if the form is incomplete (`form_incomplete`, naming the parts `missing`:
    "department", "summary", "suggested"; a fresh tester's form without `|` read "没有看懂这条
    指令"; a second part that is a time limit, "summary | 30m", is no suggestion: a second
    trial's was taken as one, the time limit dropped) or the time limit cannot be read
    (`deadline_unreadable`)."""
    body = text.removeprefix("/transfer").strip()
    department, _, rest = body.partition(" ")
    parts = [part.strip() for part in rest.split("|")]
    given = {
        "department": department,
        "summary": parts[0],
        "suggested": parts[1] if len(parts) > 1 else "",
    }
    if len(parts) == 2 and _reads_as_time_limit(parts[1]):
        given["suggested"] = ""  # "summary | 30m": the time limit, no suggestion (refused)
    missing = [name for name, part in given.items() if not part]
    if missing:
        raise InvalidInput("incomplete handoff form", "form_incomplete", missing=missing)
    limit = time_limits.read_time_limit(parts[2]) if len(parts) > 2 and parts[2] else None
    return department, parts[0], parts[1], limit


def _reads_as_time_limit(text: str) -> bool:
    try:
        time_limits.read_time_limit(text)
    except InvalidInput:
        return False
    return True


async def transfer(
    desk: Desk,
    ticket: Ticket,
    officer_id: int,
    text: str,
    *,
    update_id: int,
    then: Sequence[Call] = (),
) -> None:
    """Send the ticket to another department with the form, from its topic (who hears of it:
    bot/handoffs.py), and `then` once it is sent (a confidential complaint's command taken
    out of its group: handlers/staff.py). Misused (with the form's usage) if the form cannot
    be read or the core refuses."""
    language = desk.settings.languages.default
    try:
        department, summary, suggested, hours = parse_form(text)
        async with desk.transaction(update_id=update_id) as tx:
            await handoffs.transfer_and_tell(
                tx=tx,
                rules=desk.rules,
                ticket_id=ticket.id,
                actor_id=officer_id,
                to_department=department,
                summary=summary,
                suggested_handling=suggested,
                hours=hours,
            )
            await post.post(tx, list(then))
    except DeskError as refused:
        keys = [d.key for d in desk.settings.departments]  # what to type, each with its name
        usage = desk.texts.render("handoff_event", language, event="usage", departments=keys)
        raise Misused(refused, usage) from refused


async def move_due(
    desk: Desk, ticket: Ticket, message: Message, rest: str, *, update_id: int
) -> None:
    """`/handoff_due <time limit>` in a ticket's place: its running handoff's deadline set
    anew from now, earlier or later (bot/handoff_deadlines.py); the writer hears the new one
    and that the department was told. Misused (with the usage) when it cannot be read or the
    core refuses (no running handoff, not the owner)."""
    assert message.from_user is not None
    language = desk.settings.languages.default
    try:
        if not rest.strip():
            raise InvalidInput("no time limit", "deadline_unreadable")
        limit = time_limits.read_time_limit(rest)
        async with desk.transaction(update_id=update_id) as tx:
            form, before, capped = await handoff_deadlines.move_due_and_tell(
                tx=tx,
                rules=desk.rules,
                ticket_id=ticket.id,
                actor_id=message.from_user.id,
                limit=limit,
            )
            told = desk.texts.render(
                "handoff_event",
                language,
                event="due_moved",
                ticket_id=ticket.id,
                handoff_due_at=form.due_at,
                before=before,
                capped=capped,
                department=form.to_department_key,
            )
            await post.post(tx, post.reply(message, told))
    except DeskError as refused:
        usage = desk.texts.render("handoff_event", language, event="due_usage")
        raise Misused(refused, usage) from refused


@refusals
async def accept(update: Update, context: DeskContext) -> None:
    """Accept on the handoff card: the pressing department takes the handling."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    ticket_id = parse(query.data).number(0)
    async with desk.transaction(update_id=update.update_id) as tx:
        if query.message is not None:
            await post.post(tx, post.drop_buttons(query.message.chat.id, query.message.message_id))
        await handoffs.accept_and_tell(
            tx=tx, rules=desk.rules, ticket_id=ticket_id, actor_id=query.from_user.id
        )
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
    language = desk.settings.languages.default
    if not args:  # the command alone: how to write it, not a refusal
        usage = desk.texts.render("handoff_event", language, event="return_usage")
        await post.say(desk, update.update_id, post.reply(message, usage))
        return
    try:
        ticket_id = ticket_numbers.ticket_number(args[0])
        reason = " ".join(args[1:])
        async with desk.transaction(update_id=update.update_id) as tx:
            form = await handoffs.return_and_tell(
                tx=tx,
                rules=desk.rules,
                ticket_id=ticket_id,
                actor_id=message.from_user.id,
                reason=reason,
            )
            # The returner hears it went back, to whom and that the requester was told.
            ticket = await store.get(session=tx.session, ticket_id=ticket_id)
            done = desk.texts.render(
                "handoff_event",
                desk.settings.languages.default,
                event="returned_by_you",
                ticket_id=ticket_id,
                owner=desk.rules.staff.shown_as(ticket.owner_id) or "-",
                department=form.from_department_key,
                reason=form.return_reason or "",
            )
            await post.post(tx, post.reply(message, done))
    except (ValueError, IndexError, DeskError) as refused:
        usage = desk.texts.render(
            "handoff_event", desk.settings.languages.default, event="return_usage"
        )
        raise Misused(refused, usage) from refused


async def talked(
    desk: Desk, ticket: Ticket, message: Message, text: str, *, update_id: int
) -> bool:
    """A question about a handoff from the receiving department (a reply on the form before
    accepting it), or the owner's side answering it (a reply to the question in the
    ticket's place): it goes to the other side, never to the requester
    (bot/handoff_questions.py), and the writer hears where it went. False (nothing done)
    for any other message."""
    assert message.from_user is not None
    replied = message.reply_to_message
    if replied is None or replied.message_id == message.message_thread_id:
        return False  # no reply, or only the topic's own (Telegram's implicit reply)
    async with desk.sessions() as session:
        said = await handoff_questions.talk(
            session=session,
            rules=desk.rules,
            ticket=ticket,
            officer_id=message.from_user.id,
            chat_id=message.chat_id,
            replied_to=replied.message_id,
        )
    if said is None:
        return False
    async with desk.transaction(update_id=update_id) as tx:
        await handoff_questions.talk_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket=ticket,
            officer_id=message.from_user.id,
            said=said,
            text=text,
        )
        owner = desk.rules.staff.shown_as(ticket.owner_id) or "-"
        event = "asked" if said.kind == handoff_questions.QUESTION else "answered"
        told = desk.texts.render(
            "handoff_event",
            desk.settings.languages.default,
            event=event,
            ticket_id=ticket.id,
            owner=owner,
            department=said.department_key,
        )
        await post.post(tx, post.reply(message, told))
    return True
