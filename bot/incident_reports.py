"""What a mass incident is said to be wherever staff read of it (SPEC rule 9, issue 14): how
many tickets report it and how many of those are still open, one count for its cards, its
alerts, its escalations and the link confirmations (a fresh tester's card said "共 6 件报告"
counting the settled ones while the supervisors' alert said 5, the open ones); and its
summary in the reader's language (a tester's Chinese supervisors' chat read "概要:No power
in Xingfuli building 3": the words of the report that happened to open it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
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


def counted(statuses: Iterable[TicketStatus]) -> Reports:
    """The `Reports` of an incident whose tickets have `statuses` (pure)."""
    listed = list(statuses)
    return Reports(len(listed), sum(status in ACTIVE_STATUSES for status in listed))


async def reports_of(session: AsyncSession, incident_id: int | None) -> Reports:
    """The `Reports` of the incident `incident_id` as it is now; none for None."""
    if incident_id is None:
        return NO_REPORTS
    statuses = await session.scalars(
        select(Ticket.status).where(Ticket.incident_id == incident_id)
    )
    return counted(statuses)


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


async def member_cards(session: AsyncSession, incident_id: int | None, but: int) -> list[Notice]:
    """The cards of the incident's open tickets but ticket `but` redrawn (none for None):
    each says how many tickets report it and how many are still open, which changed when
    one joined, left, was settled or reopened."""
    if incident_id is None:
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
