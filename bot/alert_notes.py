"""What a supervisor's reply to one of the bot's messages in the supervisors' chat is about
(handlers/alert_replies.py): an alert about a ticket (an escalation, a keyword's alert) is
about that ticket; a mass incident's alert (a surge, a ticket joining it) is about every
ticket of the incident still being worked on (issue 14: a supervisor's "已联系供电公司调度,
抢修车已出发" under "🚨 群体性事件 #1" was answered "not tied to a ticket" and kept nowhere).
Their words are their internal note on each (bot/speaking.py `note_and_tell`). Alerts reach
supervisors in their private chats with the bot too: a reply there to one is the same note
(`alert_in_private`), not a citizen's question."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import speaking, tickets
from bot.models import ACTIVE_STATUSES, Requester, StaffLink, Ticket
from bot.rules import Rules
from bot.transaction import Transaction

# The alerts that stand for a mass incident (bot/incidents.py): linked to its first ticket.
SURGE_ALERTS = frozenset({"alert_surge", "alert_surge_joined"})


@dataclass(frozen=True)
class AlertNote:
    """Where a reply to an alert was kept: `ticket_ids`, the tickets it is a note on (one,
    for an alert about a ticket); `incident_id`, the incident the alert was about (None:
    a ticket's alert); `owner_id`, the one ticket's owner (None: nobody, or an incident)."""

    ticket_ids: list[int]
    incident_id: int | None = None
    owner_id: int | None = None


async def note_on_alert(
    *,
    tx: Transaction,
    rules: Rules,
    officer_id: int,
    text: str,
    chat_id: int,
    replied_to: int,
    message_id: int,
    content_type: str = "text",
) -> AlertNote | None:
    """`officer_id`'s words (the message `message_id` in `chat_id`, replying to the bot's
    message `replied_to` there) kept as their note on what that message stands for (see the
    module); None when it stands for no ticket. Raises as `note_and_tell` does."""
    ticket = await tickets.get_by_message(
        session=tx.session, chat_id=chat_id, message_id=replied_to
    )
    if ticket is None:
        return None
    link = await tx.session.get(StaffLink, (chat_id, replied_to))
    incident_id = ticket.incident_id
    about = [ticket]
    if link is not None and link.kind in SURGE_ALERTS and incident_id is not None:
        linked = await tx.session.scalars(
            select(Ticket)
            .where(Ticket.incident_id == incident_id, Ticket.status.in_(ACTIVE_STATUSES))
            .order_by(Ticket.id)
        )
        about = list(linked) or [ticket]
    else:
        incident_id = None
    for each in about:
        await speaking.note_and_tell(
            tx=tx,
            rules=rules,
            ticket=each,
            officer_id=officer_id,
            text=text,
            chat_id=chat_id,
            message_id=message_id,
            content_type=content_type,
        )
    owner = ticket.owner_id if incident_id is None else None
    return AlertNote([t.id for t in about], incident_id, owner)


async def alert_in_private(*, session: AsyncSession, chat_id: int, message_id: int) -> bool:
    """Whether the bot's message `message_id` in the private chat `chat_id` stands for a
    ticket of someone else's (an alert to a supervisor, linked as it is sent), so that a reply
    to it is a note on that ticket (`note_on_alert`); False for what the bot told the chat's
    own person about their tickets as a requester, and for anything linked to no ticket."""
    link = await session.get(StaffLink, (chat_id, message_id))
    if link is None:
        return False
    ticket = await session.get(Ticket, link.ticket_id)
    if ticket is None:
        return False
    requester = await session.get(Requester, ticket.requester_id)
    return requester is not None and requester.chat_id != chat_id
