"""Supervisors and owners steering tickets: assign an owner, change a priority, bar a requester.

Escalations reach supervisors with *Assign an owner* / *Change priority* buttons; the same is
possible by command (`/assign N [who] [reason]`, `/priority [N] <priority>`). `/block` and
`/unblock` bar a requester or let them back. Every button is checked again on arrival: the
core refuses whoever may not act. (Proposed templates: handlers/proposals.py; the figures:
handlers/reports.py.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Update

from bot import lifecycle, lookup, ownership, requesters, store
from bot.desk import Desk
from bot.errors import DeskError
from bot.outbox import Call
from bot.priority import priority_event, require_unsettled
from handlers import cards, keyboards, post
from handlers.callbacks import Action, parse
from handlers.commands import name_of
from handlers.common import answer
from handlers.context import DeskContext
from handlers.finding import load, named_ticket, no_ticket_named, ticket_of_command
from handlers.refusals import Misused, refusals
from handlers.roles import staff_only, supervises, supervisors_only

log = logging.getLogger(__name__)
Reply = Callable[[str], list[Call]]  # how the one who acted hears the outcome


def _language(desk: Desk) -> str:
    return desk.settings.languages.default


def priority_key(desk: Desk, word: str) -> str | None:
    """A priority named by its key or by its name in any language."""
    wanted = word.strip().casefold()
    for priority in desk.settings.priorities:
        if wanted == priority.key or wanted in (n.casefold() for n in priority.names.values()):
            return priority.key
    return None


def priority_words(desk: Desk) -> str:
    """The priorities as /priority takes them, for its usage line: their names in the staff's
    language, then their keys where these differ ("普通|紧急|特急 (normal|high|urgent)"; a
    fresh tester's Chinese usage listed the keys alone)."""
    priorities = desk.settings.priorities
    keys = [p.key for p in priorities]
    names = [p.names.get(_language(desk), p.key) for p in priorities]
    if [n.casefold() for n in names] == keys:
        return "|".join(keys)
    return f"{'|'.join(names)} ({'|'.join(keys)})"


async def assign(
    desk: Desk,
    ticket_id: int,
    supervisor_id: int,
    officer_id: int,
    reason: str | None,
    reply: Reply,
    *,
    update_id: int,
    shown_owner_id: int | None = None,
    reason_needed: bool = False,
) -> None:
    """Make `officer_id` the owner (who hears of it, and the card redrawn as claimed with its
    owner: bot/ownership.py); in a group with topics the ticket gets its topic before its
    staff hear. The one who assigned hears which ticket (its number and matter, on one line:
    `bot.lookup.matter`) went to whom. `shown_owner_id`: chosen on a picker that showed this
    owner (0: nobody); `reason_needed`: chosen on buttons, a reassignment is refused without
    a reason (the presser is told the command that gives one). DeskError if the core refuses
    (PickerUsed: it shows another now)."""
    language = _language(desk)
    async with desk.transaction(update_id=update_id) as tx:
        session = tx.session
        ticket = await store.get(session=session, ticket_id=ticket_id)
        # The staff group's own view first, as it will be once assigned (rolled back with a
        # refusal): the notices to the ticket's staff then land in its topic.
        calls: list[Call] = []
        if ticket.staff_thread_id is None:
            calls += await cards.topic_calls(desk, session, ticket, owner_id=officer_id)
        await post.post(tx, calls)
        await ownership.assign_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket_id=ticket_id,
            supervisor_id=supervisor_id,
            officer_id=officer_id,
            reason=reason,
            shown_owner_id=shown_owner_id,
            reason_needed=reason_needed,
        )
        owner = desk.rules.staff.shown_as(officer_id) or "-"
        by = desk.rules.staff.shown_as(supervisor_id) or str(supervisor_id)
        event = desk.texts.render(
            "staff_event",
            language,
            event="assigned",
            by=by,
            by_management=desk.rules.staff.is_management(supervisor_id),
            owner=owner,
            ticket_id=ticket.id,
            matter=lookup.matter(ticket.question),
        )
        await post.post(tx, reply(event))


