"""Staff link a ticket to a mass incident by hand, or take it out (SPEC rule 9, issue 14): the
surge check (bot/incidents.py) misses a report now and then (other words, no place named), and
its staff, who know it is the same event, join it to the incident of another ticket
(`/link N`), made for that ticket when it has none. The ticket then hears the incident's
updates as the others do, and takes its priority; `/unlink` takes it out again, and gives it
back what was its own: its priority before the incident raised it (the deadlines it was told
stay: never made later) and its own latest word from staff, not the incident's update
(`_own_again`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle
from bot.chat_locks import surge_key
from bot.db import one_at_a_time
from bot.errors import InvalidInput, NotAllowed
from bot.guards import may_speak_for
from bot.incident_reports import NO_REPORTS, Reports, member_cards, reports_of
from bot.incidents import joined, open_incident, raise_to_incident, raised_notices
from bot.kinds import INCIDENT_UPDATE
from bot.models import (
    ACTIVE_STATUSES,
    Direction,
    Requester,
    Ticket,
    TicketEvent,
    TicketMessage,
)
from bot.notices import Audience, Notice, card_refresh, publish
from bot.rules import Rules
from bot.store import get, save
from bot.transaction import Transaction


@dataclass(frozen=True)
class Linked:
    """A ticket linked: the `incident_id`, the active tickets now in it (`ticket_ids`),
    whether the link made the incident (`new`), and how many tickets report it and how many
    are still open (`reports`: as its cards and alerts say)."""

    incident_id: int
    ticket_ids: list[int]
    new: bool
    reports: Reports = NO_REPORTS


def _record(
    session: AsyncSession, ticket: Ticket, incident_id: int | None, now: datetime, actor_id: int
) -> None:
    """`ticket` linked to `incident_id` (None: taken out of its incident), recorded with who
    did it (the ticket's log replays the incident it is in: bot/lifecycle.py)."""
    before = ticket.incident_id
    ticket.incident_id = incident_id
    data = {"incident_id": incident_id, "by_staff": True}
    if incident_id is None:
        data["left"] = before
    lifecycle.record(session, ticket, lifecycle.LINKED, now=now, actor_id=actor_id, data=data)


def _require_active(ticket: Ticket) -> None:
    if ticket.status not in ACTIVE_STATUSES:
        raise InvalidInput(
            f"ticket {ticket.id} is {ticket.status}: not linked",
            "link_settled",
            ticket_id=ticket.id,
        )


async def link(
    *, tx: Transaction, rules: Rules, ticket_id: int, to_ticket_id: int, officer_id: int
) -> Linked:
    """Join ticket `ticket_id` to the incident of ticket `to_ticket_id` (made, with that
    ticket in it, when it has none; a ticket in another incident moves). Both are raised to
    the incident's priority (config `surge.priority`) where less urgent, their staff and
    requesters told as a surge's raising tells them; the joining ticket's requester hears
    the incident's latest update, and the supervisors that it grew (`bot.incidents.joined`).

    Raises InvalidInput for a ticket linked to itself (`link_itself`), one resolved or closed
    (`link_settled`) or already in that incident (`already_linked`); NotFound for a number
    no ticket has; NotAllowed unless `officer_id` may speak for both (bot/guards.py)."""
    session, now = tx.session, tx.now
    await one_at_a_time(session, surge_key())  # not while a surge check links them
    if ticket_id == to_ticket_id:
        raise InvalidInput("a ticket linked to itself", "link_itself", ticket_id=ticket_id)
    ticket = await get(session=session, ticket_id=ticket_id, lock=True)
    other = await get(session=session, ticket_id=to_ticket_id, lock=True)
    for one in (ticket, other):
        _require_active(one)
        if not may_speak_for(rules, one, officer_id):
            raise NotAllowed(f"user {officer_id} may not link ticket {one.id}")
    if other.incident_id is not None and ticket.incident_id == other.incident_id:
        raise InvalidInput(
            f"ticket {ticket.id} is in incident {other.incident_id} already",
            "already_linked",
            ticket_id=ticket.id,
            incident_id=other.incident_id,
        )
    members = [ticket]
    incident_id = other.incident_id
    made = incident_id is None
    if incident_id is None:
        incident_id = await open_incident(session, other, now)
        _record(session, other, incident_id, now, officer_id)
        members.append(other)
    _record(session, ticket, incident_id, now, officer_id)
    raised: list[tuple[Ticket, datetime | None]] = []
    for member in members:
        due = member.resolution_due_at
        if raise_to_incident(session, rules, member, now):
            raised.append((member, due))
        await save(session, rules, member)
    notices = await raised_notices(session, rules, raised)
    notices.append(card_refresh(ticket))
    notices.extend(await joined(session, rules, incident_id, ticket, now, every=True))
    await publish(tx, rules, notices)
    linked = await session.scalars(
        select(Ticket.id).where(
            Ticket.incident_id == incident_id, Ticket.status.in_(ACTIVE_STATUSES)
        )
    )
    reports = await reports_of(session, incident_id)
    return Linked(incident_id, sorted(linked), new=made, reports=reports)


async def unlink(*, tx: Transaction, rules: Rules, ticket_id: int, officer_id: int) -> int:
    """Take ticket `ticket_id` out of its incident; the incident's number. It gets back its
    own priority, deadlines and latest word from staff (`_own_again`).
    Raises InvalidInput for a ticket in no incident (`not_linked`), NotFound for a number no
    ticket has, NotAllowed unless `officer_id` may speak for it (bot/guards.py)."""
    session = tx.session
    await one_at_a_time(session, surge_key())
    ticket = await get(session=session, ticket_id=ticket_id, lock=True)
    if not may_speak_for(rules, ticket, officer_id):
        raise NotAllowed(f"user {officer_id} may not unlink ticket {ticket.id}")
    incident_id = ticket.incident_id
    if incident_id is None:
        raise InvalidInput(
            f"ticket {ticket.id} is in no incident", "not_linked", ticket_id=ticket.id
        )
    _record(session, ticket, None, tx.now, officer_id)
    await _own_again(session, rules, ticket, tx.now, officer_id)
    await save(session, rules, ticket)
    # Its card no longer of the incident, the others' with one report fewer.
    others = await member_cards(session, incident_id, ticket.id)
    await publish(
        tx, rules, [card_refresh(ticket), *others, *await _told_apart(session, rules, ticket)]
    )
    return incident_id


async def _own_again(
    session: AsyncSession, rules: Rules, ticket: Ticket, now: datetime, officer_id: int
) -> None:
    """`ticket`, out of its incident, given back what was its own: the priority it had but
    for the incident's raising (`_own_priority`), its deadlines as a change of priority leaves
    them (`Rules.change_deadlines`: the requester was told the incident's, and a promise told
    is never made later), and as its latest update its staff's own latest public word, not
    the incident's update it heard (none when its staff never wrote)."""
    own = await _own_priority(session, ticket)
    if own != ticket.priority:
        ticket.priority = own
        rules.change_deadlines(ticket, now)
        data = {"priority": own, "reason": "unlinked"}
        kind = lifecycle.PRIORITY_CHANGED
        lifecycle.record(session, ticket, kind, now=now, actor_id=officer_id, data=data)
        rules.reschedule(ticket)
    latest = (
        await session.execute(
            select(TicketMessage.text, TicketMessage.created_at)
            .where(
                TicketMessage.ticket_id == ticket.id,
                TicketMessage.direction == Direction.OUT,
                TicketMessage.content_type != INCIDENT_UPDATE,
                TicketMessage.text != "",
            )
            .order_by(TicketMessage.id.desc())
            .limit(1)
        )
    ).first()
    ticket.latest_update = latest.text.strip() if latest is not None else None
    ticket.latest_update_at = latest.created_at if latest is not None else None


async def _own_priority(session: AsyncSession, ticket: Ticket) -> str:
    """The priority `ticket` would have but for incidents' raising: the one it opened with,
    then each change not an incident's (`surge`: a danger heard, a supervisor's /priority)."""
    events = await session.scalars(
        select(TicketEvent)
        .where(
            TicketEvent.ticket_id == ticket.id,
            TicketEvent.kind.in_([lifecycle.OPENED, lifecycle.PRIORITY_CHANGED]),
        )
        .order_by(TicketEvent.seq)
    )
    own = ticket.priority
    for event in events:
        if event.kind == lifecycle.OPENED:
            own = event.data.get("priority", own)
        elif event.data.get("reason") != "surge":
            own = event.data["priority"]
    return str(own)


async def _told_apart(session: AsyncSession, rules: Rules, ticket: Ticket) -> list[Notice]:
    """A ticket taken out of its incident whose requester got an update of it: they are
    told, briefly, that its updates were not about their matter, which stays open with its
    owner (a tester's street light heard the power cut's update and nothing after)."""
    heard = await session.scalar(
        select(TicketMessage.id)
        .where(TicketMessage.ticket_id == ticket.id, TicketMessage.content_type == INCIDENT_UPDATE)
        .limit(1)
    )
    requester = await session.get(Requester, ticket.requester_id)
    if heard is None or requester is None:
        return []
    values = {"ticket_id": ticket.id, "owner": rules.staff.shown_as(ticket.owner_id)}
    return [
        Notice(
            "incident_left",
            (Audience.REQUESTER,),
            ticket,
            values,
            requester=requester,
            own_word=True,
        )
    ]
