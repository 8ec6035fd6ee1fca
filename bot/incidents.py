"""Mass incidents (群体性投诉): a surge of similar tickets is linked, raised and reported, and
one update from staff reaches every affected requester (SPEC rule 9, 优先级动态评估)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle, surge_words
from bot.chat_locks import surge_key
from bot.danger_matter import of_incident
from bot.db import one_at_a_time
from bot.excerpt import excerpt
from bot.faults import supplies_named
from bot.incident_life import lately, live_ids
from bot.incident_reports import JOINED, Reports, alerted, member_cards, reports_of, summary_of
from bot.incident_updates import tell_joiner, tells_update
from bot.models import ACTIVE_STATUSES, Incident, Requester, Ticket
from bot.notices import Audience, Notice, address, card_refresh
from bot.outgoing import Outgoing
from bot.places import at_one_place
from bot.priority import priority_notices, set_priority
from bot.rules import Rules
from bot.same_matter import Subject, one_emergency, one_event, subject

# How many recent tickets of a category are compared with a new one, at most.
_RECENT_LIMIT = 500


# What a question is about as the knowledge base knows it: the id of the template it comes
# close to, or None (bot/intake/close.py `topic`).
Topic = Callable[[str], str | None]

# The words a ticket's matter is told by, from its question and its first inquiry's turns (or
# None): the requester's own, not a notice or a forward they passed on ("通知:本周六停水" is
# no water cut of theirs), their question only when they said nothing else
# (bot/intake/close.py `matter_words`).
MatterWords = Callable[[str, list[dict[str, Any]] | None], str]

# Whether a topic (a template id) is a matter of an area, one event whatever the addresses (a
# water cut: its template's `handling.area`), not a fault at one place.
AreaTopic = Callable[[str], bool]


@dataclass(frozen=True)
class Surge:
    """What the surge check did with a new ticket: the messages it tells (`alerts`), and the
    incident the ticket joined when that was open before it (`joined`; None: it joined none,
    or made a new one); `updated`: its requester hears the latest update (`hears_update`)."""

    alerts: list[Outgoing] = field(default_factory=list)
    joined: int | None = None
    updated: bool = False


async def detect_surge(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    now: datetime,
    topic: Topic | None = None,
    matter_words: MatterWords | None = None,
    area: AreaTopic | None = None,
    told: str = "",
) -> Surge:
    """Link `ticket` with the recent active tickets about the same matter
    (`bot.same_matter.alike`: the same knowledge-base `topic`, in either language, else words
    alike) once they are enough to be one incident (config `surge`). Only tickets of the
    categories that can be one shared event take part (`surge.categories`: a fault report
    and a complaint, not five people's own lost ID cards); within those the category decides
    nothing. Each ticket is told by `matter_words` (default: its question); without `topic`
    the words alone decide. Reports naming different things (`surge.objects`) never link,
    nor reports naming different roads or estates (`surge.places`), nor different addresses
    on one unless their topic is an area's (`area`); those linked name one place
    (`bot.places.at_one_place`); a home's own matter at no place named links with none
    (`bot.same_matter.one_event`: five requesters' "我家楼上漏水" are five households'
    leaks). The earlier tickets raised are told of (`raised_notices`).
    One transaction at a time (several processes): two similar tickets opened at the same
    instant each see the other, and make one incident, not two racing to link the same
    tickets (the second's transaction failed on them). A ticket telling a danger to people
    (`Subject.dangers`) is one matter with no outage, but at the place of an open incident
    whose matter it is of (`_incident_at`: named, or that of its requester's own ticket in
    it; `bot.danger_matter.of_incident`: someone trapped in a lift the power cut stopped,
    not a gas smell in the building without power) it joins it, its own ticket still: the
    incident's updates reach its requester too (issue 14). The window is for finding a new
    incident among separate tickets, not for joining one: while an incident is open (a ticket
    of it active) and still being reported (`bot.incident_life.live`, config `surge.quiet`),
    a report of its event at its place joins it, one report alike enough (issue 14: "Xingfuli
    still has no water" a day into the water cut), and is `joined`. Reports of one emergency
    (`bot.same_matter.one_emergency`: someone trapped in the lift of building 3, and that
    lift reported stuck) need no surge: two are one incident at once, and each is raised to
    the most urgent of the incident's priority and the danger's (a plain report of the lift
    people are trapped in is as urgent as theirs). `told`: the requester's words of where,
    told since the ticket opened (`bot.incident_places`), read with its own."""
    surge = rules.settings.surge
    if ticket.category not in surge.categories:
        return Surge()  # an errand of its own, however many ask the same: no shared event
    await one_at_a_time(session, surge_key())
    live = await live_ids(session, now, surge.quiet)
    recent = (
        await session.execute(
            # The inquiry as stored: each ticket's words are read once (bot/surge_words.py).
            select(
                Ticket.id,
                Ticket.question,
                cast(Ticket.inquiry, Text).label("stored"),
                Ticket.incident_id,
                Ticket.priority,
            )
            .where(
                # Those of an incident still being reported whenever opened: it is joined,
                # not found anew (`bot.incident_life`).
                lately(now, surge.window, live, session.get_bind().dialect.name),
                Ticket.status.in_(ACTIVE_STATUSES),
                Ticket.category.in_(surge.categories),
                Ticket.id != ticket.id,
            )
            .order_by(Ticket.id.desc())
            .limit(_RECENT_LIMIT)
        )
    ).all()

    def of_words(words: str) -> Subject:
        found = topic(words) if topic is not None else None
        wide = found is not None and area is not None and area(found)
        return subject(words, found, objects=surge.objects, area=wide, places=surge.places)

    def words(question: str, turns: list[dict[str, Any]] | None) -> str:
        return question if matter_words is None else matter_words(question, turns)

    def about(question: str, turns: list[dict[str, Any]] | None) -> Subject:
        return of_words(words(question, turns))

    said = "\n".join(filter(None, [words(ticket.question, ticket.inquiry), told]))
    mine = of_words(said)

    def of_it(question: str, turns: list[dict[str, Any]] | None) -> bool:
        """Whether the danger told is of the matter of an incident's ticket (its words)."""
        return of_incident(said, mine, words(question, turns), about(question, turns))

    danger = bool(mine.dangers)
    if danger and (joins := await _incident_at(session, live, ticket, mine, about, of_it)):
        # A danger to people is its own urgent matter, never one with an outage's tickets;
        # at the place of an open incident it joins it, so its next updates reach them too.
        _link(session, ticket, joins, now)
        raise_to_incident(session, rules, ticket, now)
        heard = await joined(session, rules, joins, ticket, now, danger=True)
        return Surge(address(rules, heard, now), joins, tells_update(heard))

    def recalled(row: Any) -> str:
        if matter_words is None:
            return str(row.question)
        return surge_words.read(matter_words, row.id, row.question, row.stored)

    subjects = {row.id: of_words(recalled(row)) for row in recent}
    incidents = {row.id: row.incident_id for row in recent}
    priorities = {row.id: str(row.priority) for row in recent}
    matches = [
        key for key, theirs in subjects.items() if one_event(mine, theirs, surge.similarity)
    ]
    # One event at one place: those linked name one place, or none of them any (a placeless
    # "停电了" joins no power cut of 幸福里: `bot.same_matter.alike`, `at_one_place`).
    where: dict[int | None, frozenset[str]] = {}
    for key, theirs in subjects.items():
        if incidents[key] is not None:
            where[incidents[key]] = where.get(incidents[key], frozenset()) | theirs.places
    places = [subjects[key].places or where.get(incidents[key], frozenset()) for key in matches]
    matches = [matches[n] for n in at_one_place(mine.places, places)]
    incident_id = next((incidents[key] for key in matches if incidents[key]), None)
    if incident_id is None and len(matches) + 1 < surge.min_tickets:
        # Too few for a surge; but reports of one emergency (someone trapped in the lift of
        # building 3, and that lift reported broken) are one incident at once, however few.
        matches = [key for key in matches if one_emergency(mine, subjects[key])]
        if not matches:
            return Surge()  # too few for a new one (an open one is joined by one alike report)
    # As urgent as the incident (config `surge.priority`), or as the danger one of its
    # reports tells: a plain report of the lift people are trapped in is that urgent.
    dangerous = [ticket.priority] if mine.dangers else []
    dangerous += [
        priorities[key]
        for key, theirs in subjects.items()
        if theirs.dangers
        and (key in matches or (incident_id is not None and incidents[key] == incident_id))
    ]
    wanted = max([surge.priority, *dangerous], key=rules.settings.priority_rank)
    new_incident = incident_id is None
    if incident_id is None:
        incident_id = await open_incident(session, ticket, now)
        similar = list(
            await session.scalars(select(Ticket).where(Ticket.id.in_(matches)).order_by(Ticket.id))
        )
    else:
        # The incident exists and its tickets are linked and raised: only this one joins.
        similar = []
    # The caller's flush writes every member changed here together with the new ticket.
    # The earlier ones whose cards now show an old priority, with their old deadlines.
    raised: list[tuple[Ticket, datetime | None]] = []
    for member in [ticket, *similar]:
        if member.incident_id is None:
            _link(session, member, incident_id, now)
        due = member.resolution_due_at
        if raise_to_incident(session, rules, member, now, wanted) and member is not ticket:
            raised.append((member, due))
    notices = await raised_notices(session, rules, raised)
    # Every card of the incident says it is of it, with how many report it (the new one's
    # card is drawn so when published).
    shown = {member.id for member, _ in raised}
    notices.extend(card_refresh(member) for member in similar if member.id not in shown)
    cards = address(rules, notices, now)
    if not new_incident:
        heard = await joined(session, rules, incident_id, ticket, now, danger=danger)
        return Surge([*cards, *address(rules, heard, now)], incident_id, tells_update(heard))
    values = {
        "incident_id": incident_id,
        "ticket_ids": sorted(t.id for t in [ticket, *similar]),
        "category": ticket.category,
        # The supply cut the reports tell, the event itself ("停水"), not one's category.
        "cut": _cut_told([said, *(words(t.question, t.inquiry) for t in similar)]),
        **(await told_of(session, rules, incident_id)),
    }
    departments = tuple(sorted({t.department_key for t in [ticket, *similar]}))
    alert = Notice("alert_surge", Audience.supervising(), values=values, departments=departments)
    return Surge([*cards, *address(rules, [alert], now)])


def _cut_told(said: list[str]) -> str | None:
    """The supply cut the most of the reports `said` name ("water", "power", "gas",
    "heating": `bot.faults.supplies_named`), the first named on a tie; None when none does."""
    named = [supply for words in said for supply in sorted(supplies_named(words))]
    return max(named, key=named.count) if named else None


def _link(session: AsyncSession, ticket: Ticket, incident_id: int, now: datetime) -> None:
    """`ticket` linked to the incident `incident_id`, recorded."""
    ticket.incident_id = incident_id
    lifecycle.record(
        session,
        ticket,
        lifecycle.LINKED,
        now=now,
        actor_id=None,
        data={"incident_id": incident_id},
    )


def raise_to_incident(
    session: AsyncSession, rules: Rules, ticket: Ticket, now: datetime, wanted: str | None = None
) -> bool:
    """`ticket`, linked to an incident, raised to the incident's priority (`wanted`; config
    `surge.priority` by default) when it is less urgent, its deadlines and reminders moved;
    whether it was. The caller tells its staff and requester (`raised_notices`)."""
    wanted = wanted or rules.settings.surge.priority
    if rules.settings.priority_rank(ticket.priority) >= rules.settings.priority_rank(wanted):
        return False
    set_priority(session, rules, ticket, wanted, now=now, actor_id=None, reason="surge")
    rules.reschedule(ticket)
    return True


async def _incident_at(
    session: AsyncSession,
    live: list[int],
    ticket: Ticket,
    mine: Subject,
    about: Callable[[str, list[dict[str, Any]] | None], Subject],
    of_it: Callable[[str, list[dict[str, Any]] | None], bool],
) -> int | None:
    """The open incident (one with an active ticket, still being reported: one of `live`,
    `bot.incident_life.live_ids`) at one of the places `ticket` tells (`mine`), the latest: the
    places its active tickets name (`about`); naming none, the one another active ticket of
    `ticket`'s requester is linked to (their place is its place); None when none is. Only
    an incident whose matter the danger is of (`of_it`, a ticket of it: someone trapped in
    the lift of a building without power), never by the place alone (a gas smell there)."""
    places = mine.places
    if not places:
        theirs = (
            await session.execute(
                select(Ticket.question, Ticket.inquiry, Ticket.incident_id)
                .where(
                    Ticket.requester_id == ticket.requester_id,
                    Ticket.incident_id.in_(live),
                    Ticket.status.in_(ACTIVE_STATUSES),
                    Ticket.id != ticket.id,
                )
                .order_by(Ticket.incident_id.desc())
            )
        ).all()
        return next((int(r.incident_id) for r in theirs if of_it(r.question, r.inquiry)), None)
    rows = (
        await session.execute(
            select(Ticket.question, Ticket.inquiry, Ticket.incident_id)
            .where(Ticket.incident_id.in_(live), Ticket.status.in_(ACTIVE_STATUSES))
            .order_by(Ticket.incident_id.desc(), Ticket.id.desc())
            .limit(_RECENT_LIMIT)
        )
    ).all()
    for row in rows:
        if about(row.question, row.inquiry).places & places and of_it(row.question, row.inquiry):
            return int(row.incident_id)
    return None


async def joined(
    session: AsyncSession,
    rules: Rules,
    incident_id: int,
    ticket: Ticket,
    now: datetime,
    *,
    every: bool = False,
    danger: bool = False,
) -> list[Notice]:
    """A ticket joining an incident already alerted: its requester hears the latest update
    at once (`tell_joiner`), the other cards are redrawn when what they show of the count
    changed (`member_cards`), and the supervisors hear the incident grew, with every ticket
    now linked (in its departments' supervisors' chats and management) at the report after
    the surge's `min_tickets`, then at the milestones of its count
    (`bot.incident_reports.alerted`: 10, 20, 50, ... reports), not at each of a water cut's
    hundreds. `every`: at each join (a member of staff linked it by hand). `danger`: the
    ticket tells a danger to people, and hears no update posted before it
    (`bot.incident_life.hears_update`)."""
    incident = await session.get(Incident, incident_id)
    if incident is None:
        return []
    told = await tell_joiner(session, rules, incident, ticket, now, danger=danger)
    reports = await reports_of(session, incident_id)  # counted once: the cards and the alert
    cards = await member_cards(session, incident_id, ticket.id, change=JOINED, counted=reports)
    notices = [*told, *cards]
    if not every and not alerted(reports.linked, rules.settings.surge.min_tickets + 1):
        return notices
    linked = list(
        await session.scalars(
            select(Ticket.id).where(
                Ticket.incident_id == incident_id, Ticket.status.in_(ACTIVE_STATUSES)
            )
        )
    )
    values = {
        "incident_id": incident_id,
        "ticket_id": ticket.id,
        "ticket_ids": sorted({*linked, ticket.id}),
        **(await told_of(session, rules, incident_id, reports)),
        "told": bool(told),  # the latest update sent to the joiner (none before any)
    }
    departments = (ticket.department_key,)
    notices.append(
        Notice(
            "alert_surge_joined", Audience.supervising(), values=values, departments=departments
        )
    )
    return notices


async def told_of(
    session: AsyncSession, rules: Rules, incident_id: int, reports: Reports | None = None
) -> dict[str, object]:
    """What the supervisors' alerts say of the incident `incident_id`: how many tickets report
    it and how many are still open (`reports` when the caller has counted them), and its
    summary in the staff's language (`bot.incident_reports`)."""
    settings = rules.settings
    summary = await summary_of(
        session, incident_id, settings.languages.default, settings.languages.supported
    )
    counted = reports if reports is not None else await reports_of(session, incident_id)
    return {**counted.values(), **summary.values()}


async def raised_notices(
    session: AsyncSession, rules: Rules, raised: list[tuple[Ticket, datetime | None]]
) -> list[Notice]:
    """What the incident's raising of earlier tickets (each with its resolution deadline
    before) tells: each one's staff of its new priority and deadline (its owner, in its topic,
    for a claimed one), its requester of the new promise when its deadline moved, in their
    language (`bot.priority.priority_notices`, as a supervisor's change does), and its card
    redrawn."""
    notices: list[Notice] = []
    for member, due in raised:
        requester = await session.get(Requester, member.requester_id)
        if requester is not None:
            moved = member.resolution_due_at != due
            notices.extend(priority_notices(rules, member, requester, promise_moved=moved))
        notices.append(card_refresh(member))
    return notices


async def open_incident(session: AsyncSession, ticket: Ticket, now: datetime) -> int:
    """A new incident of `ticket`'s matter (its category, its question's start as the
    summary), opened `now`; its number. Nothing is linked to it yet."""
    incident = Incident(
        category=ticket.category, summary=excerpt(ticket.question, 500).text, opened_at=now
    )
    session.add(incident)
    await session.flush()
    return incident.id
