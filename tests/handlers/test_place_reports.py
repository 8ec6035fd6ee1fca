"""Reports of a fault at a place, said in either language, get one answer (SPEC rules 2, 9;
a tester): "锦绣花园5号楼外面的路灯从周四开始就坏了" had no template answer and no request
for a photo or the pole number, while its English twin had both (the day it began hid the
street light from the knowledge base); "Our taps are dry in Yangguang Garden block 2" got the
category buttons and stayed out of the water cut 阳光花园 had reported (dry taps were not read
as a water cut). A careful clerk answers both alike, and reads dry taps as the water cut.
End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_surge_estates import _opens

App = Application  # type: ignore[type-arg]

LIGHT = {
    "zh": "锦绣花园5号楼外面的路灯从周四开始就坏了",
    "en": "The street light outside building 5 of Jinxiu Garden has been broken since Thursday",
}
ANSWER = {"zh": "路灯由市政照明部门维修", "en": "street-lighting department"}
ASKED = {"zh": ("现场照片", "灯杆编号"), "en": ("a photo", "the pole number")}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_a_street_light_broken_since_a_day_is_answered_and_asked_its_photo_and_pole(
    running: tuple[Emulator, App], language: str
) -> None:
    emulator, application = running
    world = emulator.world
    user = 741001
    world.add_user(user, "Light", language)
    await world.user_sends(user, LIGHT[language])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    said = "\n".join(e.text for e in bot_said(world, user))
    assert ANSWER[language] in said, said
    assert all(item in said for item in ASKED[language]), said
    assert not any(e.buttons and "cat:" in str(e.buttons) for e in bot_said(world, user)), said
    (ticket,) = await all_tickets(application)
    assert ticket.category == "fault_report" and ticket.department_key == "utilities"


WATER = [
    "阳光花园2号楼停水了",
    "阳光花园停水了,什么时候来水",
    "阳光花园2号楼从早上就停水了",
    "阳光花园整个小区都停水了",
    "阳光花园3号楼也停水了",
]
DRY = {
    "en": "Our taps are dry in Yangguang Garden block 2",
    "zh": "阳光花园2号楼我家水龙头一滴水都不出了",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_dry_taps_are_the_water_cut_and_join_its_incident(
    running: tuple[Emulator, App], language: str
) -> None:
    emulator, application = running
    world = emulator.world
    for number, text in enumerate(WATER, start=1):
        await _opens(emulator, 742000 + number, "zh", text, number)
    rows = await all_tickets(application)
    assert rows[0].incident_id is not None
    assert {t.incident_id for t in rows} == {rows[0].incident_id}
    user = 742100
    world.add_user(user, "Dry", language)
    await world.user_sends(user, DRY[language])
    await until(lambda: bool(bot_said(world, user)))
    await until(lambda: any("#6" in e.text for e in bot_said(world, user)), seconds=5)
    assert not any("cat:" in str(e.buttons) for e in bot_said(world, user))
    late = (await all_tickets(application))[-1]
    assert late.id == 6 and late.category == "fault_report"
    assert late.incident_id == rows[0].incident_id, late.question
