"""The new ticket's card for its staff group: what the officer who may claim it reads first
(the whole first inquiry when there was more than the question, what the bot offered, the
requester's earlier tickets, what they sent with it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import staff_chats
from bot.config import Settings
from bot.dangers import ANY_TOLD, none_told, of_tickets
from bot.desk import Desk
from bot.incident_reports import NO_REPORTS, Reports, on_card, reports_of
from bot.intake import inquiry
from bot.intake.inquiry import Turn
from bot.intake.later import WORDS, later_turns, said_under
from bot.models import IN_HAND, Direction, Ticket, TicketMessage, TicketStatus
from bot.notices import Audience, Notice, card_refresh, publish, ticket_values
from bot.transaction import Transaction
from bot.written import other_tongue


class Earlier(NamedTuple):
    """One of the requester's earlier tickets, as its card lists it."""

    id: int
    status: TicketStatus


# Built once: a card is redrawn for every text its requester sends before someone claims it.
_EARLIER = (
    select(Ticket.id, Ticket.status)
    .where(Ticket.requester_id == bindparam("requester_id"), Ticket.id < bindparam("earlier_of"))
    .order_by(Ticket.id.desc())
    .limit(5)
)
# A new ticket's card: the requester's other tickets, newest first (their id and status).
_OTHERS = (
    select(Ticket.id, Ticket.status)
    .where(Ticket.requester_id == bindparam("requester_id"), Ticket.id != bindparam("ticket_id"))
    .order_by(Ticket.id.desc())
    .limit(5)
)


async def others_for_card(session: AsyncSession, ticket: Ticket) -> list[Earlier]:
    """The requester's tickets other than `ticket`, newest first, up to five: what a new
    ticket's card lists (`card_notice`, `earlier`)."""
    rows = await session.execute(
        _OTHERS, {"requester_id": ticket.requester_id, "ticket_id": ticket.id}
    )
    return [Earlier(*row) for row in rows]


def card_notice(
    desk: Desk,
    ticket: Ticket,
    attempts: tuple[str, ...],
    earlier: Sequence[Ticket | Earlier],
    attachments: int = 0,
    kinds: Sequence[str] = (),
    later: Sequence[Turn] = (),
    dangers: Sequence[str] = (),
    reports: Reports = NO_REPORTS,
) -> Notice:
    """The new ticket's card for its staff group (`ticket_card`; the front adds Claim): its
    category and priority by name, the requester's words and the first inquiry turn by turn
    when more than the question happened, all of it (`inquiry.whole_values`: the front shows
    as much as the message holds, `inquiry.fitted`), what the bot offered (`attempts`), the
    requester's earlier tickets (`earlier`: id and status each) and how many things came
    with the question (`attachments`), by kind when `kinds` (each item's: photo, poll, ...)
    says (`kept`: [kind, how many] in the order they came, so the card words what was
    kept), and what the requester said after the ticket opened (`later`: bot/intake/later.py,
    after the first inquiry's turns); `dangers`: the kinds of danger to people it was told of
    (bot/dangers.py), marked at its head; the mass incident it is linked to, if any, with
    its `reports` (how many tickets report it, how many of them are still open: the same
    count as the supervisors' alerts, `bot.incident_reports`; beyond a few dozen, at least
    how many, `on_card`), so that its staff know it is one of them and post the shared
    update (/incident, SPEC rule 9, issue 14)."""
    names = desk.names(desk.settings.languages.default)
    turns = ticket.inquiry or []
    values = {
        "category": names["categories"][ticket.category],
        "priority": names["priorities"][ticket.priority],
        **inquiry.whole_values(turns, ticket.question, later),
        "attempts": list(attempts),
        "attachments": attachments,
        "kept": [[kind, n] for kind, n in Counter(kinds).items()],
        "earlier": [{"id": t.id, "status": str(t.status)} for t in earlier],
        "dangers": list(dangers),
        # Their words in a language the desk does not write: staff see which (issue 14).
        "tongue": other_tongue(ticket.question, desk.texts.supported),
        "incident_id": ticket.incident_id,
        **on_card(reports),
        # A complaint about a member of staff: its card shows none of it (bot/supervised.py).
        "confidential": ticket.confidential,
    }
    return Notice(
        "ticket_card",
        (Audience.DEPARTMENT_GROUP,),
        ticket,
        values,
        departments=(ticket.handling_department_key,),
    )


# Built once, as _EARLIER: read for every card redrawn.
_TO_REDRAW = select(Ticket, ANY_TOLD).where(Ticket.id == bindparam("ticket_id"))


