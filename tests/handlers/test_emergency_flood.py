"""An emergency reporter is never silenced by the limit against floods (issue 14, SPEC rule
9): someone crying "救命" and twenty times "快来人" within a minute, then the address and that
someone has fainted, has every word filed to the emergency ticket and onto its card; the
supervisors get an updated alert naming the person unconscious; and the flood itself does not
become a flood of outgoing messages: the emergency numbers once (again only when a new danger
is told), the supervisors' alerts merged. End to end over the emulation, both languages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot import lookup
from bot.models import Direction, Ticket, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900

CASES = {
    "zh": (
        REQUESTER,
        "救命",
        "快来人",
        ["我在和平小区7号楼", "楼道里有人晕倒了,没有反应", "地址和平小区7号楼2单元"],
        "有人昏迷或无反应",
        "120",
    ),
    "en": (
        ENGLISH,
        "Help!",
        "please come quickly, help!",
        [
            "I am at Heping estate building 7",
            "someone fainted in the stairwell and is unresponsive",
            "address Heping estate building 7 unit 2",
        ],
        "有人昏迷或无反应",  # the supervisors' language
        "120",
    ),
}


async def _record(desk: Any) -> str:
    async with desk.sessions() as session:
        return str(await lookup.record(session=session, rules=desk.rules, ticket_id=1))


def _management(world: Any) -> list[Any]:
    return bot_said(world, MANAGEMENT)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_an_emergency_reporter_is_never_limited(
    running: tuple[Emulator, App], desk_clock: DeskClock, language: str
) -> None:
    emulator, application = running
    world = emulator.world
    user, first, again, last, unconscious, ambulance = CASES[language]
    await world.user_sends(user, first)
    await until(lambda: any("#1" in line.text for line in _management(world)))
    # 22 messages in 44 seconds: over the limit of 20 a minute.
    for text in [again] * 19 + last:
        desk_clock.now += timedelta(seconds=2)
        await world.user_sends(user, text)
    desk = application.bot_data.desk

    async def filed() -> bool:
        return last[-1] in await _record(desk)

    await until(filed, 20)
    await until(lambda: any(unconscious in line.text for line in _management(world)), 20)
    view = await _record(desk)
    for text in last:
        assert text in view
    said = bot_said(world, user)
    # Never asked to slow down; the numbers not once a message: once, and again for the
    # new danger (someone unconscious: the ambulance).
    slow_down = desk.texts.render("slow_down", language, limit=20)
    assert not [line for line in said if line.text == slow_down]
    numbers = [line for line in said if "119" in line.text]
    assert 1 <= len(numbers) <= 3, [line.text for line in said]
    assert len(said) <= 8, [line.text for line in said]
    assert ambulance in numbers[-1].text
    # The supervisors: the first alert, one naming the person unconscious; not one a message.
    alerts = [line for line in _management(world) if "#1" in line.text]
    assert len(alerts) <= 3, [line.text for line in alerts]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_flood_of_dangers_is_no_flood_of_tickets_or_replies(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """Abuse: someone sending dangers of two kinds in turn, forty times in a minute, is heard
    (never limited), but opens no ticket per message, nor gets a reply per message."""
    emulator, application = running
    world = emulator.world
    for at in range(40):
        desk_clock.now += timedelta(seconds=1)
        await world.user_sends(REQUESTER, "厨房着火了" if at % 2 else "孩子触电了")
    desk = application.bot_data.desk

    async def all_filed() -> bool:
        async with desk.sessions() as session:
            count = await session.scalar(
                select(func.count())
                .select_from(TicketMessage)
                .where(TicketMessage.direction == Direction.IN)
            )
        return (count or 0) >= 38

    await until(all_filed, 30)
    async with desk.sessions() as session:
        tickets = await session.scalar(select(func.count()).select_from(Ticket))
    assert (tickets or 0) <= 2
    assert len(bot_said(world, REQUESTER)) <= 8
    assert len(_management(world)) <= 4
