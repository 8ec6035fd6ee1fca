"""The full supervision report of a period: the figures of rule 13 per department and per
officer, the leaks of rule 12, and the period's breaches from the ledger.

`build` reads it from the store; `Names` words its keys and ids; bot/reports/render.py turns
it into the summary, CSV, JSON and HTML, bot/reports/chart.py into the one chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.figures import Report, supervision_figures
from bot.models import Ticket
from bot.reports.failing import Group, failing_groups, uncovered
from bot.reports.leaks import (
    Breaches,
    PairDelays,
    PassedAround,
    handoff_delays,
    period_breaches,
    period_handoffs,
    period_passed_around,
)
from knowledge.matcher import Matcher


@dataclass
class FullReport:
    """Everything a supervisor's report shows for [start, end), as read at `now`."""

    start: datetime
    end: datetime
    now: datetime
    figures: Report
    handoffs: list[PairDelays]
    passed_around: list[PassedAround]
    groups: list[Group]  # every group of handed-over questions, largest first
    breaches: Breaches

    @property
    def failing(self) -> list[Group]:
        """The groups no template covers, worst first."""
        return uncovered(self.groups)

    @property
    def handoffs_past_deadline(self) -> int:
        return sum(p.past_deadline for p in self.handoffs)

    def only(self, department: str | None, names: Names) -> FullReport:
        """The report as one department's supervisor sees it (None: everything): its own
        figures, officers, handoffs sent or received, tickets and breaches."""
        if department is None:
            return self

        def ours(officer_id: int) -> bool:
            return names.officer_departments.get(officer_id) == department

        figures = Report(
            self.figures.start,
            self.figures.end,
            {k: v for k, v in self.figures.by_officer.items() if ours(k)},
            {k: v for k, v in self.figures.by_department.items() if k == department},
        )
        breaches = Breaches(
            [b for b in self.breaches.lines if b.department == department],
            {k: v for k, v in self.breaches.by_officer.items() if ours(k)},
            {k: v for k, v in self.breaches.by_department.items() if k == department},
        )
        return FullReport(
            self.start,
            self.end,
            self.now,
            figures,
            [p for p in self.handoffs if department in (p.from_department, p.to_department)],
            [p for p in self.passed_around if p.department == department],
            [g for g in self.groups if any(q.department == department for q in g.questions)],
            breaches,
        )


@dataclass(frozen=True)
class Names:
    """How the report words keys and ids in one language: departments by key, staff by user
    id ("name staff-number") with their department's key, the language itself."""

    language: str
    zone: ZoneInfo
    departments: dict[str, str]
    officers: dict[int, str]
    officer_departments: dict[int, str]

    @classmethod
    def of(cls, settings: Settings, language: str) -> Names:
        """From the configuration: each department's name in `language` (else its key)."""
        departments = {d.key: d.names.get(language, d.key) for d in settings.departments}
        officers: dict[int, str] = {}
        officer_departments: dict[int, str] = {}
        for department in settings.departments:
            for person in (*department.officers, *department.supervisors):
                officers[person.user_id] = f"{person.name} {person.staff_number}"
                officer_departments[person.user_id] = department.key
        return cls(language, settings.zone, departments, officers, officer_departments)

    def department(self, key: str | None) -> str:
        return "-" if key is None else self.departments.get(key, key)

    def officer(self, user_id: int | None) -> str:
        return "-" if user_id is None else self.officers.get(user_id, str(user_id))

    def when(self, at: datetime) -> str:
        """An instant as the report shows it: local time, to the minute."""
        return at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")


async def build(
    *,
    session: AsyncSession,
    matcher: Matcher,
    background: Sequence[str],
    start: datetime,
    end: datetime,
    now: datetime,
) -> FullReport:
    """The full report of tickets opened, handoffs sent and breaches recorded in [start, end)
    (`background`: the knowledge base's phrasings, see bot/reports/failing.py)."""
    figures = await supervision_figures(session=session, start=start, end=end, now=now)
    tickets = (
        await session.execute(
            select(Ticket.id, Ticket.department_key)
            .where(Ticket.opened_at >= start, Ticket.opened_at < end)
            .order_by(Ticket.id)
        )
    ).all()
    return FullReport(
        start,
        end,
        now,
        figures,
        handoff_delays(await period_handoffs(session, start, end), now),
        await period_passed_around(session, [(t, d) for t, d in tickets]),
        await failing_groups(session, matcher, background, start, end),
        await period_breaches(session, start, end),
    )
