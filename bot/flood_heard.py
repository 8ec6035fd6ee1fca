"""A requester in danger writing faster than the limit against floods allows (bot/abuse.py
`Verdict.HEARD`): every message is still handled and filed (issue 14: never limited), and
they are told once, in their language, that all their messages reached us, that help is on
its way and which numbers to call now (`flood_heard`): not nothing, as when each message of
the flood was filed in silence, and not a reply a message. The numbers are those for the
dangers their ticket in hand was told of (`bot.dangers.first_numbers`), all of them when it
was told of none (words of danger whose ticket is not yet written)."""

from __future__ import annotations

from sqlalchemy import select

from bot import lifecycle
from bot.dangers import first_numbers, numbers, of_tickets
from bot.models import IN_HAND, Requester, Ticket, TicketEvent
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.transaction import Transaction

FLOOD_HEARD = "flood_heard"  # the notice's kind (its wording's template)


async def endangered_ticket(tx: Transaction, requester: Requester) -> Ticket | None:
    """The requester's latest ticket in hand told of a danger, else their latest in hand."""
    told = await tx.session.scalar(
        select(Ticket)
        .join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
        .where(
            Ticket.requester_id == requester.id,
            Ticket.status.in_(IN_HAND),
            TicketEvent.kind == lifecycle.DANGER_TOLD,
        )
        .order_by(Ticket.id.desc())
        .limit(1)
    )
    if told is not None:
        return told
    return await tx.session.scalar(
        select(Ticket)
        .where(Ticket.requester_id == requester.id, Ticket.status.in_(IN_HAND))
        .order_by(Ticket.id.desc())
        .limit(1)
    )


async def all_heard_and_tell(*, tx: Transaction, rules: Rules, telegram_user_id: int) -> None:
    """Tell the requester `telegram_user_id`, over the limit while in danger, that every
    message of theirs reached us, help is on its way, and the numbers to call (see the
    module); nothing for someone the desk does not know yet."""
    requester = await tx.session.scalar(
        select(Requester).where(Requester.telegram_user_id == telegram_user_id)
    )
    if requester is None:
        return
    ticket = await endangered_ticket(tx, requester)
    kinds = (await of_tickets(tx.session, [ticket.id])).get(ticket.id, []) if ticket else []
    language = requester.language
    told = (
        first_numbers(rules.settings, language, kinds)
        if kinds
        else numbers(rules.settings, language)
    )
    values = {"dangers": kinds, "numbers": told, "in_ticket": ticket is not None}
    notice = Notice(FLOOD_HEARD, (Audience.REQUESTER,), ticket, values, requester=requester)
    await publish(tx, rules, [notice])
