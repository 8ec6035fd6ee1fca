"""Every report of one water cut is in the incident it forms (a new user's trial: six people
reported 幸福里's water cut in their own words, two in English; the incident formed with five,
and the sixth requester heard none of its updates). End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.looks import all_tickets
from tests.handlers.test_incident_matter import _opened

App = Application  # type: ignore[type-arg]
REPORTS = [
    ("zh", "幸福里小区停水了,从早上到现在都没水"),
    ("zh", "幸福里3号楼没水了,怎么回事"),
    ("en", "There is no water at Xingfuli since this morning"),
    ("zh", "我是幸福里5号楼的,家里水龙头一滴水都没有,停水也没通知"),
    ("zh", "幸福里停水好几个小时了,什么时候来水?"),
    ("en", "Xingfuli building 2 has had no water for hours, when will it be back?"),
]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_each_report_of_the_water_cut_is_in_its_incident(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    for n, (language, text) in enumerate(REPORTS, start=1):
        world.add_user(710000 + n, f"R{n}", language)
        await _opened(emulator, 710000 + n, text, n)
    found = await all_tickets(application)
    assert len(found) == len(REPORTS)
    incidents = {t.id: t.incident_id for t in found}
    assert None not in incidents.values() and len(set(incidents.values())) == 1, incidents
