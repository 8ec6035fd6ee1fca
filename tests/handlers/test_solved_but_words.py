"""Issue 14, a fresh tester: "solved, but" words after a resolution. "解决了,但是处理结果不准确"
("Solved, but the resolution is inaccurate") closed the ticket as solved with a remark on the
service; "修好了,但是电梯还是不能用" after a power cut reopened the power ticket. A careful
clerk hears a resolution said to be wrong or incomplete as not solved (the owner is told, the
ticket is not closed), and another thing still broken as a matter of its own (its own first
inquiry), while the same thing still broken reopens the ticket. End to end over the emulation.
"""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    only_topic,
    until,
)
from tests.handlers.looks import all_tickets
from tests.handlers.test_after_resolution import OFFICER, _resolved

App = Application  # type: ignore[type-arg]
QUESTION = {ENGLISH: "I want to apply for public rental housing", REQUESTER: "我想申请公租房"}
POWER = {
    ENGLISH: "There is no electricity in Xingfuli building 3 since this morning",
    REQUESTER: "幸福里3号楼从早上开始停电了",
}


UTILITIES_OFFICER, UTILITIES_GROUP = 100301, -1000000000103


async def _power_resolved(emulator: Emulator, requester: int) -> int:
    """A power cut of `requester`'s, claimed by the utilities and resolved: bot lines so far."""
    world = emulator.world
    await world.user_sends(requester, POWER[requester])
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    heard = len(await bot_lines(emulator, requester, 2))
    await world.user_presses(UTILITIES_OFFICER, UTILITIES_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, requester, heard + 1)
    topic = await only_topic(world, UTILITIES_GROUP)
    await world.user_sends(
        UTILITIES_OFFICER, "/resolve 已恢复供电", UTILITIES_GROUP, topic.thread_id
    )
    lines = await bot_lines(emulator, requester, heard + 2)
    assert "已恢复供电" in lines[-1].text
    return len(lines)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "told"),
    [
        (REQUESTER, "解决了,但是处理结果不准确", "重新打开"),
        (REQUESTER, "修好了,不过只修了一半", "重新打开"),
        (ENGLISH, "Solved, but the resolution is inaccurate", "reopened"),
        (ENGLISH, "Fixed, but the result is wrong", "reopened"),
    ],
)
async def test_solved_but_the_resolution_wrong_is_not_solved(
    running: tuple[Emulator, App], requester: int, words: str, told: str
) -> None:
    """The resolution said to be wrong or incomplete after "solved, but": the ticket is
    reopened to its owner, who reads the words in the topic; it is never closed."""
    emulator, application = running
    world = emulator.world
    thread, heard = await _resolved(emulator, requester, QUESTION[requester])
    await world.user_sends(requester, words)
    assert told in (await bot_lines(emulator, requester, heard + 1))[-1].text
    (ticket,) = await all_tickets(application)
    assert ticket.status is TicketStatus.CLAIMED and ticket.owner_id == OFFICER
    await until(
        lambda: any(
            words in e.text and e.thread_id == thread for e in world.transcripts[GENERAL_GROUP]
        )
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "lift"),
    [
        (REQUESTER, "修好了,但是电梯还是不能用", "电梯"),
        (ENGLISH, "Fixed, but the lift still doesn't work", "lift"),
    ],
)
async def test_solved_but_another_thing_broken_is_a_matter_of_its_own(
    running: tuple[Emulator, App], requester: int, words: str, lift: str
) -> None:
    """A power cut resolved; "fixed, but the lift still doesn't work": the power ticket is
    confirmed solved, the lift a first inquiry of its own (its own ticket)."""
    emulator, application = running
    world = emulator.world
    heard = await _power_resolved(emulator, requester)
    await world.user_sends(requester, words)
    reply = (await bot_lines(emulator, requester, heard + 1))[-1]
    buttons = [b["callback_data"] for row in getattr(reply, "buttons", []) for b in row]
    if any(c.startswith("cat:") for c in buttons):
        await world.user_presses(requester, requester, reply.message_id, "cat:fault_report")
    await until(lambda: _count(application, 2))
    power, other = await all_tickets(application)
    assert power.status is TicketStatus.CLOSED and power.reopen_count == 0
    assert lift in other.question


async def _count(application: App, count: int) -> bool:
    return len(await all_tickets(application)) >= count


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "told"),
    [
        (REQUESTER, "修好了,但是还是停电", "重新打开"),
        (ENGLISH, "Fixed, but there is still no electricity", "reopened"),
    ],
)
async def test_solved_but_the_same_thing_broken_reopens(
    running: tuple[Emulator, App], requester: int, words: str, told: str
) -> None:
    emulator, application = running
    heard = await _power_resolved(emulator, requester)
    await emulator.world.user_sends(requester, words)
    assert told in (await bot_lines(emulator, requester, heard + 1))[-1].text
    (ticket,) = await all_tickets(application)
    assert ticket.status is TicketStatus.CLAIMED and ticket.reopen_count == 1
