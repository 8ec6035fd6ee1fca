"""What was said under a ticket after it opened (issue 14: a clerk who picks up a ticket, or
receives it handed off, sees all that was said, not only the first inquiry): the requester's
later words, and what staff wrote to them (an officer who asked under the card of a ticket
nobody had claimed yet), as turns (bot/intake/inquiry.py) to show after the first inquiry's,
on the card, the handoff form and a topic's introduction, in the order they were written.

A later turn has `later` true and `kind`: "text" (a message), "edit" (one of the requester's
messages as it reads after they edited it) or the kind of media whose caption it is (a
photo's, ...). It is the requester's (`by` "requester"), an officer's (`by` "staff", with
`name`, the officer as people are shown, config `privacy`), or an update of the mass incident
the ticket is linked to (`by` "incident", with `name`, who posted it to all the incident's
requesters, and `incident_id`): no word of its owner's, nor of anyone's on this ticket alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dangers import of_tickets
from bot.intake.inquiry import Turn, whole_values
from bot.kinds import EDIT, INCIDENT_UPDATE, NOT_COPIED
from bot.models import Direction, Ticket, TicketMessage

WORDS = ("text", EDIT)  # what is nothing but words
Names = Callable[[int | None], str | None]  # an officer's user id -> how they are shown


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
    @property
    def author_id(self) -> int | None: ...


class Said(NamedTuple):
    """A message filed under a ticket, the requester's or one staff wrote to them, as
    `said_under` reads it."""

    direction: Direction
    content_type: str
    text: str
    created_at: datetime
    author_id: int | None


# At Core level and built once: a card redrawn with the requester's words reads these for
# every text they send to a ticket nobody claimed yet (the ORM's objects cost more than the
# query).
_SAID_UNDER = (
    select(
        TicketMessage.direction,
        TicketMessage.content_type,
        TicketMessage.text,
        TicketMessage.created_at,
        TicketMessage.author_id,
    )
    .where(
        TicketMessage.ticket_id == bindparam("said_under"),
        TicketMessage.direction.in_((Direction.IN, Direction.OUT)),
    )
    .order_by(TicketMessage.id)
)


def turn(text: str, kind: str, at: datetime) -> Turn:
    """A later turn: the requester's `text` (a message's, an edit's, a caption's: `kind`)."""
    return {"by": "requester", "text": text, "later": True, "kind": kind, "at": at.isoformat()}


def staff_turn(text: str, name: str, kind: str, at: datetime) -> Turn:
    """A later turn of an officer's: `text` they wrote to the requester (a message's, a
    caption's: `kind`), `name` as they are shown."""
    return {
        "by": "staff",
        "name": name,
        "text": text,
        "later": True,
        "kind": kind,
        "at": at.isoformat(),
    }


def incident_turn(text: str, name: str, incident_id: int | None, at: datetime) -> Turn:
    """A later turn of an /incident update: `text` that `name` posted to every requester of
    incident `incident_id` (None: the ticket is no longer linked to it), this one's among
    them."""
    return {
        "by": "incident",
        "name": name,
        "incident_id": incident_id,
        "text": text,
        "later": True,
        "kind": "text",
        "at": at.isoformat(),
    }


def later_turns(
    ticket: Ticket,
    filed: Sequence[Filed],
    *,
    kinds: Sequence[str] = WORDS,
    names: Names | None = None,
) -> list[Turn]:
    """The later turns of `filed` (the ticket's messages, in order): the requester's words,
    with the captions of what they sent after the ticket opened (those that came with the
    question are part of it), of the `kinds` given ("text" and "edit", or "edit" alone: their
    edits); with `names` (how officers are shown) and "text" among the `kinds`, what staff
    wrote to the requester too (a reply's words or caption, an incident's update), each naming
    its officer."""
    turns = []
    for message in filed:
        if message.direction is Direction.OUT:
            if names is not None and "text" in kinds and message.text.strip():
                name = names(message.author_id) or ""
                at = message.created_at
                if message.content_type == INCIDENT_UPDATE:
                    # Taken out of the incident: its updates were not about this matter (the
                    # requester was told so); the ticket's record keeps them (/ticket).
                    if ticket.incident_id is not None:
                        turns.append(incident_turn(message.text, name, ticket.incident_id, at))
                else:
                    turns.append(staff_turn(message.text, name, message.content_type, at))
            continue
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
    """Everything filed under the ticket `ticket_id` that passed between the requester and
    its staff, in order: the requester's words, edits, media with their captions, and what
    staff wrote to them (no internal notes)."""
    rows = await session.execute(_SAID_UNDER, {"said_under": ticket_id})
    return [Said(*row) for row in rows]


async def said_later(
    *,
    session: AsyncSession,
    ticket: Ticket,
    until: datetime | None = None,
    kinds: Sequence[str] = WORDS,
    names: Names | None = None,
) -> list[Turn]:
    """What the requester said under `ticket` since it opened, up to `until` (None: up to
    now), as later turns in order (`later_turns`); with `names`, what staff wrote to them
    too, in its place."""
    filed = await said_under(session=session, ticket_id=ticket.id)
    if until is not None:
        filed = [said for said in filed if said.created_at <= until]
    return later_turns(ticket, filed, kinds=kinds, names=names)


async def introduction_values(
    *, session: AsyncSession, ticket: Ticket, names: Names
) -> dict[str, Any]:
    """What a ticket's topic's introduction shows of what was said (the topic opened at claim,
    or one that replaces a topic closed or deleted): `question` (the requester's words) and
    `inquiry`, the first inquiry's turns when more than the question happened, followed by
    the whole exchange since the ticket opened, in order, each turn naming who said it: the
    requester's words (messages, captions, edits as the messages now read) and what staff
    wrote to them (officers as `names` shows them: an officer who asked under the card
    before anyone claimed it; issue 14, the owner never asks again); [] when neither
    (bot/intake/inquiry.py `whole_values`; the introduction takes as many messages as it
    needs). What this lists the topic does not get copied again (`copied_after`)."""
    said = await said_later(session=session, ticket=ticket, names=names)
    shown = whole_values(ticket.inquiry or [], ticket.question, said)
    # The dangers to people it was told of lead it, as on its card (bot/dangers.py).
    marked = (await of_tickets(session, [ticket.id])).get(ticket.id, [])
    return {"question": ticket.question, "inquiry": shown["inquiry"], "dangers": marked}


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


def copied_after(message: TicketMessage, forwarded: bool) -> bool:
    """Whether a topic copies the requester's filed `message` after its introduction: all
    but their plain texts, which the introduction lists in their place (`introduction_values`),
    and their edits (words, no message of their own); a forwarded text is copied after the
    line saying where it comes from (`forwarded`)."""
    return forwarded or message.content_type not in WORDS
