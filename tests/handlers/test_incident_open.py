"""An open incident is joined whatever the time since (issue 14, SPEC rule 9; a fresh tester):
seven reports of 幸福里停水 were one incident, its latest update "预计明早6点恢复供水"; a day
later "Xingfuli still has no water, when will it come back?" got the knowledge base's generic
answer and a ticket and an alert of its own, and never heard the update (the surge window
had passed). The surge window is for finding a new incident among separate tickets; a report
of an open incident's event at its place joins it at once, and its requester hears the
latest update. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import DeskClock, bot_said, staff_speaking, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_surge_estates import _opens

App = Application  # type: ignore[type-arg]
MANAGER, MANAGEMENT_CHAT = 900001, -1000000000900
WATER = [
    "幸福里停水了",
    "幸福里停水了,什么时候来水",
    "幸福里3号楼停水了",
    "幸福里从早上就停水了",
    "幸福里停水了,没法做饭",
    "幸福里5号楼也停水了",
    "幸福里整个小区都停水了",
]
UPDATE = "预计明早6点恢复供水 | Water is expected back at 6 tomorrow morning"
HEARD = {"zh": "预计明早6点恢复供水", "en": "Water is expected back at 6 tomorrow morning"}
GENERIC = {"zh": "计划停水会提前", "en": "Planned water outages are announced"}
LATER = {
    "en": "Xingfuli still has no water, when will it come back?",
    "zh": "幸福里还是没有水,什么时候来水?",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_report_a_day_later_joins_the_open_incident_and_hears_its_update(
    running: tuple[Emulator, App], desk_clock: DeskClock, language: str
) -> None:
    emulator, application = running
    world = emulator.world
    for number, text in enumerate(WATER, start=1):
        await _opens(emulator, 730000 + number, "zh", text, number)
    rows = await all_tickets(application)
    incident = rows[0].incident_id
    assert incident is not None and {t.incident_id for t in rows} == {incident}
    await world.user_sends(MANAGER, f"/incident {incident} {UPDATE}", MANAGEMENT_CHAT)
    await until(lambda: any(HEARD["zh"] in e.text for e in bot_said(world, 730007)))
    desk_clock.now += timedelta(hours=25)
    user = 730100
    world.add_user(user, "Late", language)
    await world.user_sends(user, LATER[language])

    await until(lambda: any(HEARD[language] in e.text for e in bot_said(world, user)))
    # Dated: "tomorrow morning" is the day it was posted, not today.
    heard = next(e.text for e in bot_said(world, user) if HEARD[language] in e.text)
    assert {"zh": "发布)", "en": "(posted "}[language] in heard, heard
    rows = await all_tickets(application)
    assert len(rows) == len(WATER) + 1
    late = rows[-1]
    assert late.incident_id == incident and late.priority == "urgent"
    # The knowledge base's answer matched (an answer band), withheld: no generic answer.
    assert any(t.get("withheld") == "incident" for t in late.inquiry or []), late.inquiry
    assert not any(GENERIC[language] in e.text for e in bot_said(world, user))


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(getattr(request, "param", "zh"))


OFFICER, GROUP = 100301, -1000000000103  # of Utilities (config.yaml), the water cut's
ON_CARD = {
    "zh": "属于群体性事件 #1(共 6 件报告,均未办结)",
    "en": "Part of incident #1 (6 reports, all still open)",
}
IN_QUEUE = {"zh": "事件 #1", "en": "incident #1"}
QUEUED = {"zh": "待认领", "en": "Waiting for an officer"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_each_card_and_the_queue_tell_the_staff_of_the_incident(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    """Each linked ticket's card says which incident it is of and how many reports it has
    (the earlier cards redrawn as it grows), and /queue marks each of them."""
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    for number, text in enumerate(WATER[:6], start=1):
        await _opens(emulator, 731000 + number, "zh", text, number)
    rows = await all_tickets(application)
    assert {t.incident_id for t in rows} == {1}

    def cards() -> dict[int, str]:
        return {
            n: e.text
            for e in bot_said(world, GROUP)
            for n in range(1, 7)
            if f"新工单 #{n}|" in e.text or f"New ticket #{n} |" in e.text
        }

    await until(lambda: all(ON_CARD[language] in cards().get(n, "") for n in range(1, 7)))
    await world.user_sends(OFFICER, "/queue", GROUP)
    await until(lambda: any(QUEUED[language] in e.text for e in bot_said(world, GROUP)))
    (listed,) = [e.text for e in bot_said(world, GROUP) if QUEUED[language] in e.text]
    lines = [line for line in listed.splitlines() if "#" in line]
    assert len(lines) == 6 and all(IN_QUEUE[language] in line for line in lines), listed
