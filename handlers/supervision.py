"""Supervisors and owners steering tickets: assign an owner, change a priority, approve or
reject proposed templates, and the supervision figures.

Escalations reach supervisors with *Assign an owner* / *Change priority* buttons; the same is
possible by command (`/assign N [who] [reason]`). `/pending` lists proposed templates with
*Approve* / *Reject*; an approved template answers the next question at once. `/report
day|week|month` gives the assessment figures of the supervisor's department (management: all).
Every button is checked again on arrival: the core refuses whoever may not act.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Message, Update, User
from telegram.ext import ContextTypes

from bot import casebook, requesters, store, tickets
from bot.desk import Desk
from bot.errors import DeskError
from bot.figures import Figures, supervision_figures
from bot.models import StoredTemplate, Ticket
from bot.outbox import Call
from handlers import post
from handlers.common import answer, desk_of, keyboard, not_staff, refusal
from handlers.post import message as say_to
from handlers.staff import owner_notice, requester_of, topic_calls

log = logging.getLogger(__name__)
PERIODS = {"day": 1, "week": 7, "month": 30}
Reply = Callable[[str], list[Call]]  # how the one who acted hears the outcome


def _language(desk: Desk) -> str:
    return desk.settings.languages.default


def _label(desk: Desk, key: str) -> str:
    return desk.texts.render("buttons", _language(desk), key=key)


def supervises(desk: Desk, user_id: int) -> bool:
    return desk.rules.staff.is_supervisor(user_id) or desk.rules.staff.is_management(user_id)


def priority_key(desk: Desk, word: str) -> str | None:
    """A priority named by its key or by its name in any language."""
    wanted = word.strip().casefold()
    for priority in desk.settings.priorities:
        if wanted == priority.key or wanted in (n.casefold() for n in priority.names.values()):
            return priority.key
    return None


async def _load(desk: Desk, ticket_id: int) -> Ticket:
    async with desk.sessions() as session:
        return await store.get(session=session, ticket_id=ticket_id)


async def assign(
    desk: Desk,
    ticket_id: int,
    supervisor_id: int,
    officer_id: int,
    reason: str,
    reply: Reply,
) -> None:
    """Make `officer_id` the owner; the card, the group, the new owner and the requester hear."""
    language = _language(desk)
    async with desk.sessions() as session, session.begin():  # the core refuses: DeskError
        ticket = await tickets.assign(
            session=session,
            rules=desk.rules,
            ticket_id=ticket_id,
            supervisor_id=supervisor_id,
            officer_id=officer_id,
            reason=reason,
            now=desk.now(),
        )
        owner = desk.rules.staff.shown_as(officer_id) or "-"
        calls: list[Call] = []
        if ticket.staff_chat_id is not None and ticket.card_message_id is not None:
            # The card's Claim button has no use any more.
            calls.append(post.drop_buttons(ticket.staff_chat_id, ticket.card_message_id))
        if ticket.staff_thread_id is None:
            calls += await topic_calls(desk, session, ticket)
        by = desk.rules.staff.shown_as(supervisor_id) or str(supervisor_id)
        event = desk.texts.render("staff_event", language, event="assigned", by=by, owner=owner)
        to_owner = desk.texts.render(
            "assigned_to_you",
            language,
            ticket_id=ticket.id,
            resolution_due_at=ticket.resolution_due_at,
            question=ticket.question,
        )
        await post.post(
            desk,
            session,
            calls,
            post.to_ticket_staff(ticket, event),
            reply(event),
            say_to(officer_id, to_owner),
            owner_notice(desk, await requester_of(session, ticket), ticket, owner),
        )


async def reprioritise(
    desk: Desk,
    ticket_id: int,
    actor_id: int,
    priority: str,
    reply: Reply,
) -> None:
    """New priority and deadlines; the group hears, the requester too if the promise moved."""
    language = _language(desk)
    async with desk.sessions() as session, session.begin():  # the core refuses: DeskError
        before = (await store.get(session=session, ticket_id=ticket_id)).resolution_due_at
        ticket = await tickets.change_priority(
            session=session,
            rules=desk.rules,
            ticket_id=ticket_id,
            actor_id=actor_id,
            priority=priority,
            now=desk.now(),
        )
        names = desk.names(language)["priorities"]
        event = desk.texts.render(
            "staff_event",
            language,
            event="priority",
            priority=names[ticket.priority],
            due=ticket.resolution_due_at,
        )
        await post.post(desk, session, post.to_ticket_staff(ticket, event), reply(event))
        if ticket.resolution_due_at != before:
            requester = await requester_of(session, ticket)
            promise = desk.texts.render(
                "new_promise",
                requester.language,
                ticket_id=ticket.id,
                priority=desk.names(requester.language)["priorities"][ticket.priority],
                resolution_due_at=ticket.resolution_due_at,
            )
            await post.post(desk, session, say_to(requester.chat_id, promise))


async def _from_supervisor(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[Desk, User, Message] | None:
    """Who sent a supervisor's command, if a supervisor did; anyone else is told it is not
    theirs to use."""
    desk = desk_of(context)
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return None
    if not supervises(desk, user.id):
        refused = desk.texts.render("supervisors_only", _language(desk))
        await post.say(desk, post.reply(message, refused))
        return None
    return desk, user, message


async def assign_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/assign N [who] [reason]: who by staff number, name or user id; without, buttons."""
    asked = await _from_supervisor(update, context)
    if asked is None:
        return
    desk, user, message = asked
    language = _language(desk)
    args = context.args or []
    try:
        ticket = await _load(desk, int(args[0].lstrip("#")))
    except (IndexError, ValueError, DeskError):
        ticket = None
    member = desk.rules.staff.find(args[1]) if ticket is not None and len(args) > 1 else None
    if ticket is not None and len(args) == 1:
        text = desk.texts.render("choose_officer", language, ticket_id=ticket.id)
        await post.say(desk, post.reply(message, text, _officer_buttons(desk, ticket)))
        return
    if ticket is None or member is None:
        usage = desk.texts.render("usage", language, usage="/assign N [G-0102|王芳] [reason]")
        await post.say(desk, post.reply(message, usage))
        return
    reason = " ".join(args[2:]) or "assigned by a supervisor"
    try:
        await assign(
            desk, ticket.id, user.id, member.user_id, reason, lambda t: post.reply(message, t)
        )
    except DeskError as refused:
        await post.say(desk, post.reply(message, refusal(desk, refused)))


