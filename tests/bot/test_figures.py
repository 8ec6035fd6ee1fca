"""Supervision figures per officer and per department, from real ticket histories."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import closure, handoffs, tickets
from bot.figures import supervision_figures
from bot.incident_updates import update_and_tell
from bot.rules import Rules
from bot.sweep import run_due
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, OFFICER_2, new_requester, new_ticket
from tests.bot.test_incidents import COMPLAINTS, _open
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
Sessions = async_sessionmaker[AsyncSession]


async def test_figures_per_officer_and_department(sessions: Sessions, rules: Rules) -> None:
    requester_id = await new_requester(sessions, NOW)
    quick = await new_ticket(sessions, rules, NOW, requester_id=requester_id, question="一")
    slow = await new_ticket(sessions, rules, NOW, requester_id=requester_id, question="二")
    moved = await new_ticket(sessions, rules, NOW, requester_id=requester_id, question="三")
    async with sessions() as s, s.begin():
        await tickets.claim(
            session=s,
            rules=rules,
            ticket_id=quick.id,
            officer_id=OFFICER,
            now=NOW + timedelta(minutes=30),
        )
        await closure.resolve(
            session=s,
            rules=rules,
            ticket_id=quick.id,
            officer_id=OFFICER,
            summary="ok",
            now=NOW + timedelta(hours=2),
        )
        await closure.confirm(
            session=s,
            rules=rules,
            ticket_id=quick.id,
            requester_id=requester_id,
            score=4,
            remark="师傅把地弄脏了",  # solved, but a remark on the service
            now=NOW + timedelta(hours=3),
        )
        await tickets.claim(
            session=s,
            rules=rules,
            ticket_id=moved.id,
            officer_id=OFFICER_2,
            now=NOW + timedelta(minutes=10),
        )
        await handoffs.transfer(
            session=s,
            rules=rules,
            ticket_id=moved.id,
            actor_id=OFFICER_2,
            to_department="utilities",
            summary="s",
            suggested_handling="h",
            due_at=NOW + timedelta(days=1),
            now=NOW + timedelta(minutes=20),
        )
        await handoffs.accept_handoff(
            session=s,
            rules=rules,
            ticket_id=moved.id,
            actor_id=100301,
            now=NOW + timedelta(minutes=40),
        )
    # Nobody claims `slow` in time: the sweep records the missed first response.
    await run_due(transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=2))
    async with sessions() as s, s.begin():
        await tickets.claim(
            session=s,
            rules=rules,
            ticket_id=slow.id,
            officer_id=OFFICER,
            now=NOW + timedelta(hours=3),
        )
        await closure.resolve(
            session=s,
            rules=rules,
            ticket_id=slow.id,
            officer_id=OFFICER,
            summary="ok",
            now=NOW + timedelta(hours=4),
        )
        await closure.reopen(
            session=s,
            rules=rules,
            ticket_id=slow.id,
            requester_id=requester_id,
            reason="no",
            now=NOW + timedelta(hours=5),
        )
        await closure.resolve(
            session=s,
            rules=rules,
            ticket_id=slow.id,
            officer_id=OFFICER,
            summary="ok now",
            now=NOW + timedelta(hours=6),
        )
        await closure.confirm(
            session=s,
            rules=rules,
            ticket_id=slow.id,
            requester_id=requester_id,
            score=2,
            now=NOW + timedelta(hours=7),
        )

    end = NOW + timedelta(days=3)
    # The first sweep in three days: `moved` is overdue, and its notice goes out late and empty.
    await run_due(transactions=Transactions(sessions), rules=rules, now=end)
    async with sessions() as s:
        report = await supervision_figures(
            session=s, start=NOW, end=end + timedelta(minutes=1), now=end
        )

    officer = report.by_officer[OFFICER]
    assert officer.tickets == 2
    assert officer.claimed_in_time_share == 0.5
    assert officer.median_first_response_s == pytest.approx(105 * 60)
    assert officer.reopen_rate == 0.5
    assert officer.average_rating == 3.0
    assert officer.sla_compliance == 1.0  # 2 h and, after reopening, 6 h: both within 1 day
    assert officer.breaches == 0  # the missed first response is the department's
    assert officer.remarks == 1  # one of the two confirmed with a remark on the service

    second = report.by_officer[OFFICER_2]
    assert second.tickets == 1
    assert second.transfers == 1
    assert second.sla_compliance == 0.0  # still open three days later, past its deadline
    assert second.breaches == 3  # overdue, no update before the notice, the notice late
    assert second.remarks == 0
    assert (second.notices, second.notices_on_time_share) == (1, 0.0)

    general = report.by_department["general"]
    assert general.tickets == 3
    # The missed first response on `slow`, and the three on `moved`.
    assert general.breaches == 4
    assert general.as_dict()["tickets"] == 3
    assert general.as_dict()["remarks"] == 1


async def test_the_reopen_rate_counts_tickets_reopened_and_not_yet_resolved_again(
    sessions: Sessions, rules: Rules
) -> None:
    """A reopening clears the resolution: two reopened tickets still being worked on beside
    one resolved ticket are two of three tickets resolved once, not 200%."""
    requester_id = await new_requester(sessions, NOW)
    made = [
        await new_ticket(sessions, rules, NOW, requester_id=requester_id, question=q)
        for q in ("一", "二", "三")
    ]
    async with sessions() as s, s.begin():
        for number, ticket in enumerate(made):
            at = NOW + timedelta(minutes=10 * number)
            await tickets.claim(
                session=s, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=at
            )
            await closure.resolve(
                session=s,
                rules=rules,
                ticket_id=ticket.id,
                officer_id=OFFICER,
                summary="ok",
                now=at + timedelta(minutes=5),
            )
            if number:
                await closure.reopen(
                    session=s,
                    rules=rules,
                    ticket_id=ticket.id,
                    requester_id=requester_id,
                    reason="no",
                    now=at + timedelta(minutes=6),
                )
    async with sessions() as s:
        report = await supervision_figures(
            session=s, start=NOW, end=NOW + timedelta(hours=1), now=NOW + timedelta(hours=1)
        )
    assert report.by_officer[OFFICER].reopen_rate == pytest.approx(2 / 3)
    assert report.by_department["general"].reopen_rate == pytest.approx(2 / 3)


async def test_an_incident_update_is_the_departments_first_response_not_the_owners(
    sessions: Sessions, rules: Rules
) -> None:
    """SPEC rule 9 (issue 14): an /incident update is the first response of every linked
    ticket nobody had claimed: the department answered then. The officer who claims one
    later answered at their claim: the update, posted by another to all the incident's
    requesters, is no word of theirs."""
    requesters = [await new_requester(sessions, NOW, 6000 + i) for i in range(5)]
    for i, text in enumerate(COMPLAINTS[:5]):
        opened = await _open(sessions, rules, requesters[i], text, 0)
    incident_id = opened.ticket.incident_id
    assert incident_id is not None
    posted = NOW + timedelta(hours=1)
    async with Transactions(sessions, clock=lambda: posted)() as tx:
        await update_and_tell(
            tx=tx, rules=rules, incident_id=incident_id, officer_id=OFFICER, text="维修人员已到场"
        )
    async with sessions() as s, s.begin():
        claimed = await tickets.claim(
            session=s,
            rules=rules,
            ticket_id=1,
            officer_id=OFFICER_2,
            now=NOW + timedelta(hours=3),
        )
    async with sessions() as s:
        report = await supervision_figures(
            session=s, start=NOW, end=NOW + timedelta(days=1), now=NOW
        )
    department = report.by_department[claimed.department_key]
    assert department.first_response_s == [3600.0] * 5
    assert report.by_officer[OFFICER_2].first_response_s == [3 * 3600.0]
    assert OFFICER not in report.by_officer  # the poster owns none of them
