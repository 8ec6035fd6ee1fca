"""What a mass incident is said to be wherever staff read of it (SPEC rule 9, issue 14): how
many tickets report it and how many of those are still open, one count for its cards, its
alerts, its escalations and the link confirmations (a fresh tester's card said "共 6 件报告"
counting the settled ones while the supervisors' alert said 5, the open ones); and its
summary in the reader's language (a tester's Chinese supervisors' chat read "概要:No power
in Xingfuli building 3": the words of the report that happened to open it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.excerpt import excerpt, one_line
from bot.lifecycle import LINKED
from bot.models import ACTIVE_STATUSES, Incident, Ticket, TicketEvent, TicketStatus
from bot.notices import Notice, card_refresh
from bot.written import written_in


@dataclass(frozen=True)
class Reports:
    """How many tickets report an incident: `linked`, all of them, settled or not; `open`,
    those still in progress (not yet resolved or closed: `ACTIVE_STATUSES`)."""

    linked: int
    open: int

    def values(self) -> dict[str, int]:
        """The wording's values (the `reports` macro of the templates' incident.j2)."""
        return {"incident_reports": self.linked, "incident_open": self.open}


NO_REPORTS = Reports(0, 0)  # a ticket of no incident
JOINED = Reports(1, 1)  # what one more open ticket in an incident changes of its count

# A mass incident's cards show its count exactly up to EXACT_UP_TO reports; beyond, the last
# of MILESTONES it reached ("200+ reports"); its supervisors, told of it when it was found,
# hear it grew at the next report, then at MILESTONES only (a new-user trial's 20 reports
# were 15 "grew" alerts; an earlier tester's supervisors never heard it grew at all).
# Exact counts on every card cost a redraw of every open card per report (a water cut's 500
# reports: 125,000 edits in its staff group, which Telegram lets a bot send 20 a minute) and
# an alert per report to every supervising chat: the bot's CPU per report grew with the
# incident (benchmarks/surge.py), and the chats flooded just when they were needed most.
EXACT_UP_TO = 20
MILESTONES = (10, *(m * 10**e for e in range(1, 7) for m in (2, 5, 10)))  # 10, 20, 50, ...


def milestone(linked: int) -> int:
    """The largest of MILESTONES not above `linked` (0: below them all)."""
    return max((m for m in MILESTONES if m <= linked), default=0)


def on_card(reports: Reports) -> dict[str, object]:
    """The values of the count a ticket's card shows of its incident (the `reports` macro of
    the templates' incident.j2): exact up to EXACT_UP_TO reports; beyond, the last milestone
    reached, said as "at least" (`incident_at_least`), and no open count (pure)."""
    if reports.linked <= EXACT_UP_TO:
        return {**reports.values(), "incident_at_least": False}
    return {
        "incident_reports": milestone(reports.linked),
        "incident_open": None,
        "incident_at_least": True,
    }


def alerted(linked: int, first: int) -> bool:
    """Whether an incident that has just grown to `linked` reports is told to its supervisors
    again: at `first` (the first report after the one that found it: it is still growing),
    then at MILESTONES (10, 20, 50, ...; pure)."""
    return linked == first or linked in MILESTONES


def counted(statuses: Iterable[TicketStatus]) -> Reports:
    """The `Reports` of an incident whose tickets have `statuses` (pure)."""
    listed = list(statuses)
    return Reports(len(listed), sum(status in ACTIVE_STATUSES for status in listed))


async def reports_of(session: AsyncSession, incident_id: int | None) -> Reports:
    """The `Reports` of the incident `incident_id` as it is now; none for None."""
    if incident_id is None:
        return NO_REPORTS
    # Counted by the database: an incident may have thousands of reports.
    row = (
        await session.execute(
            select(
                func.count(Ticket.id),
                func.count(Ticket.id).filter(Ticket.status.in_(ACTIVE_STATUSES)),
            ).where(Ticket.incident_id == incident_id)
        )
    ).one()
    return Reports(int(row[0]), int(row[1]))


@dataclass(frozen=True)
class Summary:
    """An incident's summary for a reader: `text`, a report's words; `written_in`, the language
    they are in when it is not the reader's (the wording names it), else None."""

    text: str
    written_in: str | None = None

    def values(self) -> dict[str, str | None]:
        return {"summary": self.text, "summary_in": self.written_in}


