"""Supervision figures for a period, per officer and per department (监督考核)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from bot.lifecycle import Action
from bot.models import (
    Direction,
    Handoff,
    LedgerEntry,
    ProgressNotice,
    Rating,
    Ticket,
    TicketEvent,
    TicketMessage,
    TicketStatus,
)

CONFIRMED = str(Action.CONFIRM)  # the event of a confirmation, a remark in its data if said


@dataclass
class Figures:
    """One row of the assessment: an officer's or a department's service in the period."""

    tickets: int = 0
    claimed: int = 0
    claimed_in_time: int = 0
    # Nobody claimed it by its claim deadline, and nobody has yet (or it closed unclaimed):
    # a claim missed, as the breach ledger says, before anyone claims it late.
    unclaimed_overdue: int = 0
    resolved: int = 0
    resolved_in_time: int = 0
    overdue_open: int = 0
    reopened: int = 0
    # Tickets resolved at least once: resolved now, or reopened (a reopening clears resolved_at).
    ever_resolved: int = 0
    transfers: int = 0
    notices: int = 0
    notices_on_time: int = 0
    ratings: list[int] = field(default_factory=list)
    # Confirmed solved with a remark on the service ("修好了,不过师傅把地弄脏了", bot/closure.py):
    # the requester's word on how it was done, beside the ratings.
    remarks: int = 0
    breaches: int = 0
    first_response_s: list[float] = field(default_factory=list)
    resolution_s: list[float] = field(default_factory=list)

    @property
    def claimed_in_time_share(self) -> float | None:
        """Claimed by the deadline, over the tickets claimed and those still unclaimed past
        it (each a claim missed already)."""
        judged = self.claimed + self.unclaimed_overdue
        return self.claimed_in_time / judged if judged else None

    @property
    def median_first_response_s(self) -> float | None:
        return statistics.median(self.first_response_s) if self.first_response_s else None

    @property
    def median_resolution_s(self) -> float | None:
        return statistics.median(self.resolution_s) if self.resolution_s else None

    @property
    def sla_compliance(self) -> float | None:
        """Resolved in time, over everything that was resolved or is already overdue."""
        judged = self.resolved + self.overdue_open
        return self.resolved_in_time / judged if judged else None

    @property
    def notices_on_time_share(self) -> float | None:
        return self.notices_on_time / self.notices if self.notices else None

    @property
    def reopen_rate(self) -> float | None:
        """Tickets reopened, over tickets ever resolved (0-1): a reopened ticket not yet
        resolved again counts in both, so the rate never passes 1."""
        return self.reopened / self.ever_resolved if self.ever_resolved else None

    @property
    def average_rating(self) -> float | None:
        return statistics.fmean(self.ratings) if self.ratings else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "tickets": self.tickets,
            "claimed_in_time_share": self.claimed_in_time_share,
            "median_first_response_s": self.median_first_response_s,
            "median_resolution_s": self.median_resolution_s,
            "sla_compliance": self.sla_compliance,
            "notices": self.notices,
            "notices_on_time_share": self.notices_on_time_share,
            "transfers": self.transfers,
            "reopen_rate": self.reopen_rate,
            "average_rating": self.average_rating,
            "remarks": self.remarks,
            "breaches": self.breaches,
        }


@dataclass
class Report:
    start: datetime
    end: datetime
    by_officer: dict[int, Figures]
    by_department: dict[str, Figures]


async def supervision_figures(
    *, session: AsyncSession, start: datetime, end: datetime, now: datetime
) -> Report:
    """Figures for tickets opened in [start, end), and breaches recorded in it."""
    by_officer: dict[int, Figures] = defaultdict(Figures)
    by_department: dict[str, Figures] = defaultdict(Figures)
    tickets = list(
        await session.scalars(
            select(Ticket).where(Ticket.opened_at >= start, Ticket.opened_at < end)
        )
    )
    ids = [t.id for t in tickets]
    transfers = await _count_by_ticket(session, Handoff.ticket_id, ids)
    notices: dict[int, list[bool]] = defaultdict(list)
    ratings: dict[int, list[int]] = defaultdict(list)
    # The first public word to each ticket's requester: an /incident update before anyone
    # claimed it is the ticket's first response (bot/conversation.py `file_staff_message`).
    first_word: dict[int, datetime] = {}
    remarks: dict[int, int] = defaultdict(int)
    for chunk in _chunks(ids):
        first_word.update(
            (ticket_id, at)
            for ticket_id, at in await session.execute(
                select(TicketMessage.ticket_id, func.min(TicketMessage.created_at))
                .where(
                    TicketMessage.ticket_id.in_(chunk),
                    TicketMessage.direction == Direction.OUT,
                )
                .group_by(TicketMessage.ticket_id)
            )
        )
        for ticket_id, on_time in (
            await session.execute(
                select(ProgressNotice.ticket_id, ProgressNotice.on_time).where(
                    ProgressNotice.ticket_id.in_(chunk)
                )
            )
        ).all():
            notices[ticket_id].append(on_time)
        for ticket_id, score in (
            await session.execute(
                select(Rating.ticket_id, Rating.score).where(Rating.ticket_id.in_(chunk))
            )
        ).all():
            ratings[ticket_id].append(score)
        for ticket_id, data in (
            await session.execute(
                select(TicketEvent.ticket_id, TicketEvent.data).where(
                    TicketEvent.ticket_id.in_(chunk), TicketEvent.kind == CONFIRMED
                )
            )
        ).all():
            remarks[ticket_id] += "remark" in data  # kept, erased by retention, counted

    for ticket in tickets:
        # The department answered the requester first by its claim or by a word to them
        # before it (an incident's update); the owner by their claim: an update someone
        # posted to all of an incident's requesters is no word of theirs.
        answered = [at for at in (ticket.claimed_at, first_word.get(ticket.id)) if at is not None]
        rows = [(by_department[ticket.department_key], min(answered, default=None))]
        if ticket.owner_id is not None:
            rows.append((by_officer[ticket.owner_id], ticket.claimed_at))
        for row, responded_at in rows:
            _add_ticket(
                row, ticket, now, transfers.get(ticket.id, 0), notices[ticket.id], responded_at
            )
            row.ratings.extend(ratings[ticket.id])
            row.remarks += remarks[ticket.id]

    for officer_id, department_key in (
        await session.execute(
            select(LedgerEntry.officer_id, LedgerEntry.department_key).where(
                LedgerEntry.at >= start, LedgerEntry.at < end
            )
        )
    ).all():
        by_department[department_key].breaches += 1
        if officer_id is not None:
            by_officer[officer_id].breaches += 1
    return Report(start, end, dict(by_officer), dict(by_department))


def _add_ticket(
    row: Figures,
    ticket: Ticket,
    now: datetime,
    transfers: int,
    notices: list[bool],
    responded_at: datetime | None,
) -> None:
    """`ticket` counted in `row`; `responded_at`: when the row's first response to its
    requester was (None: none yet)."""
    row.tickets += 1
    if ticket.claimed_at is not None:
        row.claimed += 1
        row.claimed_in_time += ticket.claimed_at <= ticket.first_response_due_at
    else:
        until = ticket.closed_at or now  # closed unclaimed (withdrawn): as it stood then
        row.unclaimed_overdue += until > ticket.first_response_due_at
    if responded_at is not None:
        row.first_response_s.append((responded_at - ticket.opened_at).total_seconds())
    finished_at = ticket.resolved_at  # kept after closing; cleared by a reopening
    if finished_at is not None:
        row.resolved += 1
        row.resolved_in_time += finished_at <= ticket.resolution_due_at
        row.resolution_s.append((finished_at - ticket.opened_at).total_seconds())
    elif ticket.status is not TicketStatus.CLOSED and now > ticket.resolution_due_at:
        row.overdue_open += 1
    row.reopened += ticket.reopen_count > 0
    row.ever_resolved += finished_at is not None or ticket.reopen_count > 0
    row.transfers += transfers
    row.notices += len(notices)
    row.notices_on_time += sum(notices)


async def _count_by_ticket(
    session: AsyncSession, column: InstrumentedAttribute[int], ids: list[int]
) -> dict[int, int]:
    counts: dict[int, int] = {}
    for chunk in _chunks(ids):
        rows = await session.execute(
            select(column, func.count()).where(column.in_(chunk)).group_by(column)
        )
        counts.update({ticket_id: n for ticket_id, n in rows.all()})
    return counts


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
