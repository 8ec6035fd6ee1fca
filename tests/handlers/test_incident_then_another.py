"""Issue 14, a fresh tester: a power cut's incident resolved at once (`/incident N resolve`);
a requester answers "来电了,谢谢。不过楼道的灯还是不亮" ("the power is back, thanks, but the
stairwell light still doesn't work"), and the outage ticket was reopened. A careful clerk
hears the outage confirmed solved and the stairwell light as a matter of its own (its own
first inquiry), never the outage reopened. End to end over the emulation, in both languages.
"""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, have_written, until
from tests.handlers.looks import all_tickets
from tests.handlers.opening import open_at_desk

App = Application  # type: ignore[type-arg]
SUPERVISOR, UTILITIES_GROUP = 100390, -1000000000103  # of Utilities (config.yaml)
OUTAGE = [
    (REQUESTER, "zh", "幸福里3号楼停电了"),
    (ENGLISH, "en", "No electricity in Xingfuli building 3"),
    (700001, "zh", "幸福里3号楼停电了,家里没电"),
    (700002, "zh", "幸福里3号楼停电"),
    (700003, "zh", "幸福里3号楼全楼停电了"),
]
SUMMARY = {"zh": "已恢复供电", "en": "Power has been restored"}


async def _outage_resolved(application: App, emulator: Emulator) -> None:
    """Five power cuts of one building, one incident, resolved at once by the supervisor."""
    world = emulator.world
    incident = None
    for user_id, language, text in OUTAGE:
        if user_id not in world.users:
            world.add_user(user_id, f"R{user_id}", language, started=True)
        have_written(world, user_id)
        opened = await open_at_desk(
            application,
            user_id,
            language,
            question=text,
            category="fault_report",
            department="utilities",
            staff_chat_id=UTILITIES_GROUP,
        )
        incident = opened.ticket.incident_id
    assert incident is not None
    command = f"/incident {incident} resolve {SUMMARY['zh']} | {SUMMARY['en']}"
    await world.user_sends(SUPERVISOR, command, UTILITIES_GROUP)
    for user_id, language, _ in OUTAGE:
        await until(
            lambda u=user_id, s=SUMMARY[language]: any(s in e.text for e in bot_said(world, u))
        )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "light"),
    [
        (REQUESTER, "来电了,谢谢。不过楼道的灯还是不亮", "楼道的灯"),
        (REQUESTER, "来电了,谢谢!但是楼道灯还是不亮", "楼道灯"),
        (REQUESTER, "来电了,谢谢。楼道的灯还是不亮", "楼道的灯"),  # no "but" said
        (ENGLISH, "Power is back now. The stairwell light still doesn't work", "stairwell"),
        (
            ENGLISH,
            "The power is back, thanks. But the stairwell light still doesn't work",
            "stairwell",
        ),
        (ENGLISH, "Power's back on, thank you. But the stairwell light is still out", "stairwell"),
    ],
)
async def test_outage_solved_but_another_thing_is_a_matter_of_its_own(
    running: tuple[Emulator, App], requester: int, words: str, light: str
) -> None:
    """The outage ticket is confirmed solved (never reopened); the stairwell light goes on
    as a first inquiry of its own, a ticket once its kind is known."""
    emulator, application = running
    world = emulator.world
    await _outage_resolved(application, emulator)
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, words)
    await until(lambda: len(bot_said(world, requester)) > heard)
    reply = bot_said(world, requester)[-1]
    buttons = [b["callback_data"] for row in getattr(reply, "buttons", []) for b in row]
    if any(c.startswith("cat:") for c in buttons):  # asked what kind of matter it is
        await world.user_presses(requester, requester, reply.message_id, "cat:fault_report")
    await until(lambda: _count(application, len(OUTAGE) + 1))
    found = await all_tickets(application)
    mine = found[[u for u, _, _ in OUTAGE].index(requester)]  # requesters made in this order
    assert mine.status is TicketStatus.CLOSED and mine.reopen_count == 0
    assert light in found[-1].question


async def _count(application: App, count: int) -> bool:
    return len(await all_tickets(application)) >= count


@pytest.mark.parametrize("store", ["sqlite"])
async def test_staff_read_an_incidents_resolution_in_their_language(
    running: tuple[Emulator, App],
) -> None:
    """/ticket N of an English requester's ticket resolved with the incident: the Chinese
    staff read the Chinese summary (a fresh tester's finding: "办结:Power has been
    restored"), while the requester keeps the English one."""
    emulator, application = running
    world = emulator.world
    await _outage_resolved(application, emulator)
    heard = len(bot_said(world, UTILITIES_GROUP))
    number = [u for u, _, _ in OUTAGE].index(ENGLISH) + 1
    await world.user_sends(100301, f"/ticket {number}", UTILITIES_GROUP)
    await until(lambda: len(bot_said(world, UTILITIES_GROUP)) > heard)
    record = bot_said(world, UTILITIES_GROUP)[-1].text
    assert f"办结:{SUMMARY['zh']}" in record and SUMMARY["en"] not in record, record
    heard = len(bot_said(world, ENGLISH))
    await world.user_sends(ENGLISH, "/status")
    await until(lambda: len(bot_said(world, ENGLISH)) > heard)
    assert SUMMARY["en"] in bot_said(world, ENGLISH)[-1].text
