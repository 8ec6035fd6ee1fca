"""The requester withdraws their request: asked to confirm when their words say so, closed when
they do.

Words a requester writes to a ticket still being worked on (open, claimed, handed over) that
clearly withdraw it (bot/withdrawal_words.py: "Please cancel my complaint", "算了,不用了") are
filed and relayed as any are, and answered, instead of "added", with the question whether to
withdraw that ticket, named by its number and its question (`WITHDRAW_ASK`: the front puts
Withdraw / Keep it open under it); so are words that only wonder whether to ("要不算了?",
"maybe just cancel it?"); words less clear are only filed. The requester answers
with its buttons or in words (`answer_in_words`: "yes", "对,撤销吧", "no, keep it", "不用撤";
anything else is ordinary words and the question stands), either way `answered_and_tell`:
the question loses its buttons and they hear what became of the ticket. Confirmed
(`withdraw_and_tell`), the ticket closes as withdrawn (bot/closure.py `withdraw`): nothing
is due on it any more (no escalation, no reminder), its staff and its owner hear it (while
nobody owns it, the department's staff group, under its card, which loses its Claim), and
so does the department that accepted it, if another did.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import handed
from bot.closure import withdraw
from bot.errors import IllegalMove
from bot.excerpt import one_line, question_values
from bot.incident_reports import member_cards
from bot.models import ACTIVE_STATUSES, OutboxMessage, Requester, StaffLink, Ticket
from bot.notices import BUTTONS_GONE, Audience, Notice, card_refresh, publish
from bot.rules import Rules
from bot.store import get_for_requester
from bot.topic_closing import close_topic
from bot.transaction import Transaction
from bot.withdrawal_words import says_withdrawn, withdrawal_answer, wonders_withdrawing

WITHDRAW_ASK = "withdraw_ask"  # the question to the requester, values `ticket_id`, `question`
# UTF-16 units of the question the withdrawal question quotes: enough to know the ticket by
# (issue 14: it quoted some 400 characters), on one line, ending in "…" when shortened.
QUOTED = 60


def withdrawal_asked(ticket: Ticket, requester: Requester, text: str) -> Notice | None:
    """The question whether to withdraw `ticket` (a WITHDRAW_ASK notice to its requester,
    quoting the start of its question, at most QUOTED units on one line) when `text`, which
    they just wrote to it, clearly withdraws it, or wonders whether to ("要不算了?", "maybe
    just cancel it?": `wonders_withdrawing`), and it can still be
    withdrawn (being worked on: a resolved one awaits their word on the resolution); None
    otherwise."""
    if ticket.status not in ACTIVE_STATUSES:
        return None
    if not (says_withdrawn(text) or wonders_withdrawing(text)):
        return None
    quoted = question_values(one_line(ticket.question), QUOTED)
    return Notice(WITHDRAW_ASK, (Audience.REQUESTER,), ticket, quoted, requester=requester)


async def withdraw_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, requester_id: int
) -> Ticket:
    """The requester confirmed: `withdraw` at the transaction's instant; its staff and its
    owner are told (`staff_event` "withdrawn"; while nobody owns it, the staff group of its
    department), its card loses Claim, and the department that accepted it, if another did,
    hears it (bot/handed.py `settled_notices`). The requester, who pressed, is answered by
    the front. Raises as `withdraw` does (DeskError: IllegalMove once it is no longer being
    worked on, a stale button)."""
    ticket = await withdraw(
        session=tx.session, rules=rules, ticket_id=ticket_id, requester_id=requester_id, now=tx.now
    )
    group = rules.settings.department(ticket.handling_department_key).staff_group_chat_id
    told = Notice(
        "staff_event",
        (Audience.TICKET_STAFF, Audience.OWNER),
        ticket,
        {"event": "withdrawn"},
        fallback=group,
    )
    handling = await handed.settled_notices(
        session=tx.session, rules=rules, ticket=ticket, event="withdrawn"
    )
    # Its card says it is withdrawn (and Claim goes, if nobody had claimed it); its
    # incident's other cards, one open report fewer.
    others = await member_cards(tx.session, ticket.incident_id, ticket.id)
    notices = [told, card_refresh(ticket), *handling, *close_topic(rules, ticket), *others]
    await publish(tx, rules, notices)
    return ticket


async def answer_in_words(
    *, session: AsyncSession, ticket: Ticket, requester: Requester, text: str
) -> bool | None:
    """Whether `text`, which the requester just wrote to `ticket`, answers the question whether
    to withdraw it still standing in their chat (its buttons there): True to withdraw, False to
    keep it (bot/withdrawal_words.py `withdrawal_answer`); None when no such question stands,
    the ticket is no longer being worked on, or the words answer neither way."""
    if ticket.status not in ACTIVE_STATUSES:
        return None
    answer = withdrawal_answer(text)
    if answer is None or not await _standing(session, ticket, requester):
        return None
    return answer


async def asked_of(
    *, session: AsyncSession, tickets: list[Ticket], requester: Requester, text: str
) -> Ticket | None:
    """The ticket among `tickets` (the requester's in hand, the one their words point at
    first) whose withdrawal question `text` answers (`answer_in_words`): typed under it, "撤吧"
    or "yes withdraw" is that ticket's answer, never a new matter told apart from it. None when
    the words answer no such question, or none stands."""
    if withdrawal_answer(text) is None:  # read once, not for each ticket
        return None
    for ticket in tickets:
        answer = await answer_in_words(
            session=session, ticket=ticket, requester=requester, text=text
        )
        if answer is not None:  # withdraw it, or keep it open: that ticket's either way
            return ticket
    return None


_ANSWERS = ("withdrawn", "withdraw_kept")  # what the requester is told once they answered


async def _standing(session: AsyncSession, ticket: Ticket, requester: Requester) -> bool:
    """Whether a question whether to withdraw `ticket` still shows its buttons in the
    requester's chat: one linked once sent and not answered since (`_questions`), or one
    still on its way (the outbox; sent, it is linked as it is marked sent)."""
    if await _questions(session, ticket, requester):
        return True
    unsent = await session.scalar(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.chat_id == requester.chat_id,
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.ticket_id == ticket.id,
            OutboxMessage.template == WITHDRAW_ASK,
        )
        .limit(1)
    )
    return unsent is not None


async def _questions(
    session: AsyncSession, ticket: Ticket, requester: Requester
) -> list[StaffLink]:
    """The questions whether to withdraw `ticket` in the requester's chat still carrying their
    buttons (their links' kind, recorded once sent)."""
    links = await session.scalars(
        select(StaffLink).where(
            StaffLink.chat_id == requester.chat_id,
            StaffLink.ticket_id == ticket.id,
            StaffLink.kind == WITHDRAW_ASK,
        )
    )
    return list(links)


async def answered_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    requester: Requester,
    withdrawn: bool,
    pressed: int | None = None,
) -> Ticket:
    """The requester answered the question, with a button (the message `pressed`, whose buttons
    the front takes away) or in words: `withdrawn`, the ticket is withdrawn
    (`withdraw_and_tell`), else kept as it is. Every question about it in their chat loses its
    buttons (BUTTONS_GONE), and they are told (`withdrawn`, `withdraw_kept`, values of the
    ticket: its owner). Raises DeskError (IllegalMove once the ticket is no longer being
    worked on: a stale button)."""
    if withdrawn:
        ticket = await withdraw_and_tell(
            tx=tx, rules=rules, ticket_id=ticket_id, requester_id=requester.id
        )
    else:
        ticket = await get_for_requester(
            session=tx.session, ticket_id=ticket_id, requester_id=requester.id
        )
        if ticket.status not in ACTIVE_STATUSES:
            raise IllegalMove(ticket.id, ticket.status, "keep open")
    notices = []
    for link in await _questions(tx.session, ticket, requester):
        link.kind = BUTTONS_GONE
        if link.message_id != pressed:
            values = {"message_id": link.message_id}
            gone = Notice(BUTTONS_GONE, (Audience.REQUESTER,), ticket, values, requester=requester)
            notices.append(gone)
    kind = _ANSWERS[0] if withdrawn else _ANSWERS[1]
    notices.append(Notice(kind, (Audience.REQUESTER,), ticket, requester=requester))
    await publish(tx, rules, notices)
    return ticket
