"""What staff are shown about a ticket in their group: the words of its statuses (for its card,
handlers/presenter.py) and its topic."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import dangers, delivery, ticket_messages
from bot.desk import Desk
from bot.excerpt import excerpt
from bot.handoff_forms import FORM, FORM_DECIDED
from bot.intake import inquiry, later, naming
from bot.intake.media import NOT_COPIED
from bot.models import Direction, Ticket, TicketMessage
from bot.outbox import Call
from bot.speaking import NOTE_SHOWN
from handlers import post

STATUSES = ("open", "claimed", "transferring", "resolved", "closed")


def statuses(desk: Desk, language: str) -> dict[str, str]:
    """Each ticket status as `language` words it."""
    return {s: desk.texts.render_fixed("statuses", language, status=s) for s in STATUSES}


def card_text(
    desk: Desk,
    language: str,
    values: Mapping[str, Any],
    owner: str | None = None,
    closed: Mapping[str, Any] | None = None,
) -> str:
    """A ticket's card (`ticket_card`, its `values`: bot/intake/card.py) as its staff group
    reads it, "claimed by `owner`" added when given, or, `closed` (bot/lookup.py `closing`:
    why, when), how it closed, naming its owner if it had one (`card_closed`), in one
    message: the first inquiry as much of it as that message holds (`inquiry.fitted`)."""
    worded = statuses(desk, language)

    def render(shown: Mapping[str, Any]) -> str:
        card = desk.texts.render("ticket_card", language, **{**shown, "statuses": worded})
        if closed:
            reason, at = closed["closed"], closed["closed_at"]
            return desk.texts.render(
                "card_closed", language, card=card, reason=reason, at=at, owner=owner
            )
        if owner is None:
            return card
        return desk.texts.render("card_claimed", language, card=card, owner=owner)

    return inquiry.fitted(render, values)


def form_text(desk: Desk, language: str, values: Mapping[str, Any]) -> str:
    """A handoff form (`handoff_card`, its `values`: bot/handoff_forms.py) as the receiving
    group reads it, once decided (values `decision` ...) with who decided it and when
    (`handoff_decided`), in one message: the first inquiry as much of it as that message
    holds (`inquiry.fitted`, as on a ticket's card)."""

    def render(shown: Mapping[str, Any]) -> str:
        form = desk.texts.render(FORM, language, **shown)
        if "decision" not in shown:
            return form
        return desk.texts.render(FORM_DECIDED, language, **{**shown, "form": form})

    return inquiry.fitted(render, values)


async def introduction(
    desk: Desk, session: AsyncSession, ticket: Ticket, template: str, owner_id: int | None
) -> list[Call]:
    """A ticket's topic's introduction (`template`: topic_intro, or topic_reopened for a topic
    replacing one closed or deleted), its owner `owner_id`, the requester's words as they now
    read (`bot.intake.later.introduction_values`), whole, in as many messages as they take."""
    chat_id = ticket.staff_chat_id
    assert chat_id is not None
    text = desk.texts.render(
        template,
        desk.settings.languages.default,
        ticket_id=ticket.id,
        owner=desk.rules.staff.shown_as(owner_id) or "-",
        **await later.introduction_values(
            session=session, ticket=ticket, names=desk.rules.staff.shown_as
        ),
    )
    return post.long_message(chat_id, text, kind="topic_intro", ticket_id=ticket.id, in_topic=True)


async def topic_calls(
    desk: Desk, session: AsyncSession, ticket: Ticket, *, owner_id: int | None = None
) -> list[Call]:
    """The ticket's own topic in a forum staff group: opened, introduced (its owner: the
    ticket's, or `owner_id` when given; the first inquiry turn by turn when more than the
    question happened, the requester's edits) and given what the requester already sent
    (nobody asks them again). Nothing happens in a group without topics, where the
    requester's messages were copied as replies to the card already."""
    chat_id = ticket.staff_chat_id
    if chat_id is None or ticket.confidential:  # a complaint about staff: no topic of its own
        return []
    owner = ticket.owner_id if owner_id is None else owner_id
    filed = await ticket_messages.history(session=session, ticket_id=ticket.id, public_only=False)
    earlier = [line for line in filed if line.direction is not Direction.NOTE]
    danger = bool(await dangers.of_tickets(session, [ticket.id]))
    name = naming.topic_name(ticket.id, ticket.question, danger=danger)
    return [
        post.open_topic(chat_id, ticket.id, name),
        *await introduction(desk, session, ticket, "topic_intro", owner),
        *await copies(desk, session, ticket, earlier),
        *_notes(desk, ticket, filed),
    ]


def _notes(desk: Desk, ticket: Ticket, filed: list[TicketMessage]) -> list[Call]:
    """Staff's internal notes on the ticket so far (written under its card before anyone
    claimed it, or on an alert about it: bot/speaking.py), for its new topic, where its owner
    works, each as a note written elsewhere reads there."""
    chat_id = ticket.staff_chat_id
    assert chat_id is not None
    language = desk.settings.languages.default
    return [
        post.message(
            chat_id,
            desk.texts.render(
                "staff_event",
                language,
                event="noted_elsewhere",
                by=desk.rules.staff.shown_as(line.author_id) or "-",
                text=excerpt(line.text, NOTE_SHOWN).text,
            ),
            kind="history",
            ticket_id=ticket.id,
            in_topic=True,
        )
        for line in filed
        if line.direction is Direction.NOTE and line.author_id is not None and line.text.strip()
    ]


async def replacement_calls(
    desk: Desk, session: AsyncSession, ticket: Ticket, template: str
) -> list[Call]:
    """What a topic opened for a ticket that already had its first introduction (one replacing
    a topic closed or deleted, `template` topic_reopened; or topic_intro, a claimed ticket's
    first topic in a group that became a forum) shows before the message that needed it:
    the introduction as the ticket reads now, and what came with its question copied again
    (`bot.intake.later.came_with`: photos, a location, ...)."""
    return [
        *await introduction(desk, session, ticket, template, ticket.owner_id),
        *await copies(
            desk, session, ticket, await later.came_with(session=session, ticket=ticket)
        ),
    ]


async def copies(
    desk: Desk, session: AsyncSession, ticket: Ticket, lines: list[TicketMessage]
) -> list[Call]:
    """The requester's messages among `lines` (the ticket's), for its topic after its
    introduction: copied, or in words when Telegram cannot copy them, a forward after the line
    saying where it comes from, as they were relayed (bot/conversation.py); not their plain
    texts, which the introduction lists in order with what staff said
    (`bot.intake.later.copied_after`)."""
    chat_id = ticket.staff_chat_id
    assert chat_id is not None
    language = desk.settings.languages.default
    origins = await delivery.forwarded_from(session=session, ticket_id=ticket.id)
    calls: list[Call] = []
    for line in lines:
        where = origins.get((line.telegram_chat_id or 0, line.telegram_message_id or 0))
        if not later.copied_after(line, where is not None):
            continue
        if line.direction is Direction.IN and where is not None:
            # A forward: where it comes from first, as when it is relayed into a topic.
            said = desk.texts.render(
                "relay_origin",
                language,
                ticket_id=ticket.id,
                origin_kind=where.kind,
                origin_name=where.name,
            )
            calls.append(
                post.message(chat_id, said, kind="history", ticket_id=ticket.id, in_topic=True)
            )
        if line.direction is Direction.IN and line.content_type in NOT_COPIED:
            # Telegram cannot copy it: in words, as it was relayed (bot/conversation.py).
            described = desk.texts.render(
                "relay_described",
                language,
                ticket_id=ticket.id,
                kind=line.content_type,
                described=line.text,
            )
            calls.append(
                post.message(
                    chat_id, described, kind="history", ticket_id=ticket.id, in_topic=True
                )
            )
        elif line.direction is Direction.IN and line.telegram_chat_id and line.telegram_message_id:
            calls.append(
                post.copy(
                    chat_id,
                    line.telegram_chat_id,
                    line.telegram_message_id,
                    kind="history",
                    ticket_id=ticket.id,
                    in_topic=True,
                )
            )
    return calls
