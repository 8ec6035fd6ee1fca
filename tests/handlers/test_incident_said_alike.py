"""A mass incident is said alike wherever staff read of it (issue 14, SPEC rule 9; a fresh
tester): a ticket's card said "属于群体性事件 #1(共 6 件报告)", counting a report already
resolved, while the supervisors' alert said 5 (the open ones); and the incident's summary in
the Chinese supervisors' chat was an English requester's words ("概要:No power in Xingfuli
building 3"), the report that happened to complete the surge. A careful clerk says how many
report it and how many are still open, the same on the card and in the alert, and sums it up
in the reader's language. End to end over the emulation, with the staff reading Chinese, then
English."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.written import written_in
from emulator.server import Emulator
from tests.handlers.conftest import bot_said, staff_speaking, until
from tests.handlers.looks import ticket_no
from tests.handlers.test_surge_estates import _opens

App = Application  # type: ignore[type-arg]
MANAGEMENT_CHAT = -1000000000900
REPORTS = {
    "zh": [
        "幸福里3号楼停电了",
        "幸福里3号楼整栋楼都没电了",
        "幸福里3号楼从早上8点停电",
        "幸福里3号楼停电了,冰箱都停了",
    ],
    "en": [
        "No power in Xingfuli building 3",
        "Xingfuli building 3 is dark, no power since 8am",
        "The power is out in Xingfuli building 3",
        "Blackout in Xingfuli building 3 since this morning",
    ],
}
OTHER = {"zh": "en", "en": "zh"}
SUMMARY = {"zh": "概要:", "en": "Summary: "}
# Six report it, one of them resolved: the card and the alert say both.
COUNTED = {"zh": "共 6 件报告,其中 5 件未办结", "en": "6 reports, 5 still open"}
RESOLVED = {"zh": "电力已恢复", "en": "The power is back"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(getattr(request, "param", "zh"))


def _summary(text: str, language: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith(SUMMARY[language]))
    return line.removeprefix(SUMMARY[language])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_card_and_alert_count_alike_and_sum_up_in_the_staff_s_language(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    staff = settings.languages.default
    other = OTHER[staff]
    # Four report it in the staff's language; the fifth, who completes the surge, in the other.
    reports = [(staff, text) for text in REPORTS[staff]] + [(other, REPORTS[other][0])]
    for number, (language, text) in enumerate(reports, start=1):
        await _opens(emulator, 740000 + number, language, text, number)
    first = await ticket_no(application, 1)
    assert first is not None and first.incident_id is not None and first.staff_chat_id
    incident, group = first.incident_id, first.staff_chat_id

    def alerts() -> list[str]:
        return [e.text for e in bot_said(world, MANAGEMENT_CHAT) if f"#{incident}" in e.text]

    await until(lambda: any(SUMMARY[staff] in t for t in alerts()))
    summed = _summary(alerts()[-1], staff)
    assert written_in(summed) == staff, alerts()[-1]

    # The first report is resolved by its owner.
    (department,) = [d for d in settings.departments if d.key == first.department_key]
    officer = department.officers[0].user_id
    card = next(e for e in bot_said(world, group) if "#1" in e.text and e.buttons)
    await world.user_presses(officer, group, card.message_id, "claim:1")

    async def topic() -> int | None:
        ticket = await ticket_no(application, 1)
        return ticket.staff_thread_id if ticket is not None else None

    await until(topic)
    await world.user_sends(officer, f"/resolve {RESOLVED[staff]}", group, await topic())
    await until(lambda: any(RESOLVED[staff] in e.text for e in bot_said(world, 740001)))

    # A sixth joins: its card, another's card redrawn, and the supervisors' alert agree.
    await _opens(emulator, 740006, staff, f"{REPORTS[staff][0]}!", 6)
    joined = await ticket_no(application, 6)
    assert joined is not None and joined.incident_id == incident
    await until(lambda: any("#6" in t and SUMMARY[staff] in t for t in alerts()))
    alert = next(t for t in alerts() if "#6" in t and SUMMARY[staff] in t)
    assert COUNTED[staff] in alert, alert
    assert written_in(_summary(alert, staff)) == staff, alert

    def card_of(number: int) -> str:
        heads = {"zh": f"新工单 #{number}|", "en": f"New ticket #{number} |"}
        return next(e.text for e in bot_said(world, group) if heads[staff] in e.text)

    await until(lambda: COUNTED[staff] in card_of(6) and COUNTED[staff] in card_of(2))
