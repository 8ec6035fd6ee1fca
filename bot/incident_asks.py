"""The update button under a mass incident's alert (issue 14, SPEC rule 9: one update reaches
every affected requester): the alert told supervisors to type /incident N, and the core's
update (bot/incident_updates.py) had no other front. A supervisor presses "post an update";
the bot asks for the words in a message of its own (linked to the incident's first active
ticket, of the kind `INCIDENT_ASK`); their reply to it is the update, posted as /incident N
posts one (`bot.incident_updates.update_and_tell`: each requester once, in their language).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import NotAllowed, NotFound
from bot.guards import may_speak_for
from bot.models import ACTIVE_STATUSES, Incident, StaffLink, Ticket
from bot.rules import Rules

# The bot's message asking for an incident's update: a reply to it is the update.
INCIDENT_ASK = "incident_update_ask"


async def ask_update(
    *, session: AsyncSession, rules: Rules, incident_id: int, officer_id: int
) -> list[int]:
    """The active tickets of incident `incident_id` an update would reach (ids, in order),
    for the question asking `officer_id` for it. Raises as an update would: NotFound when
    there is no such incident (`no_such_incident`) or it has no active ticket
    (`no_incident`), NotAllowed unless they may speak for one of them (bot/guards.py)."""
    if await session.get(Incident, incident_id) is None:
        raise NotFound(f"no incident {incident_id}", "no_such_incident", incident_id=incident_id)
    tickets = list(
        await session.scalars(
            select(Ticket)
            .where(Ticket.incident_id == incident_id, Ticket.status.in_(ACTIVE_STATUSES))
            .order_by(Ticket.id)
        )
    )
    if not tickets:
        raise NotFound(
            f"incident {incident_id} has no active ticket", "no_incident", incident_id=incident_id
        )
    if not any(may_speak_for(rules, ticket, officer_id) for ticket in tickets):
        raise NotAllowed(f"user {officer_id} may not write on incident {incident_id}")
    return [ticket.id for ticket in tickets]


async def asked_for(*, session: AsyncSession, chat_id: int, message_id: int) -> int | None:
    """The incident whose update the bot's message `message_id` in `chat_id` asked for
    (`INCIDENT_ASK`); None for any other message."""
    link = await session.get(StaffLink, (chat_id, message_id))
    if link is None or link.kind != INCIDENT_ASK:
        return None
    ticket = await session.get(Ticket, link.ticket_id)
    return None if ticket is None else ticket.incident_id