async def to_redraw(*, session: AsyncSession, ticket_id: int) -> Ticket | None:
    """The ticket `ticket_id` (None: there is none) for its card to be redrawn
    (`card_as_now`), read with whether it was told of a danger: its card asks for the
    dangers only of one that was (`bot.dangers.none_told`)."""
    row = (await session.execute(_TO_REDRAW, {"ticket_id": ticket_id})).first()
    if row is None:
        return None
    none_told(session, row[0], row[1])
    return row[0]


async def card_as_now(*, session: AsyncSession, desk: Desk, ticket: Ticket) -> dict[str, object]:
    """The values of `ticket`'s card as it reads now (`ticket_card`, the wording's values, with
    `ticket_values`): what a `card_refresh` notice (bot/notices.py) is shown as, an edit of the
    card already in the staff group (see `card_now`)."""
    notice = await card_now(session=session, desk=desk, ticket=ticket)
    return {**ticket_values(ticket, desk.rules), **notice.values}


async def card_now(*, session: AsyncSession, desk: Desk, ticket: Ticket) -> Notice:
    """`ticket`'s card as it reads now (a `ticket_card` notice): the same card as when it was
    opened (`card_notice`) but for what changed since: its priority and deadlines, the
    statuses of the requester's earlier tickets, `attachments` and `kept`, everything the
    requester has filed under it so far besides words (an album's items after the one that
    opened the ticket among them), and their words since it opened (`later`: up to its claim
    once claimed; a clerk who picks it up reads all they said)."""
    turns = ticket.inquiry or []
    attempts: tuple[str, ...] = tuple(inquiry.offered(turns))
    if not turns:
        # An inquiry begun before turns were kept: the bot's note lists what it offered.
        note = await session.scalar(
            select(TicketMessage.text)
            .where(
                TicketMessage.ticket_id == ticket.id,
                TicketMessage.direction == Direction.NOTE,
                TicketMessage.author_id.is_(None),
            )
            .order_by(TicketMessage.id)
            .limit(1)
        )
        attempts = tuple(note.split("; ")) if note else ()
    earlier = [
        Earlier(*row)
        for row in await session.execute(
            _EARLIER, {"requester_id": ticket.requester_id, "earlier_of": ticket.id}
        )
    ]
    # All that passed under it, once: what the requester sent besides words (counted by
    # kind), their words and what staff wrote to them since it opened.
    filed = await said_under(session=session, ticket_id=ticket.id)
    kinds = [
        said.content_type
        for said in filed
        if said.direction is Direction.IN and said.content_type not in WORDS
    ]
    if ticket.owner_id is not None and ticket.claimed_at is not None:
        until = ticket.claimed_at
        filed = [said for said in filed if said.created_at <= until]
    later = later_turns(ticket, filed, names=desk.rules.staff.shown_as)
    told = (await of_tickets(session, [ticket.id])).get(ticket.id, [])
    reports = await reports_of(session, ticket.incident_id)
    return card_notice(desk, ticket, attempts, earlier, len(kinds), kinds, later, told, reports)


async def follow_upgrade(
    *, tx: Transaction, desk: Desk, old_chat_id: int, new_chat_id: int
) -> Settings | None:
    """Telegram upgraded the staff group `old_chat_id` to the supergroup `new_chat_id`: the desk
    follows it (`bot.staff_chats.moved_and_tell`, which returns the configuration to adopt, or
    None when the move was known or the chat is none of the desk's), and every ticket still in
    hand whose card was in the old group gets its card again in the new one, as it reads now
    (the old group takes no more messages: without a card there, an unowned ticket could not be
    claimed, nor an officer see what the ticket's next messages are about). A card still to be
    sent goes to the new id with the rest of the outbox, not twice. A claimed ticket's card is
    redrawn as claimed once in Telegram (a `card_refresh` after it)."""
    session = tx.session
    stranded = list(
        await session.scalars(
            select(Ticket)
            .where(
                Ticket.staff_chat_id == old_chat_id,
                Ticket.card_message_id.is_not(None),
                Ticket.status.in_(IN_HAND),
            )
            .order_by(Ticket.id)
        )
    )
    followed = await staff_chats.moved_and_tell(
        tx=tx, rules=desk.rules, old_chat_id=old_chat_id, new_chat_id=new_chat_id
    )
    if followed is None:
        return None
    notices: list[Notice] = []
    for ticket in stranded:
        ticket.card_message_id = None  # that message id is the old group's
        notices.append(await card_now(session=session, desk=desk, ticket=ticket))
        if ticket.owner_id is not None:
            notices.append(card_refresh(ticket))
    await publish(tx, desk.rules, notices)
    return followed
