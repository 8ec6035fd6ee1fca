"""An incident is joined only while it is still being reported (SPEC rule 9; a new user's
trial): two people trapped in the lift of 阳光花园 building 3 were one incident, its update
"已解救" (rescued); four days later a child trapped in that lift joined it, and its requester
was told the person was already rescued. A report joins an open incident while its last
report, or its latest update, is within config `surge.quiet` (2 days); after that it is a new
event, its own ticket. And a new report of a danger to people never hears an update posted
before it: a rescue announced earlier is not theirs. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import DeskClock, bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_surge_estates import _opens

App = Application  # type: ignore[type-arg]
MANAGER, MANAGEMENT_CHAT = 900001, -1000000000900
TRAPPED = {
    "zh": "救命!阳光花园3号楼电梯里困了人,一个老人,已经快半小时了,物业电话打不通",
    "en": "Help! An old man is trapped in the lift of Sunshine Garden building 3, half an hour",
}
AGAIN = {
    "zh": "电梯困人了!阳光花园3号楼的电梯,里面有个小孩",
    "en": "Someone is trapped in the lift! Sunshine Garden building 3, a child is inside",
}
RESCUED = (
    "阳光花园3号楼电梯困人已解救,维保单位正在检修电梯 | The person trapped in the lift is out"
)
HEARD = {"zh": "已解救", "en": "The person trapped in the lift is out"}


def _said(emulator: Emulator, chat_id: int) -> str:
    return "\n".join(e.text for e in bot_said(emulator.world, chat_id))


async def _rescued(emulator: Emulator, first: int, language: str) -> int:
    """Two requesters trapped in one lift: one incident, its rescue posted; its number."""
    await _opens(emulator, first + 1, language, TRAPPED[language], 1)
    await _opens(emulator, first + 2, language, TRAPPED[language], 2)
    world = emulator.world
    await world.user_sends(MANAGER, f"/incident 1 {RESCUED}", MANAGEMENT_CHAT)
    await until(lambda: HEARD[language] in _said(emulator, first + 1))
    return 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_four_days_later_the_same_danger_is_a_new_event(
    running: tuple[Emulator, App], desk_clock: DeskClock, language: str
) -> None:
    emulator, application = running
    first = 741000 if language == "zh" else 742000
    await _rescued(emulator, first, language)
    rows = await all_tickets(application)
    assert [t.incident_id for t in rows] == [1, 1]
    desk_clock.now += timedelta(days=4)
    user = first + 3
    await _opens(emulator, user, language, AGAIN[language], 3)
    await until(lambda: "96333" in _said(emulator, user))
    rows = await all_tickets(application)
    assert HEARD[language] not in _said(emulator, user), _said(emulator, user)
    assert rows[2].incident_id is None, rows[2].incident_id


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_a_danger_joining_an_incident_is_not_told_an_earlier_rescue(
    running: tuple[Emulator, App], desk_clock: DeskClock, language: str
) -> None:
    """Within the incident's life the new report joins it (staff see it is one lift), but
    the rescue posted before it is not its rescue: its requester is not told it; the next
    update reaches them as it reaches the others."""
    emulator, application = running
    first = 743000 if language == "zh" else 744000
    await _rescued(emulator, first, language)
    desk_clock.now += timedelta(hours=3)
    user = first + 3
    await _opens(emulator, user, language, AGAIN[language], 3)
    await until(lambda: "96333" in _said(emulator, user))
    rows = await all_tickets(application)
    assert rows[2].incident_id == 1
    assert HEARD[language] not in _said(emulator, user), _said(emulator, user)
    world = emulator.world
    await world.user_sends(
        MANAGER, "/incident 1 救援人员已到场 | Rescuers are there", MANAGEMENT_CHAT
    )
    now = {"zh": "救援人员已到场", "en": "Rescuers are there"}[language]
    await until(lambda: now in _said(emulator, user))


# The trial's own words: no estate named at first, told when asked where.
WHERE = {"zh": "阳光花园小区3号楼2单元", "en": "Sunshine Garden building 3, unit 2"}
OURS = {
    "zh": "救命!我们小区3号楼电梯里困了人,一个老人,已经快半小时了,物业电话打不通",
    "en": "Help! An old man is trapped in the lift of building 3 of our estate, half an hour",
}
CHILD = {
    "zh": "电梯困人了!3号楼的电梯,里面有个小孩",
    "en": "Someone is trapped in the lift! The lift of building 3, a child is inside",
}
FILED = {"zh": "已记入工单 #{}", "en": "Added to ticket #{}"}


async def _told_where(emulator: Emulator, user: int, language: str, text: str, n: int) -> None:
    """`user` tells someone is trapped, naming no estate (ticket `n`), then where."""
    world = emulator.world
    world.add_user(user, f"R{n}", language)
    await world.user_sends(user, text)
    await until(lambda: f"#{n}" in _said(emulator, user))
    await world.user_sends(user, WHERE[language])
    await until(lambda: FILED[language].format(n) in _said(emulator, user))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_trials_place_told_later_four_days_on_joins_nothing(
    running: tuple[Emulator, App], desk_clock: DeskClock, language: str
) -> None:
    emulator, application = running
    first = 748000 if language == "zh" else 749000
    await _told_where(emulator, first + 1, language, OURS[language], 1)
    await _told_where(emulator, first + 2, language, OURS[language], 2)
    assert [t.incident_id for t in await all_tickets(application)] == [1, 1]
    await emulator.world.user_sends(MANAGER, f"/incident 1 {RESCUED}", MANAGEMENT_CHAT)
    await until(lambda: HEARD[language] in _said(emulator, first + 1))
    desk_clock.now += timedelta(days=4)
    await _told_where(emulator, first + 3, language, CHILD[language], 3)
    assert [t.incident_id for t in await all_tickets(application)] == [1, 1, None]
    assert HEARD[language] not in _said(emulator, first + 3), _said(emulator, first + 3)
