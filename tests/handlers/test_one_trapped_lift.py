"""One trapped lift reported three ways by three requesters (a tester): "电梯困人了,3号楼有人被
关在里面", "Someone is trapped in the lift of building 3" and "3号楼电梯坏了,卡住不动" made
three unlinked tickets, the plain one at normal priority while someone was trapped in that
very lift. A careful clerk takes them as one incident (SPEC rule 9): the same department,
linked at once (no surge of five needed when people are trapped), and the plain report as
urgent as the trapped ones, whichever came first. End to end over the emulation."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.looks import all_tickets
from tests.handlers.test_surge_estates import _opens

App = Application  # type: ignore[type-arg]
Sessions = async_sessionmaker[AsyncSession]

# Each report: its language and words; the same lift, named as people name it.
AT_BUILDING_3 = [
    ("zh", "电梯困人了,3号楼有人被关在里面"),
    ("en", "Someone is trapped in the lift of building 3"),
    ("zh", "3号楼电梯坏了,卡住不动"),
]
IN_XINGFULI = [
    ("zh", "幸福里3号楼的电梯坏了,停在半空不动了"),
    ("en", "Someone is trapped in the lift of Xingfuli building 3"),
    ("zh", "幸福里3号楼电梯困人了,有人被关在里面"),
    ("en", "The lift in Xingfuli building 3 is broken"),
]


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
@pytest.mark.parametrize(
    "reports", [AT_BUILDING_3, IN_XINGFULI], ids=["building-3", "xingfuli-plain-first"]
)
async def test_reports_of_one_trapped_lift_are_one_urgent_incident(
    sessions: Sessions,  # first: on PostgreSQL, a database emptied of earlier tests
    running: tuple[Emulator, App],
    reports: list[tuple[str, str]],
) -> None:
    emulator, application = running
    for number, (language, text) in enumerate(reports, start=1):
        await _opens(emulator, 733000 + number, language, text, number)
    rows = await all_tickets(application)
    assert len(rows) == len(reports)
    seen = [(t.id, t.question, t.department_key, t.priority, t.incident_id) for t in rows]
    assert len({t.department_key for t in rows}) == 1, seen
    assert rows[0].incident_id is not None, seen
    assert {t.incident_id for t in rows} == {rows[0].incident_id}, seen
    assert {t.priority for t in rows} == {"urgent"}, seen


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_broken_lift_elsewhere_is_not_linked_to_the_trapped_one(
    running: tuple[Emulator, App],
) -> None:
    """Another building's lift, or another estate's, is another matter: not linked, not
    raised."""
    emulator, application = running
    await _opens(emulator, 734001, "zh", "幸福里3号楼电梯困人了,有人被关在里面", 1)
    await _opens(emulator, 734002, "zh", "幸福里5号楼电梯坏了,卡住不动", 2)
    await _opens(emulator, 734003, "en", "The lift in Heping Estate building 3 is broken", 3)
    rows = await all_tickets(application)
    assert [t.incident_id for t in rows] == [None] * 3
    assert [t.priority for t in rows][1:] == ["normal", "normal"]