def _officer_buttons(desk: Desk, ticket: Ticket) -> InlineKeyboardMarkup:
    officers = desk.rules.staff.officers_of(ticket.department_key)
    return keyboard(
        [[(f"{m.name} ({m.staff_number})", f"asg:{ticket.id}:{m.user_id}")] for m in officers]
    )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """sv:a:N / sv:p:N (under an escalation), asg:N:officer, pri:N:key."""
    desk = desk_of(context)
    query = update.callback_query
    assert query is not None and query.data is not None
    language = _language(desk)
    kind, _, rest = query.data.partition(":")
    presser = query.from_user.id
    chat_id = query.message.chat.id if query.message is not None else presser

    def reply(text: str) -> list[Call]:
        return [say_to(chat_id, text)]

    try:
        if kind == "sv":
            action, _, number = rest.partition(":")
            ticket = await _load(desk, int(number))
            if action == "a" and supervises(desk, presser):
                text = desk.texts.render("choose_officer", language, ticket_id=ticket.id)
                await post.say(desk, say_to(chat_id, text, _officer_buttons(desk, ticket)))
                await answer(query)
                return
            if action == "p" and (supervises(desk, presser) or ticket.owner_id == presser):
                names = desk.names(language)["priorities"]
                rows = [
                    [(names[p.key], f"pri:{ticket.id}:{p.key}")] for p in desk.settings.priorities
                ]
                text = desk.texts.render(
                    "choose_priority",
                    language,
                    ticket_id=ticket.id,
                    priority=names[ticket.priority],
                )
                await post.say(desk, say_to(chat_id, text, keyboard(rows)))
                await answer(query)
                return
            await answer(query, desk.texts.render("supervisors_only", language))
        elif kind == "asg":
            number, _, officer = rest.partition(":")
            reason = "assigned by a supervisor"
            await assign(desk, int(number), presser, int(officer), reason, reply)
            await answer(query)
        elif kind == "pri":
            number, _, key = rest.partition(":")
            await reprioritise(desk, int(number), presser, key, reply)
            await answer(query)
    except (ValueError, DeskError) as refused:
        # Told to the presser alone: forged, stale or simply not theirs to press.
        log.info("refused button %r from user %s: %s", query.data, presser, refused)
        await answer(query, refusal(desk, refused))


def _proposal_text(desk: Desk, row: StoredTemplate, decided: str = "") -> str:
    language = _language(desk)
    answer_language = language if language in row.answer else next(iter(row.answer), language)
    return desk.texts.render(
        "template_proposal",
        language,
        template_id=row.id,
        ticket_id=row.origin_ticket_id,
        category=desk.names(language)["categories"].get(row.category, row.category),
        questions=[q for texts in row.questions.values() for q in texts],
        answer=row.answer.get(answer_language, ""),
        decided=decided,
    )


