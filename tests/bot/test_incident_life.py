"""An incident takes new reports while it is still being reported (config `surge.quiet`), and a
danger to people joining one hears no update posted before it (bot/incident_life.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.incident_life import hears_update
from bot.models import Incident, Ticket
from bot.rules import Rules
from tests.bot.helpers import new_requester
from tests.bot.test_incidents import COMPLAINTS, NOW, _linked, _open

Sessions = async_sessionmaker[AsyncSession]
HOUR = 60


def _incident(update: str | None, hours: float) -> Incident:
    posted = NOW + timedelta(hours=hours) if update is not None else None
    return Incident(
        category="fault_report",
        summary="x",
        opened_at=NOW,
        latest_update=update,
        latest_update_at=posted,
        latest_update_by=1,
    )


def _ticket(hours: float) -> Ticket:
    return Ticket(opened_at=NOW + timedelta(hours=hours))


def test_a_joiner_hears_the_latest_update_unless_it_tells_a_danger_that_came_after() -> None:
    assert not hears_update(_incident(None, 0), _ticket(1), danger=False)
    assert hears_update(_incident("抢修中", 0), _ticket(30), danger=False)
    assert not hears_update(_incident("已解救", 0), _ticket(3), danger=True)
    # Posted after the danger was told (its place told later): about it, told.
    assert hears_update(_incident("救援已到场", 2), _ticket(1), danger=True)


async def _six(sessions: Sessions, rules: Rules) -> list[int]:
    requesters = [await new_requester(sessions, NOW, 7100 + i) for i in range(9)]
    for i, text in enumerate(COMPLAINTS[:5]):
        await _open(sessions, rules, requesters[i], text, i)
    assert (await _linked(sessions)) == {1: [1, 2, 3, 4, 5]}
    return requesters


async def test_reports_that_keep_coming_keep_joining(sessions: Sessions, rules: Rules) -> None:
    """A day without a report (quiet: 2 days) is one event still; each report keeps it so."""
    requesters = await _six(sessions, rules)
    await _open(sessions, rules, requesters[5], COMPLAINTS[5], 40 * HOUR)
    await _open(sessions, rules, requesters[6], COMPLAINTS[0], 80 * HOUR)
    assert (await _linked(sessions)) == {1: [1, 2, 3, 4, 5, 6, 7]}


async def test_after_days_without_a_report_a_report_is_a_new_event(
    sessions: Sessions, rules: Rules
) -> None:
    requesters = await _six(sessions, rules)
    late = await _open(sessions, rules, requesters[5], COMPLAINTS[5], 4 * 24 * HOUR)
    assert late.joined is None and not late.updated
    assert (await _linked(sessions)) == {1: [1, 2, 3, 4, 5], None: [6]}
