"""The language of a ticket's conversation, which the desk's own words about the ticket are
written in (a new user's trial: a Chinese requester asked one thing in English, and every
later progress notice of his Chinese tickets came in English).

A reply to what the requester just sent is in the language of those words (their
`Requester.language`, bot/intake/language.py). What the desk says of a ticket of its own
accord, later (the sweep's progress notice and apologies, an officer's reply relayed, a claim
told: `Notice.own_word`), is in the ticket's language (`Ticket.language`): the language it
was opened in, until the requester clearly switched for good. The rule: the ticket follows
their words in it once two of their messages in a row under it (`follows`) are in the other
language; a language they chose themselves (/lang) stands for all their tickets
(`notice_language`). One question in English, in that ticket or elsewhere, is answered in
English and leaves the ticket's notices in Chinese."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Direction, Requester, Ticket, TicketMessage
from bot.written import DESK_LANGUAGES, written_in

LOOK_BACK = 5  # the requester's latest messages under a ticket searched for words that tell


def notice_language(ticket: Ticket, requester: Requester) -> str:
    """The language of the desk's own word to `requester` about `ticket`: the one they chose
    (/lang), else the ticket's (its conversation's)."""
    return requester.language if requester.language_chosen else ticket.language


def follows(current: str, said: str | None, said_before: str | None) -> str:
    """The ticket's language after the requester's words in `said` (None: they tell none),
    their words before under it in `said_before`: switched when both are another one."""
    if said is not None and said != current and said_before == said:
        return said
    return current


async def follow_words(
    session: AsyncSession, ticket: Ticket, text: str, supported: Sequence[str] = DESK_LANGUAGES
) -> None:
    """`ticket`'s language after the requester's `text`, filed under it last (`follows`):
    their words before it are the latest of their earlier messages that tell a language
    (the ticket's own question when none does)."""
    said = written_in(text, supported)
    if said is None or said == ticket.language or said not in supported:
        return  # nothing to look up: the path of nearly every message
    earlier = await session.scalars(
        select(TicketMessage.text)
        .where(TicketMessage.ticket_id == ticket.id, TicketMessage.direction == Direction.IN)
        .order_by(TicketMessage.id.desc())
        .offset(1)  # the message just filed
        .limit(LOOK_BACK)
    )
    told = (written_in(t or "", supported) for t in [*earlier, ticket.question])
    ticket.language = follows(ticket.language, said, next((t for t in told if t), None))