async def pending(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pending: each proposal waiting for this supervisor, with Approve / Reject."""
    asked = await _from_supervisor(update, context)
    if asked is None:
        return
    desk, user, message = asked
    language = _language(desk)
    async with desk.sessions() as session:
        rows = await casebook.pending(session=session, rules=desk.rules, supervisor_id=user.id)
    if not rows:
        await post.say(desk, post.reply(message, desk.texts.render("nothing_pending", language)))
        return
    calls: list[Call] = []
    for row in rows[:20]:
        buttons = [
            [
                (_label(desk, "approve"), f"tpl:ok:{row.id}"),
                (_label(desk, "reject"), f"tpl:no:{row.id}"),
            ]
        ]
        calls += post.reply(message, _proposal_text(desk, row), keyboard(buttons))
    await post.say(desk, calls)


async def decide(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Approve (the matcher answers with it at once) or reject a proposed template."""
    desk = desk_of(context)
    query = update.callback_query
    assert query is not None and query.data is not None
    language = _language(desk)
    _, verdict, template_id = query.data.split(":", 2)
    decision = casebook.approve if verdict == "ok" else casebook.reject
    try:
        async with desk.sessions() as session, session.begin():
            template = await decision(
                session=session,
                rules=desk.rules,
                template_id=template_id,
                supervisor_id=query.from_user.id,
                now=desk.now(),
            )
            row = await session.get(StoredTemplate, template_id)
            assert row is not None
            who = desk.rules.staff.shown_as(query.from_user.id) or str(query.from_user.id)
            decided = desk.texts.render(
                "template_decided", language, approved=verdict == "ok", who=who
            )
            if query.message is not None:
                shown = _proposal_text(desk, row, decided)
                chat_id, message_id = query.message.chat.id, query.message.message_id
                await post.post(desk, session, post.edit_text(chat_id, message_id, shown))
    except DeskError:
        log.info("refused template decision %r by user %s", query.data, query.from_user.id)
        await answer(query, desk.texts.render("stale_button", language))
        return
    if verdict == "ok":
        desk.matcher.add(template.phrasings())
        desk.templates[template.id] = template
    await answer(query)


def _shown(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    hours = seconds / 3600
    return f"{hours:.1f}h" if hours >= 1 else f"{seconds / 60:.0f}m"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _row(name: str, figures: Figures) -> dict[str, object]:
    return {
        "name": name,
        "tickets": figures.tickets,
        "claimed_in_time": _share(figures.claimed_in_time_share),
        "first_response": _shown(figures.median_first_response_s),
        "resolution": _shown(figures.median_resolution_s),
        "sla": _share(figures.sla_compliance),
        "notices": figures.notices,
        "notices_on_time": _share(figures.notices_on_time_share),
        "transfers": figures.transfers,
        "reopen": _share(figures.reopen_rate),
        "rating": "-" if figures.average_rating is None else f"{figures.average_rating:.1f}",
        "breaches": figures.breaches,
    }


async def report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/report day|week|month: by department, then by officer, for tickets opened in it."""
    asked = await _from_supervisor(update, context)
    if asked is None:
        return
    desk, user, message = asked
    language = _language(desk)
    period = (context.args or ["week"])[0].lower()
    if period not in PERIODS:
        usage = desk.texts.render("usage", language, usage="/report day|week|month")
        await post.say(desk, post.reply(message, usage))
        return
    now = desk.now()
    start = now - timedelta(days=PERIODS[period])
    async with desk.sessions() as session:
        figures = await supervision_figures(session=session, start=start, end=now, now=now)
    member = desk.rules.staff.get(user.id)
    # Management sees every department; a supervisor their own.
    own = (
        None
        if desk.rules.staff.is_management(user.id) or member is None
        else member.department_key
    )
    departments = {d.key: d.names[language] for d in desk.settings.departments}
    rows = [
        _row(departments.get(key, key), row)
        for key, row in sorted(figures.by_department.items())
        if own in (None, key)
    ]
    for officer_id, row in sorted(figures.by_officer.items()):
        officer = desk.rules.staff.get(officer_id)
        if officer is not None and own in (None, officer.department_key):
            rows.append(_row(f"{officer.name} {officer.staff_number}", row))
    text = desk.texts.render("report", language, start=start, end=now, rows=rows)
    await post.say(desk, post.reply(message, text))


async def _ticket_of_command(
    desk: Desk, update: Update, args: list[str]
) -> tuple[Ticket | None, list[str]]:
    """The ticket a staff command is about: its topic's, or the number given first."""
    message = update.effective_message
    if message is not None and message.message_thread_id is not None and message.is_topic_message:
        async with desk.sessions() as session:
            ticket = await tickets.get_by_topic(
                session=session, chat_id=message.chat_id, thread_id=message.message_thread_id
            )
        if ticket is not None:
            return ticket, args
    replied = message.reply_to_message if message is not None else None
    if message is not None and replied is not None:
        async with desk.sessions() as session:
            ticket = await tickets.get_by_message(
                session=session, chat_id=message.chat_id, message_id=replied.message_id
            )
        if ticket is not None:
            return ticket, args
    if args and args[0].lstrip("#").isdigit():
        try:
            return await _load(desk, int(args[0].lstrip("#"))), args[1:]
        except DeskError:
            return None, args
    return None, args


async def priority_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/priority [N] <priority>: the owner or a supervisor; in a ticket's topic N is implied."""
    desk = desk_of(context)
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or desk.rules.staff.get(user.id) is None:
        await not_staff(update, context)
        return
    language = _language(desk)
    ticket, rest = await _ticket_of_command(desk, update, list(context.args or []))
    key = priority_key(desk, rest[0]) if rest else None
    if ticket is None or key is None:
        keys = "|".join(p.key for p in desk.settings.priorities)
        usage = desk.texts.render("usage", language, usage=f"/priority [N] {keys}")
        await post.say(desk, post.reply(message, usage))
        return
    try:
        await reprioritise(desk, ticket.id, user.id, key, lambda t: post.reply(message, t))
    except DeskError as refused:
        await post.say(desk, post.reply(message, refusal(desk, refused)))


async def propose_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/propose [N] [question | answer]: a closed ticket as a knowledge-base template. By
    default its question and its resolution summary, in the requester's language."""
    desk = desk_of(context)
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or desk.rules.staff.get(user.id) is None:
        await not_staff(update, context)
        return
    language = _language(desk)
    ticket, rest = await _ticket_of_command(desk, update, list(context.args or []))
    if ticket is None:
        usage = desk.texts.render("usage", language, usage="/propose [N] [question | answer]")
        await post.say(desk, post.reply(message, usage))
        return
    question, _, answer = " ".join(rest).partition("|")
    try:
        async with desk.sessions() as session, session.begin():
            asked_in = (await requester_of(session, ticket)).language
            proposal = await casebook.propose(
                session=session,
                rules=desk.rules,
                matcher=desk.matcher,
                ticket_id=ticket.id,
                officer_id=user.id,
                questions={asked_in: [question.strip() or ticket.question]},
                answer={asked_in: answer.strip() or (ticket.resolution_summary or "")},
                now=desk.now(),
            )
            text = desk.texts.render(
                "template_proposed",
                language,
                ticket_id=ticket.id,
                template_id=proposal.template.id,
                similar=[m.template_id for m in proposal.similar],
            )
            supervisors = desk.rules.staff.supervisors_of(ticket.department_key)
            await post.post(
                desk, session, post.reply(message, text), [say_to(s, text) for s in supervisors]
            )
    except DeskError as refused:
        await post.say(desk, post.reply(message, refusal(desk, refused)))


async def block(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/block <user id> <reason> and /unblock <user id>: a supervisor bars a requester (their
    messages are no longer handled) or lifts it."""
    asked = await _from_supervisor(update, context)
    if asked is None:
        return
    desk, user, message = asked
    language = _language(desk)
    barring = (message.text or "").startswith("/block")
    args = context.args or []
    usage = "/block <user id> <reason>" if barring else "/unblock <user id>"
    if not args or not args[0].isdigit() or (barring and len(args) < 2):
        await post.say(
            desk, post.reply(message, desk.texts.render("usage", language, usage=usage))
        )
        return
    user_id = int(args[0])
    try:
        async with desk.sessions() as session, session.begin():
            await requesters.set_ban(
                session=session,
                rules=desk.rules,
                supervisor_id=user.id,
                telegram_user_id=user_id,
                banned=barring,
                reason=" ".join(args[1:]) if barring else "",
                now=desk.now(),
            )
            told = desk.texts.render("banned", language, banned=barring, user_id=user_id)
            await post.post(desk, session, post.reply(message, told))
    except DeskError as refused:
        await post.say(desk, post.reply(message, refusal(desk, refused)))
        return
    if barring:
        desk.banned.add(user_id)
    else:
        desk.banned.discard(user_id)
    log.info("user %s %s by %s", user_id, "barred" if barring else "let back", user.id)
