"""Where the service leaks (the seed's rule 12, 移交延迟 and 责任推诿), and the ledger's breaches.

Each leak is a pure function over rows (handoff forms, a ticket's event log, ledger entries)
and a query that reads those rows for a period; `bot/reports/full.py` puts them together.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.lifecycle import Action
from bot.models import Handoff, HandoffStatus, LedgerEntry, TicketEvent


@dataclass
class PairDelays:
    """The handoffs from one department to another: how long the receiving side took to
    accept or return (seconds), how long those still pending have waited so far (seconds, at
    the report's `now`), the returns with their reasons, and those past deadline."""

    from_department: str
    to_department: str
    sent: int = 0
    accepted: int = 0
    returned: int = 0
    pending: int = 0
    past_deadline: int = 0
    delays_s: list[float] = field(default_factory=list)
    waiting_s: list[float] = field(default_factory=list)
    return_reasons: list[str] = field(default_factory=list)

    @property
    def median_delay_s(self) -> float | None:
        return statistics.median(self.delays_s) if self.delays_s else None

    @property
    def longest_delay_s(self) -> float | None:
        return max(self.delays_s) if self.delays_s else None

    @property
    def longest_waiting_s(self) -> float | None:
        """The oldest pending handoff's wait so far (seconds); None: none pending."""
        return max(self.waiting_s) if self.waiting_s else None

    @property
    def slowness_s(self) -> float | None:
        """How slow the receiving side is, for ranking pairs: the median over every form, a
        pending one counted with its wait so far (a floor of its delay: it is at least that
        slow). A handoff left 3 hours unanswered is slower than one returned in 5 seconds,
        though it has no delay yet (a new user's trial: the overdue one was not "slowest")."""
        every = [*self.delays_s, *self.waiting_s]
        return statistics.median(every) if every else None


def handoff_delays(forms: Iterable[Handoff], now: datetime) -> list[PairDelays]:
    """Handoff forms grouped per (from, to) department pair, the slowest pair first
    (`PairDelays.slowness_s`: pending forms with their wait so far at `now`, then handoffs
    past deadline). A form is past its deadline when decided after `due_at`, still pending
    after it at `now`, or found overdue by the sweep."""
    pairs: dict[tuple[str, str], PairDelays] = {}
    for form in forms:
        key = (form.from_department_key, form.to_department_key)
        pair = pairs.setdefault(key, PairDelays(*key))
        pair.sent += 1
        if form.status is HandoffStatus.PENDING or form.decided_at is None:
            pair.pending += 1
            pair.waiting_s.append(max((now - form.created_at).total_seconds(), 0.0))
            late = now > form.due_at
        else:
            pair.delays_s.append((form.decided_at - form.created_at).total_seconds())
            late = form.decided_at > form.due_at
            if form.status is HandoffStatus.RETURNED:
                pair.returned += 1
                pair.return_reasons.append(form.return_reason or "")
            else:
                pair.accepted += 1
        pair.past_deadline += late or form.overdue_at is not None
    return sorted(
        pairs.values(),
        key=lambda p: (-(p.slowness_s or 0.0), -p.past_deadline, p.from_department),
    )


@dataclass(frozen=True)
class Hand:
    """One step in a ticket's chain of hands: who had it, or where it went, and when.

    kind: claim, assign, transfer, accept, return, reopen, resolve. officer_id: the owner
    named (claim, assign) or who acted; department: where it went (transfer), who took it
    (accept) or who sent it back (return); detail: a return's or reopening's reason."""

    at: datetime
    kind: str
    officer_id: int | None
    department: str | None = None
    detail: str = ""


@dataclass
class PassedAround:
    """A ticket passed around (推诿): why it counts, and its chain of hands in order."""

    ticket_id: int
    department: str
    transfers: int
    returns: int
    owners: int  # times an owner was named (claim or assign)
    reopened: int  # in the chain, never a reason: the requester reopened it, nobody passed it
    chain: list[Hand]

    @property
    def handoffs(self) -> int:
        """Transfers and returns together: how often the ticket changed hands between
        departments."""
        return self.transfers + self.returns

    @property
    def reasons(self) -> list[str]:
        """Which of the rule's tests it meets: handoffs (two transfers, or two returns: one
        transfer sent back is a refused handoff, listed with its reason under the handoff
        delays, not yet a ticket passed around), owners (reassigned). A reopening is not one:
        the requester reopened it (the reopen rate counts it), nobody passed the buck."""
        found = []
        if self.transfers >= 2 or self.returns >= 2:
            found.append("handoffs")
        if self.owners >= 2:
            found.append("owners")
        return found


_HANDS = {a.value for a in (Action.CLAIM, Action.ASSIGN, Action.TRANSFER, Action.ACCEPT)} | {
    a.value for a in (Action.RETURN, Action.REOPEN, Action.RESOLVE)
}


def passed_around(
    ticket_id: int, department: str, events: Sequence[TicketEvent]
) -> PassedAround | None:
    """The ticket as passed around, from its event log in order, or None when it was not:
    transferred two or more times, or returned two or more times, or given an owner more than
    once (a claim and a reassignment count) (seed rule 12, 责任推诿). Reopenings are in its
    chain, but never make it one."""
    chain: list[Hand] = []
    transfers = returns = owners = reopened = 0
    for event in events:
        if event.kind not in _HANDS:
            continue
        data = event.data or {}
        kind = event.kind
        if kind in (Action.CLAIM, Action.ASSIGN):
            owners += 1
            chain.append(Hand(event.at, kind, data.get("owner_id"), detail=data.get("reason", "")))
        elif kind == Action.TRANSFER:
            transfers += 1
            chain.append(Hand(event.at, kind, event.actor_id, data.get("to")))
        elif kind == Action.RETURN:
            returns += 1
            chain.append(Hand(event.at, kind, event.actor_id, None, data.get("reason", "")))
        elif kind == Action.ACCEPT:
            chain.append(Hand(event.at, kind, event.actor_id, data.get("department")))
        elif kind == Action.REOPEN:
            reopened += 1
            chain.append(Hand(event.at, kind, None, detail=data.get("reason", "")))
        else:
            chain.append(Hand(event.at, kind, event.actor_id))
    found = PassedAround(ticket_id, department, transfers, returns, owners, reopened, chain)
    return found if found.reasons else None


@dataclass
class BreachLine:
    """One ledger entry of the period, as listed in the report."""

    at: datetime
    ticket_id: int
    kind: str
    officer_id: int | None
    department: str
    detail: str


@dataclass
class Breaches:
    """The period's ledger entries, and their counts per person and per department by kind
    (late notices among them: kind late_notice)."""

    lines: list[BreachLine]
    by_officer: dict[int, dict[str, int]]
    by_department: dict[str, dict[str, int]]


def breaches_of(entries: Iterable[LedgerEntry]) -> Breaches:
    """The ledger entries in order of time, counted per officer (entries against a person)
    and per department (all of them), by kind."""
    lines = sorted(
        (
            BreachLine(e.at, e.ticket_id, str(e.kind), e.officer_id, e.department_key, e.detail)
            for e in entries
        ),
        key=lambda line: (line.at, line.ticket_id),
    )
    by_officer: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_department: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in lines:
        by_department[line.department][line.kind] += 1
        if line.officer_id is not None:
            by_officer[line.officer_id][line.kind] += 1
    return Breaches(
        lines,
        {k: dict(v) for k, v in by_officer.items()},
        {k: dict(v) for k, v in by_department.items()},
    )


async def period_handoffs(session: AsyncSession, start: datetime, end: datetime) -> list[Handoff]:
    """The handoff forms sent in [start, end)."""
    query = select(Handoff).where(Handoff.created_at >= start, Handoff.created_at < end)
    return list(await session.scalars(query.order_by(Handoff.id)))


async def period_passed_around(
    session: AsyncSession, tickets: Sequence[tuple[int, str]]
) -> list[PassedAround]:
    """Of these tickets (id, department), those passed around, the most handed first."""
    events: dict[int, list[TicketEvent]] = defaultdict(list)
    ids = [ticket_id for ticket_id, _ in tickets]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = (
            select(TicketEvent)
            .where(TicketEvent.ticket_id.in_(chunk), TicketEvent.kind.in_(sorted(_HANDS)))
            .order_by(TicketEvent.ticket_id, TicketEvent.seq)
        )
        for event in await session.scalars(query):
            events[event.ticket_id].append(event)
    found = [
        leak
        for ticket_id, department in tickets
        if (leak := passed_around(ticket_id, department, events.get(ticket_id, [])))
    ]
    return sorted(found, key=lambda p: (-(p.handoffs + p.owners + p.reopened), p.ticket_id))


async def period_breaches(session: AsyncSession, start: datetime, end: datetime) -> Breaches:
    """The ledger entries recorded in [start, end)."""
    query = select(LedgerEntry).where(LedgerEntry.at >= start, LedgerEntry.at < end)
    return breaches_of(await session.scalars(query))
