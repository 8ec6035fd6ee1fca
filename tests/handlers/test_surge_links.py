"""A surge links the tickets about one matter, not those of one category (SPEC rule 9): a
tester's water-cut reports written in English were left out of the water-cut incident, and a
leak was linked to an unrelated one. Seven requesters write to the bot: three water cuts in
Chinese, two in English, a leak and an empty plot; the incident links the five water cuts
and nothing else. End to end over the emulation."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until

App = Application  # type: ignore[type-arg]
MANAGEMENT_CHAT = -1000000000900
REPORTS = [
    (701001, "zh", "楼上水管漏水了,水流到我家天花板"),
    (701002, "zh", "我们小区停水了"),
    (701003, "en", "There is no water in our flat, what is going on?"),
    (701004, "zh", "我要投诉小区旁边的空地堆满垃圾没人管"),
    (701005, "zh", "小区停水一整天了什么时候恢复"),
    (701006, "en", "We have no water at home, when will the water supply come back?"),
    (701007, "zh", "家里停水了,什么时候恢复供水"),
]
WATER_CUTS = [2, 3, 5, 6, 7]  # the tickets' numbers, in the order they are opened


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_water_cut_incident_links_every_water_cut_in_both_languages_and_no_other(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    for number, (user_id, language, text) in enumerate(REPORTS, start=1):
        world.add_user(user_id, f"R{number}", language)
        await world.user_sends(user_id, text)
        # Each one's ticket opened (an answer first for a water cut) before the next writes.
        await until(lambda u=user_id, n=number: any(f"#{n}" in e.text for e in bot_said(world, u)))
    async with application.bot_data.desk.sessions() as session:
        rows = list(await session.scalars(select(Ticket).order_by(Ticket.id)))
    assert [t.id for t in rows] == [1, 2, 3, 4, 5, 6, 7]
    incident = rows[1].incident_id
    assert incident is not None
    assert [t.id for t in rows if t.incident_id == incident] == WATER_CUTS
    assert rows[0].incident_id is None and rows[3].incident_id is None  # the leak, the plot
    assert {t.priority for t in rows if t.id in WATER_CUTS} == {"urgent"}
    # The supervisors hear of one incident, of the five water cuts.
    await until(lambda: any("群体性事件" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    (alert,) = [e for e in bot_said(world, MANAGEMENT_CHAT) if "群体性事件" in e.text]
    assert "#2、#3、#5、#6、#7" in alert.text
