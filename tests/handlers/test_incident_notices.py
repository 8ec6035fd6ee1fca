"""The progress notices of a mass incident's tickets (issue 14, SPEC rules 5 and 9): a tester
got the incident's update of the day before again in the next day's progress notice, word
for word, as if it were news. The notice says the update is known and the work goes on,
without repeating it. End to end over the emulation, in both languages of requesters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import GENERAL_GROUP, DeskClock, bot_said, until
from tests.handlers.opening import open_at_desk
from tests.handlers.test_incidents import COMPLAINTS

App = Application  # type: ignore[type-arg]
OFFICER = 100101
UPDATE = "维修人员已到场,预计今晚18点前恢复运行 | Repairs under way, back by 6 pm"
NOTICE = {"zh": "工单 #1 进展通知", "en": "Progress on ticket #1"}
GOES_ON = {"zh": "仍在办理中", "en": "still being handled"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_next_day_s_progress_notice_does_not_repeat_the_update(
    running: tuple[Emulator, App], desk_clock: DeskClock, language: str
) -> None:
    emulator, application = running
    world = emulator.world
    people = [760001 + n for n in range(len(COMPLAINTS))]
    for n, (user_id, text) in enumerate(zip(people, COMPLAINTS, strict=True)):
        world.add_user(user_id, f"R{n}", language, started=True)
        desk_clock.now += timedelta(minutes=3)
        await open_at_desk(application, user_id, language, question=text, category="complaint")
    await world.user_sends(OFFICER, f"/incident 1 {UPDATE}", GENERAL_GROUP)
    told = UPDATE.split(" | ")[0 if language == "zh" else 1]
    await until(lambda: any(told in e.text for e in bot_said(world, people[0])))
    desk_clock.now += timedelta(hours=25)
    await sweep(DeskContext(application))
    await until(lambda: any(NOTICE[language] in e.text for e in bot_said(world, people[0])))
    notice = next(e.text for e in bot_said(world, people[0]) if NOTICE[language] in e.text)
    assert told not in notice
    assert GOES_ON[language] in notice


MANAGEMENT_CHAT = -1000000000900


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_incident_s_tickets_escalate_as_one_alert(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """A tester's outage of 29 linked tickets sent 29 escalations: each step of the ladder
    reaches the supervisors once for the incident, naming how many tickets it has."""
    emulator, application = running
    world = emulator.world
    for n, text in enumerate(COMPLAINTS):
        user_id = 761001 + n
        world.add_user(user_id, f"R{n}", "zh", started=True)
        await open_at_desk(application, user_id, "zh", question=text, category="complaint")
    desk_clock.now += timedelta(days=10)
    await sweep(DeskContext(application))

    def alerts(chat: int) -> list[str]:
        return [e.text for e in bot_said(world, chat) if "预警" in e.text]

    await until(lambda: bool(alerts(MANAGEMENT_CHAT)))
    for chat in (MANAGEMENT_CHAT, GENERAL_GROUP):
        said = alerts(chat)
        assert said and all("工单 #1" in line for line in said), said
        assert all("群体性事件 #1" in line and "5 件" in line for line in said), said
