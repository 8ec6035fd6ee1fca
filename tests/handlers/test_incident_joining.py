"""Reports of one event at one place within the surge window are one incident, whatever opened
their tickets (issue 14, SPEC rule 9; a fresh tester): six reports of one trapped lift in
和平小区 (an emergency's path for those telling someone trapped, the usual one for the lift
broken; two of them the very same words, one fifty minutes after the first) were not linked,
and one stayed normal; "No water in Xingfu Estate since 8 this morning" was left out of the
water cut five had reported as "幸福小区停水了" (the estate's English name was not known). A
careful clerk links every report of the event, each raised to the incident's priority. Where
the detector misses one, its staff join it to another ticket's incident by hand (`/link N`, the
incident made when that ticket has none; `/unlink` takes it out again), and the incident's
update reaches its requester too. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import DeskClock, bot_said, staff_speaking, until
from tests.handlers.looks import all_tickets, ticket_no
from tests.handlers.test_surge_estates import _opens

App = Application  # type: ignore[type-arg]
MANAGER, MANAGEMENT_CHAT = 900001, -1000000000900

LIFT = [
    ("zh", "和平小区4栋电梯坏了,有人被困"),
    ("zh", "和平小区4栋电梯坏了,有人被困"),
    ("en", "Someone is trapped in the lift of Heping Estate building 4"),
    ("zh", "和平小区4号楼电梯困人了,快来人"),
    ("zh", "和平小区4栋的电梯坏了"),
    ("zh", "和平小区4栋电梯停在半空,里面的人出不来"),
]
WATER = [
    ("zh", "幸福小区停水了"),
    ("zh", "幸福小区停水了,什么时候来水"),
    ("zh", "幸福小区3号楼停水了"),
    ("zh", "幸福小区从早上就停水了"),
    ("en", "No water in Xingfu Estate since 8 this morning"),
    ("zh", "幸福小区停水了,没法做饭"),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("reports", [LIFT, WATER], ids=["lift", "water"])
async def test_every_report_of_one_event_joins_its_incident_at_its_priority(
    running: tuple[Emulator, App], desk_clock: DeskClock, reports: list[tuple[str, str]]
) -> None:
    emulator, application = running
    for number, (language, text) in enumerate(reports, start=1):
        if number == len(reports):
            desk_clock.now += timedelta(minutes=50)  # still within the hour of the first
        await _opens(emulator, 719000 + number, language, text, number)
    rows = await all_tickets(application)
    assert len(rows) == len(reports)
    incident = rows[0].incident_id
    assert incident is not None
    assert [t.incident_id for t in rows] == [incident] * len(reports), [
        (t.id, t.question, t.incident_id) for t in rows
    ]
    assert {t.priority for t in rows} == {"urgent"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(getattr(request, "param", "zh"))


LATE = {
    "zh": "幸福里3号楼我家灯一闪一闪的,然后全黑了",
    "en": "In Xingfuli building 3 my lights flickered and then everything went dark",
}
LINKED = {"zh": "工单 #2 已并入群体性事件 #1", "en": "Ticket #2 joined incident #1"}
UNLINKED = {"zh": "工单 #2 已移出群体性事件 #1", "en": "Ticket #2 left incident #1"}
NOT_LINKED = {"zh": "工单 #2 不在任何群体性事件中", "en": "Ticket #2 is in no incident"}
UPDATE = "供电公司已到场抢修 | The power company's crew is on site"
HEARD = {"zh": "供电公司已到场抢修", "en": "The power company's crew is on site"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_staff_link_a_ticket_to_another_s_incident_and_take_it_out(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    await _opens(emulator, 720001, "zh", "幸福里3号楼停电了", 1)
    await _opens(emulator, 720002, language, LATE[language], 2)
    late = await ticket_no(application, 2)
    assert late is not None and late.incident_id is None and late.staff_chat_id is not None
    group = late.staff_chat_id
    (department,) = [d for d in settings.departments if d.key == late.department_key]
    officer = department.officers[0].user_id
    card = next(e for e in bot_said(world, group) if "#2" in e.text and e.buttons)
    await world.user_presses(officer, group, card.message_id, "claim:2")

    async def topic() -> int | None:
        ticket = await ticket_no(application, 2)
        return ticket.staff_thread_id if ticket is not None else None

    await until(topic)
    thread = await topic()

    async def says(command: str, words: str) -> None:
        await world.user_sends(officer, command, group, thread_id=thread)
        await until(lambda: any(words in e.text for e in bot_said(world, group, thread)))

    await says("/link 1", LINKED[language])
    rows = await all_tickets(application)
    assert rows[0].incident_id is not None
    assert [t.incident_id for t in rows] == [rows[0].incident_id] * 2
    assert {t.priority for t in rows} == {"urgent"}
    await world.user_sends(MANAGER, f"/incident {rows[0].incident_id} {UPDATE}", MANAGEMENT_CHAT)
    await until(lambda: any(HEARD[language] in e.text for e in bot_said(world, 720002)))
    await until(lambda: any(HEARD["zh"] in e.text for e in bot_said(world, 720001)))
    await says("/unlink", UNLINKED[language])
    assert (await ticket_no(application, 2)).incident_id is None  # type: ignore[union-attr]
    # Its record still names the incident the update came from (a tester's read "#-").
    posted = {"zh": "发布进展", "en": "posted an update on incident"}[language]
    await says("/ticket 2", posted)
    line = next(e.text for e in bot_said(world, group, thread) if posted in e.text)
    assert f"#{rows[0].incident_id}" in line and "#-" not in line, line
    await says("/unlink", NOT_LINKED[language])
