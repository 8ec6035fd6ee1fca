"""A withdrawal taken back in words: the ticket in hand again, same number, same owner.

A requester who has just withdrawn a ticket (bot/withdrawal.py) and then writes "我没要撤销停电
那个!", "点错了", "I didn't mean to cancel that" (bot/takeback_words.py `takes_back`) meant
to keep it: a careful clerk reopens it rather than start a new matter. Within
`TAKE_BACK_WITHIN` of the withdrawal, and while nothing newer of theirs stands between (a
ticket opened since, a question waiting for its category), the ticket is restored
(bot/lifecycle.py RESTORE: to its owner, CLAIMED, or OPEN when nobody had claimed it; its
promises as they were), its owner hears it (nobody owning it, the staff under its card), its
card shows it in hand again (Claim again when unowned), and the requester is told in their
language (`withdrawal_taken_back`). The words themselves are filed under it by the front, as
any words to a ticket in hand (`Outcome.taken_back`: without "added" too). Of several
withdrawn lately, the one whose question shares words with theirs, else the latest.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot import lifecycle
from bot.desk import Desk
from bot.incident_reports import member_cards
from bot.intake.follow_up import shares_words
from bot.models import CloseReason, Requester, Ticket, TicketStatus
from bot.notices import Audience, Notice, card_refresh, publish
from bot.rules import Rules
from bot.store import save
from bot.takeback_words import takes_back
from bot.topic_closing import reopen_topic
from bot.transaction import Transaction

TAKE_BACK_WITHIN = timedelta(hours=24)  # after a withdrawal, words may still take it back
TAKEN_BACK = "withdrawal_taken_back"  # the requester is told: values of the ticket (owner)


async def take_back(
    *, tx: Transaction, desk: Desk, requester: Requester, text: str, own: bool = True
) -> Ticket | None:
    """The ticket `text` takes the withdrawal of back, restored and told (see the module's
    description); None when the words do not take one back, are not `own` (a forward's, an
    edit's), or none was withdrawn lately with nothing of theirs newer since."""
    if not own or requester.dialog_step is not None or not takes_back(text):
        return None
    since = tx.now - TAKE_BACK_WITHIN
    theirs = list(
        await tx.session.scalars(
            select(Ticket)
            .where(Ticket.requester_id == requester.id)
            .order_by(Ticket.id.desc())
            .limit(20)
        )
    )
    withdrawn = [
        t
        for t in theirs
        if t.status is TicketStatus.CLOSED
        and t.close_reason is CloseReason.WITHDRAWN
        and t.closed_at is not None
        and t.closed_at >= since
        # Nothing of theirs opened since: a ticket newer than the withdrawal is what they
        # speak of now.
        and not any(o.opened_at > t.closed_at for o in theirs)
    ]
    if not withdrawn:
        return None
    withdrawn.sort(key=lambda t: (t.closed_at, t.id), reverse=True)
    meant = next((t for t in withdrawn if shares_words(text, t.question)), withdrawn[0])
    return await restore_and_tell(tx=tx, rules=desk.rules, ticket=meant, requester=requester)


async def restore_and_tell(
    *, tx: Transaction, rules: Rules, ticket: Ticket, requester: Requester
) -> Ticket:
    """`ticket`, withdrawn, in hand again at the transaction's instant (RESTORE); its owner
    (nobody owning it, its department's staff group) hears it (`staff_event` "taken_back"),
    its card is redrawn (and those of its incident's other open tickets: one more is open),
    and the requester is told (TAKEN_BACK). Raises IllegalMove when it is not a withdrawn
    ticket."""
    lifecycle.move(tx.session, ticket, lifecycle.Action.RESTORE, now=tx.now, actor_id=None)
    await save(tx.session, rules, ticket)
    group = rules.settings.department(ticket.handling_department_key).staff_group_chat_id
    told = Notice(
        "staff_event",
        (Audience.TICKET_STAFF, Audience.OWNER),
        ticket,
        {"event": "taken_back"},
        fallback=group,
    )
    back = Notice(TAKEN_BACK, (Audience.REQUESTER,), ticket, requester=requester)
    others = await member_cards(tx.session, ticket.incident_id, ticket.id)
    await publish(tx, rules, [reopen_topic(ticket), told, card_refresh(ticket), back, *others])
    return ticket