async def reprioritise(
    desk: Desk,
    ticket_id: int,
    actor_id: int,
    priority: str,
    reply: Reply,
    *,
    update_id: int,
    shown_priority: str | None = None,
) -> None:
    """New priority and deadlines (who hears of it: bot/ownership.py); the actor hears the
    outcome. `shown_priority`: chosen on a picker that showed this priority. DeskError if the
    core refuses (PickerUsed: it shows another now)."""
    language = _language(desk)
    async with desk.transaction(update_id=update_id) as tx:
        ticket, was = await ownership.reprioritise_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket_id=ticket_id,
            actor_id=actor_id,
            priority=priority,
            shown_priority=shown_priority,
        )
        said = priority_event(desk.rules, ticket, language, was=was)  # a lowering said so
        event = desk.texts.render("staff_event", language, **said)
        await post.post(tx, reply(event))


@supervisors_only
@refusals
async def assign_command(update: Update, context: DeskContext) -> None:
    """/assign N [who] [reason]: who by staff number, name or user id; without, buttons."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = _language(desk)
    args = context.args or []
    usage = desk.texts.render("usage", language, usage="/assign N [G-0102|王芳] [reason]")
    if not args:
        await post.say(desk, update.update_id, post.reply(message, usage))
        return
    ticket = await named_ticket(desk, args[0], usage)  # no such ticket: said, with the usage
    if len(args) == 1:
        text = desk.texts.render("choose_officer", language, ticket_id=ticket.id)
        await post.say(
            desk, update.update_id, post.reply(message, text, keyboards.officers(desk, ticket))
        )
        return
    try:
        member = desk.rules.staff.named(args[1])
    except DeskError as refused:  # nobody of that name: said so, with the usage
        raise Misused(refused, usage) from refused
    reason = " ".join(args[2:]) or None  # none given: none recorded (bot/tickets.py assign)
    await assign(
        desk,
        ticket.id,
        user.id,
        member.user_id,
        reason,
        lambda t: post.reply(message, t),
        update_id=update.update_id,
    )


# The buttons `pressed` serves.
STEERING = (
    Action.ESCALATION_ASSIGN,
    Action.ESCALATION_PRIORITY,
    Action.ASSIGN,
    Action.PRIORITY,
    Action.PICK_OWNER,
    Action.PICK_PRIORITY,
)


@refusals
async def pressed(update: Update, context: DeskContext) -> None:
    """Under an escalation, choose an owner or a priority; then the officer or the priority
    chosen: the picker then says what was chosen, and its buttons go. A picker pressed once
    the ticket moved on from what it showed (chosen already) changes nothing: the presser
    reads why, and its buttons go. Refusals are told to the presser alone: forged, stale or
    not theirs to press."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    language = _language(desk)
    button = parse(query.data)
    presser = query.from_user.id
    chat_id = query.message.chat.id if query.message is not None else presser

    def reply(text: str) -> list[Call]:
        if query.message is None:
            return [post.message(chat_id, text)]
        # The picker itself says what was chosen, and offers nothing more.
        return [post.edit_text(chat_id, query.message.message_id, text)]

    if button.action in (Action.ASSIGN, Action.PICK_OWNER):
        # A button has no room for words: taking a ticket from its owner asks why, with the
        # command that says it (`/assign N <staff number> <reason>`).
        reason = None
        await assign(
            desk,
            button.number(0),
            presser,
            button.number(1),
            reason,
            reply,
            update_id=update.update_id,
            shown_owner_id=button.number(2) if button.action is Action.PICK_OWNER else None,
            reason_needed=True,
        )
    elif button.action in (Action.PRIORITY, Action.PICK_PRIORITY):
        shown = button.word(2) if button.action is Action.PICK_PRIORITY else None
        await reprioritise(
            desk,
            button.number(0),
            presser,
            button.word(1),
            reply,
            update_id=update.update_id,
            shown_priority=shown,
        )
    else:
        ticket = await load(desk, button.number(0))
        # A choice the ticket no longer offers is refused (and its buttons go), not listed.
        if button.action is Action.ESCALATION_ASSIGN:
            lifecycle.require(ticket, lifecycle.Action.ASSIGN)
        else:
            require_unsettled(ticket)
        if button.action is Action.ESCALATION_ASSIGN and supervises(desk, presser):
            text = desk.texts.render("choose_officer", language, ticket_id=ticket.id)
            await post.say(
                desk,
                update.update_id,
                post.message(chat_id, text, keyboards.officers(desk, ticket)),
            )
        elif button.action is Action.ESCALATION_PRIORITY and (
            supervises(desk, presser) or ticket.owner_id == presser
        ):
            names = desk.names(language)["priorities"]
            text = desk.texts.render(
                "choose_priority", language, ticket_id=ticket.id, priority=names[ticket.priority]
            )
            await post.say(
                desk,
                update.update_id,
                post.message(chat_id, text, keyboards.priorities(desk, ticket)),
            )
        else:
            await answer(query, desk.texts.render("supervisors_only", language))
            return
    await answer(query)


