"""A supervisor edits a mass incident's update after it reached the requesters (issue 14): the
requesters' copies cannot be edited (each is the bot's own message, worded for them), so, as a
clerk would, the desk sends the words as they now read to the same requesters, once, marked as
a correction, in their language where given (`update_correction`), files it on each ticket, and
keeps it as the incident's latest update when it was, for those who join later; a claimed
ticket's owner reads it in its topic, marked too. Telegram sends an edit again when only what
nobody reads changed: a requester whose words did not change hears nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.conversation import file_staff_message
from bot.guards import clean_text
from bot.incident_updates import (
    INCIDENT_COPY,
    in_languages,
    require_fits,
    source_of_latest,
    texts_of,
)
from bot.kinds import INCIDENT_UPDATE
from bot.models import ACTIVE_STATUSES, Incident, Requester, Ticket, TicketMessage
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.store import save
from bot.ticket_language import notice_language
from bot.transaction import Transaction

UPDATE_CORRECTION = "update_correction"


@dataclass
class Corrected:
    """What an edited update did: `incident_id`; `ticket_ids`, the tickets whose requesters
    got the correction, in order (none when their words did not change)."""

    incident_id: int
    ticket_ids: list[int]


async def is_update(*, session: AsyncSession, chat_id: int, message_id: int) -> bool:
    """Whether the message `message_id` in `chat_id` was posted as an incident's update."""
    found = await session.scalar(
        select(TicketMessage.id)
        .where(
            TicketMessage.telegram_chat_id == chat_id,
            TicketMessage.telegram_message_id == message_id,
            TicketMessage.content_type == INCIDENT_UPDATE,
        )
        .limit(1)
    )
    return found is not None


async def correct_and_tell(
    *, tx: Transaction, rules: Rules, officer_id: int, chat_id: int, message_id: int, text: str
) -> Corrected | None:
    """The update `officer_id` posted as their message `message_id` in `chat_id` (an
    /incident N, or a reply to the bot's question for one) now reads `text` (without the
    command): each requester it reached whose ticket is still in progress gets their part of
    it as a correction, once (not when it reads as what they last got from that message).
    None when that message was no incident update of theirs (or its words are gone: nothing
    to correct with)."""
    rows = list(
        await tx.session.scalars(
            select(TicketMessage)
            .where(
                TicketMessage.telegram_chat_id == chat_id,
                TicketMessage.telegram_message_id == message_id,
                TicketMessage.content_type == INCIDENT_UPDATE,
                TicketMessage.author_id == officer_id,
            )
            .order_by(TicketMessage.id)
        )
    )
    if not rows:
        return None
    latest = {row.ticket_id: row.text for row in rows}  # what each last got from it
    first = await tx.session.get(Ticket, rows[0].ticket_id)
    incident_id = first.incident_id if first is not None else None
    incident = None if incident_id is None else await tx.session.get(Incident, incident_id)
    languages = rules.settings.languages.supported
    if incident is None or not in_languages(text, languages):
        return None
    cleaned = clean_text(text, "an incident update")
    texts = texts_of(cleaned, languages)
    require_fits(texts)  # none of it would reach them: its writer hears so (InvalidInput)
    if await source_of_latest(tx.session, incident.id) == (chat_id, message_id):
        incident.latest_update = cleaned  # those who join later get it as it now reads
    corrected = Corrected(incident.id, [])
    notices = []
    for ticket_id, had in latest.items():
        ticket = await tx.session.get(Ticket, ticket_id)
        if ticket is None or ticket.status not in ACTIVE_STATUSES:
            continue
        requester = await tx.session.get(Requester, ticket.requester_id)
        if requester is None:
            continue
        speaks = notice_language(ticket, requester)  # the ticket's (bot/ticket_language.py)
        language = speaks if speaks in texts else next(iter(texts))
        theirs = texts[language]
        if theirs == had:
            continue  # an edit that changed nothing they read
        file_staff_message(
            tx.session,
            rules,
            ticket,
            officer_id=officer_id,
            text=theirs,
            now=tx.now,
            internal=False,
            content_type=INCIDENT_UPDATE,
            chat_id=chat_id,
            message_id=message_id,
        )
        await save(tx.session, rules, ticket)
        values = {
            "text": theirs,
            "incident_id": incident.id,
            "written_in": None if language == speaks else language,
        }
        notices.append(
            Notice(
                UPDATE_CORRECTION,
                (Audience.REQUESTER,),
                ticket,
                values,
                requester=requester,
                own_word=True,
            )
        )
        if ticket.owner_id is not None:  # its owner reads it in the ticket's topic too
            poster = rules.staff.get(officer_id)
            copy = {"text": theirs, "incident_id": incident.id, "corrected": True}
            copy["poster"] = poster.name if poster is not None else None
            notices.append(Notice(INCIDENT_COPY, (Audience.TICKET_STAFF,), ticket, copy))
        corrected.ticket_ids.append(ticket.id)
    await publish(tx, rules, notices)
    return corrected
