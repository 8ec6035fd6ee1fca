"""What the requester said under their ticket after it opened (issue 14: a clerk who picks up
a ticket, or receives it handed off, sees all they said, not only the first inquiry): their
later words as turns (bot/intake/inquiry.py) to show after the first inquiry's, on the card,
the handoff form and a topic's introduction.

A later turn is a requester's turn with `later` true and `kind`: "text" (a message), "edit"
(one of their messages as it reads after they edited it) or the kind of media whose caption
it is (a photo's, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.conversation import EDIT
from bot.intake.inquiry import Turn, whole_values
from bot.kinds import NOT_COPIED
from bot.models import Direction, Ticket, TicketMessage

WORDS = ("text", EDIT)  # what is nothing but words


class Filed(Protocol):
    """What `later_turns` reads of a filed message (a TicketMessage, or a `Said`)."""

    @property
    def direction(self) -> Direction: ...
    @property
    def content_type(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


class Said(NamedTuple):
    """A requester's message filed under a ticket, as `said_under` reads it."""

    direction: Direction
    content_type: str
    text: str
    created_at: datetime


# At Core level and built once: a card redrawn with the requester's words reads these for
# every text they send to a ticket nobody claimed yet (the ORM's objects cost more than the
# query).
_SAID_UNDER = (
    select(
        TicketMessage.direction,
        TicketMessage.content_type,
        TicketMessage.text,
        TicketMessage.created_at,
    )
    .where(
        TicketMessage.ticket_id == bindparam("said_under"), TicketMessage.direction == Direction.IN
    )
    .order_by(TicketMessage.id)
)


def turn(text: str, kind: str, at: datetime) -> Turn:
    """A later turn: the requester's `text` (a message's, an edit's, a caption's: `kind`)."""
    return {"by": "requester", "text": text, "later": True, "kind": kind, "at": at.isoformat()}


def later_turns(
    ticket: Ticket, filed: Sequence[Filed], *, kinds: Sequence[str] = WORDS
) -> list[Turn]:
    """The later turns of `filed` (the ticket's messages, in order): the requester's words,
    with the captions of what they sent after the ticket opened (those that came with the
    question are part of it), of the `kinds` given ("text" and "edit", or "edit" alone: their
    edits)."""
    turns = []
    for message in filed:
        if message.direction is not Direction.IN or not message.text.strip():
            continue
        if message.content_type in WORDS:
            if message.content_type in kinds:
                turns.append(turn(message.text, message.content_type, message.created_at))
        elif (
            "text" in kinds
            and message.content_type not in NOT_COPIED
            and message.created_at > ticket.opened_at
        ):
            turns.append(turn(message.text, message.content_type, message.created_at))
    return turns


async def said_under(*, session: AsyncSession, ticket_id: int) -> list[Said]:
    """Everything the requester filed under the ticket `ticket_id`, in order (words, edits,
    media with their captions)."""
    rows = await session.execute(_SAID_UNDER, {"said_under": ticket_id})
    return [Said(*row) for row in rows]


async def said_later(
    *,
    session: AsyncSession,
    ticket: Ticket,
    until: datetime | None = None,
    kinds: Sequence[str] = WORDS,
) -> list[Turn]:
    """What the requester said under `ticket` since it opened, up to `until` (None: up to
    now), as later turns in order (`later_turns`)."""
    filed = await said_under(session=session, ticket_id=ticket.id)
    if until is not None:
        filed = [said for said in filed if said.created_at <= until]
    return later_turns(ticket, filed, kinds=kinds)


async def introduction_values(*, session: AsyncSession, ticket: Ticket) -> dict[str, Any]:
    """What a ticket's topic's introduction shows of the requester's words (the topic opened at
    claim, or one that replaces a topic closed or deleted): `question` (their words) and
    `inquiry`, the first inquiry's turns when more than the question happened, followed by
    their edits since the ticket opened (their messages as they now read: an edit carries no
    message of its own for the topic to copy), [] when neither (bot/intake/inquiry.py
    `whole_values`; the introduction takes as many messages as it needs)."""
    edits = await said_later(session=session, ticket=ticket, kinds=(EDIT,))
    shown = whole_values(ticket.inquiry or [], ticket.question, edits)
    return {"question": ticket.question, "inquiry": shown["inquiry"]}


async def came_with(*, session: AsyncSession, ticket: Ticket) -> list[TicketMessage]:
    """What the requester sent with the question that opened `ticket` (photos, a location,
    ...: filed with it, at its opening), in order: what a topic replacing its first shows
    again after its introduction, as the first showed it."""
    return list(
        await session.scalars(
            select(TicketMessage)
            .where(
                TicketMessage.ticket_id == ticket.id,
                TicketMessage.direction == Direction.IN,
                TicketMessage.content_type.not_in(WORDS),
                TicketMessage.created_at <= ticket.opened_at,
            )
            .order_by(TicketMessage.id)
        )
    )