@staff_only
@refusals
async def priority_command(update: Update, context: DeskContext) -> None:
    """/priority [N] <priority>: the owner or a supervisor; in a ticket's topic N is implied."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = _language(desk)
    usage = desk.texts.render("usage", language, usage=f"/priority [N] {priority_words(desk)}")
    args = list(context.args or [])
    ticket, rest = await ticket_of_command(desk, message, args, usage, numbered=True)
    if ticket is None and rest and priority_key(desk, rest[0]) is None:
        # Outside a ticket's place the first word is its number: this one is none.
        ticket, rest = await named_ticket(desk, rest[0], usage), rest[1:]
    key = priority_key(desk, rest[0]) if rest else None
    if ticket is None or key is None:
        said = usage if ticket is not None else no_ticket_named(desk, message, "priority", usage)
        await post.say(desk, update.update_id, post.reply(message, said))
        return
    # In the ticket's own topic the staff's notice of it (bot/ownership.py) is the answer.
    in_topic = message.message_thread_id is not None and (
        message.chat_id,
        message.message_thread_id,
    ) == (ticket.staff_chat_id, ticket.staff_thread_id)
    reply: Reply = (lambda _: []) if in_topic else (lambda t: post.reply(message, t))
    await reprioritise(desk, ticket.id, user.id, key, reply, update_id=update.update_id)


@supervisors_only
@refusals
async def block(update: Update, context: DeskContext) -> None:
    """/block <user id> <reason> and /unblock <user id>: a supervisor bars a requester (their
    messages are no longer handled) or lifts it; barring one with tickets in progress names
    them and what becomes of them."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    language = _language(desk)
    barring = name_of(message.text) == "block"
    args = context.args or []
    usage = "/block <user id> <reason>" if barring else "/unblock <user id>"
    if not args or not args[0].isdigit() or (barring and len(args) < 2):
        await post.say(
            desk,
            update.update_id,
            post.reply(message, desk.texts.render("usage", language, usage=usage)),
        )
        return
    user_id = int(args[0])
    async with desk.transaction(update_id=update.update_id) as tx:
        session = tx.session
        barred = await requesters.set_ban(
            session=session,
            rules=desk.rules,
            supervisor_id=user.id,
            telegram_user_id=user_id,
            banned=barring,
            reason=" ".join(args[1:]) if barring else "",
            now=desk.now(),
        )
        # Their tickets in progress, and what becomes of them, when barred.
        ticket_ids = (
            await requesters.open_ticket_ids(session=session, requester_id=barred.id)
            if barring
            else []
        )
        told = desk.texts.render(
            "banned", language, banned=barring, user_id=user_id, ticket_ids=ticket_ids
        )
        await post.post(tx, post.reply(message, told))
    # The ban list is the database's: this process reads it now, the others on their sweep.
    await desk.refresh()
    log.info("user %s %s by %s", user_id, "barred" if barring else "let back", user.id)
