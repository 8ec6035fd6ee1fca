"""Looking things up: /status for requesters; /mine, /queue and /ticket N for staff. What is
found is the desk's (bot/lookup.py); these handlers word it."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot import lookup, supervised
from handlers import post
from handlers.cards import statuses
from handlers.commands import name_of
from handlers.context import DeskContext
from handlers.finding import named_ticket
from handlers.refusals import refusals
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
        requester = await requester_for(tx, desk, user)
        listed = await lookup.requester_tickets(
            session=session, rules=desk.rules, requester_id=requester.id, now=tx.now
        )
    language = requester.language
    await post.say_reply(
        desk,
        update.update_id,
        message,
        desk.texts.render("status", language, tickets=listed, statuses=statuses(desk, language)),
    )


@staff_only
async def mine_or_queue(update: Update, context: DeskContext) -> None:
    """/mine: the tickets I own, then those other departments handed to mine (their owners
    stay accountable). /queue: my department's unclaimed tickets (management: every
    department's). Staff and management only."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return
    # Management (in no department) owns nothing of a department's and sees every queue.
    member = desk.rules.staff.get(user.id)
    department_key = member.department_key if member is not None else None
    language = desk.settings.languages.default
    mine = name_of(message.text) == "mine"
    handed: list[lookup.TicketLine] = []
    now = desk.now()
    async with desk.sessions() as session:
        if mine:
            listed = await lookup.owned(
                session=session, rules=desk.rules, officer_id=user.id, now=now
            )
            if department_key is not None:
                handed = await lookup.handed_to(
                    session=session,
                    rules=desk.rules,
                    department_key=department_key,
                    officer_id=user.id,
                    now=now,
                )
        else:
            listed = await lookup.queue(
                session=session, rules=desk.rules, department_key=department_key, now=now
            )
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
    worded = statuses(desk, language)
    said = desk.texts.render(
        "staff_list", language, tickets=listed, title=title, empty=empty, statuses=worded
    )
    if handed:  # other departments' tickets mine accepted to handle: their owners stay
        title = desk.texts.render("handoff_event", language, event="handed_to_us")
        said += "\n\n" + desk.texts.render(
            "staff_list", language, tickets=handed, title=title, empty="", statuses=worded
        )
    await post.say_reply(desk, update.update_id, message, said)


@staff_only
@refusals
async def ticket_history(update: Update, context: DeskContext) -> None:
    """/ticket N: the whole record and the chain of ownership. Staff only. A number no
    ticket has, or a word that is no number, is said so with the usage."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    language = desk.settings.languages.default
    usage = desk.texts.render("usage", language, usage="/ticket N")
    if not context.args:
        await post.say_reply(desk, update.update_id, message, usage)
        return
    ticket = await named_ticket(desk, context.args[0], usage)
    async with desk.sessions() as session:
        # A complaint about staff: its keepers' alone, in private (bot/supervised.py).
        private = message.chat.type == ChatType.PRIVATE
        await supervised.require_reader(session, desk.rules, ticket, user.id, private=private)
        found = await lookup.record(session=session, rules=desk.rules, ticket_id=ticket.id)
    await post.say_reply(
        desk,
        update.update_id,
        message,
        desk.texts.render(
            "ticket_history",
            language,
            ticket=found,
            events=found.events,
            messages=found.messages,
            inquiry=found.inquiry,
            owner=found.owner,
            statuses=statuses(desk, language),
        ),
    )