def summary_for(
    opener: str, reports: Iterable[str], language: str, languages: list[str]
) -> Summary:
    """What a reader of `language` reads as an incident's summary (pure): the first of its
    `reports` (the requesters' words, the earliest first) written in their language
    (`bot.written.written_in`); none is: the words of the report that opened it (`opener`),
    with the language they are in, so that the reader is told whose words they are, never
    handed another language's words as the desk's own summary. On one line, shortened."""
    for words in reports:
        if written_in(words, languages) == language:
            return Summary(_line(words))
    said = written_in(opener, languages)
    return Summary(_line(opener), said if said is not None and said != language else None)


def _line(words: str) -> str:
    """A report's words as a line of an alert (at most 500 units)."""
    return excerpt(one_line(words), 500).text


async def summary_of(
    session: AsyncSession, incident_id: int, language: str, languages: list[str]
) -> Summary:
    """`summary_for` the incident `incident_id`: its reports those of its tickets still open
    that the surge check found alike, the earliest first; not one staff joined by hand
    (`/link`), whose words may tell another matter (a street light linked to a power cut
    by mistake became the alert's summary): the summary stays the incident's first matter."""
    incident = await session.get(Incident, incident_id)
    rows = (
        await session.execute(
            select(Ticket.id, Ticket.question)
            .where(Ticket.incident_id == incident_id, Ticket.status.in_(ACTIVE_STATUSES))
            .order_by(Ticket.id)
        )
    ).all()
    by_hand = await _linked_by_staff(session, incident_id)
    questions = [row.question for row in rows if row.id not in by_hand]
    opener = incident.summary if incident is not None else (questions[0] if questions else "")
    return summary_for(opener, questions, language, languages)


async def _linked_by_staff(session: AsyncSession, incident_id: int) -> set[int]:
    """The tickets whose latest joining of the incident `incident_id` was a staff member's
    (`/link`: an actor recorded), not the surge check's."""
    events = await session.execute(
        select(TicketEvent.ticket_id, TicketEvent.actor_id, TicketEvent.data)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(Ticket.incident_id == incident_id, TicketEvent.kind == LINKED)
        .order_by(TicketEvent.id)
    )
    latest: dict[int, int | None] = {}
    for event in events:
        if (event.data or {}).get("incident_id") == incident_id:
            latest[event.ticket_id] = event.actor_id
    return {ticket_id for ticket_id, actor in latest.items() if actor is not None}


async def member_cards(
    session: AsyncSession,
    incident_id: int | None,
    but: int,
    change: Reports | None = None,
    counted: Reports | None = None,
) -> list[Notice]:
    """The cards of the incident's open tickets but ticket `but` redrawn (none for None):
    each says how many tickets report it and how many are still open, which changed when
    one joined, left, was settled or reopened. `change`: what the caller's change did to the
    incident's `Reports` (a report joined: JOINED); the cards are redrawn only when what they
    show changed (`on_card`: a 300-report incident's cards not at each new report). None:
    always. `counted`: its `Reports` after the change, when the caller has counted them."""
    if incident_id is None:
        return []
    if change is not None:
        now = counted if counted is not None else await reports_of(session, incident_id)
        before = Reports(now.linked - change.linked, now.open - change.open)
        if on_card(before) == on_card(now):
            return []
    members = await session.scalars(
        select(Ticket)
        .where(
            Ticket.incident_id == incident_id,
            Ticket.status.in_(ACTIVE_STATUSES),
            Ticket.id != but,
        )
        .order_by(Ticket.id)
    )
    return [card_refresh(member) for member in members]
