"""A surge is told by the requester's own matter (SPEC rule 9), not by a notice they passed on
nor by a kind of service many people ask for alone. A tester's two requesters typed a notice
("通知:本周六停水") and then reported their own kitchen leak: both were linked to the water-cut
incident, while a genuine report ("幸福路3号楼停水了,家里没水做饭") was left out. Five people
each asking to replace their own lost ID card were declared a mass incident and raised to
urgent, one claimed ticket's deadline shortened with no word to anyone. End to end over the
emulation."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until

App = Application  # type: ignore[type-arg]
MANAGEMENT_CHAT = -1000000000900


async def _tickets(application: App) -> list[Ticket]:
    async with application.bot_data.desk.sessions() as session:
        return list(await session.scalars(select(Ticket).order_by(Ticket.id)))


async def _opens(emulator: Emulator, user_id: int, texts: list[str], number: int) -> None:
    """`user_id` sends each text, each after the bot's answer to the one before, until the
    bot tells them of ticket `number`."""
    world = emulator.world
    for text in texts:
        said = len(bot_said(world, user_id))
        await world.user_sends(user_id, text)
        await until(lambda s=said: len(bot_said(world, user_id)) > s)
    await until(lambda: any(f"#{number}" in e.text for e in bot_said(world, user_id)))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_notice_passed_on_links_no_leak_and_every_water_cut_is_linked(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    reports = [
        (702001, "zh", ["通知:本周六停水", "我家厨房水管漏水了,请派人来修"]),
        (702002, "zh", ["我们小区停水了"]),
        (
            702003,
            "en",
            [
                "Notice: water will be off this Saturday",
                "My kitchen pipe is leaking, please send someone",
            ],
        ),
        (702004, "en", ["There is no water in our flat, what is going on?"]),
        (702005, "zh", ["小区停水一整天了什么时候恢复"]),
        (702006, "zh", ["家里停水了,什么时候恢复供水"]),
        (702007, "zh", ["幸福路3号楼停水了,家里没水做饭"]),
    ]
    for number, (user_id, language, texts) in enumerate(reports, start=1):
        world.add_user(user_id, f"R{number}", language)
        await _opens(emulator, user_id, texts, number)
    rows = await _tickets(application)
    assert [t.id for t in rows] == [1, 2, 3, 4, 5, 6, 7]
    incident = rows[1].incident_id
    assert incident is not None
    assert [t.id for t in rows if t.incident_id == incident] == [2, 4, 5, 6, 7]
    assert rows[0].incident_id is None and rows[2].incident_id is None  # the two leaks
    await until(lambda: any("群体性事件" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
