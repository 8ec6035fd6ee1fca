"""A new-user trial: five requesters each wrote "我家楼上漏水" (water leaking from the flat
upstairs into my home), no place named, and the bot linked them as one 群体性事件, raised them
all to 特急 with shorter deadlines and alerted management: five households' own leaks, not one
event (bot/home_words.py). The same in English. Five reports of the estate's lift, unnamed as
the estate is, are still one incident. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
MANAGEMENT_CHAT = -1000000000900
LEAKS = {
    "zh": ["我家楼上漏水", "我家楼上漏水", "我家天花板漏水了", "我家楼上漏水", "楼上漏水到我家了"],
    "en": [
        "Water is leaking from the flat above into my home",
        "Water is leaking from the flat above into my home",
        "Water is leaking from the flat upstairs into my flat",
        "Water is leaking from the flat above into my home",
        "Water from the apartment above is leaking into my apartment",
    ],
}


async def _all_open(
    emulator: Emulator, first_user: int, language: str, reports: list[str]
) -> None:
    """Each report sent by a requester of its own, its ticket opened (a fault report when the
    bot asks the category; "None of these" when it offers templates) before the next."""
    world = emulator.world
    for number, text in enumerate(reports, start=1):
        user_id = first_user + number
        world.add_user(user_id, f"R{number}", language)
        await world.user_sends(user_id, text)
        await until(lambda u=user_id: bool(bot_said(world, u)))
        last = bot_said(world, user_id)[-1]
        buttons = [b["callback_data"] for row in last.buttons for b in row]
        for press in ("cat:fault_report", "human"):
            if press in buttons:
                await world.user_presses(user_id, user_id, last.message_id, press)
        await until(lambda u=user_id, n=number: any(f"#{n}" in e.text for e in bot_said(world, u)))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_five_households_leaks_from_upstairs_are_no_incident(
    running: tuple[Emulator, App], language: str
) -> None:
    emulator, application = running
    await _all_open(emulator, 707000, language, LEAKS[language])
    rows = await all_tickets(application)
    assert [t.id for t in rows] == [1, 2, 3, 4, 5]
    assert [t.incident_id for t in rows] == [None] * 5
    assert {t.priority for t in rows} == {"normal"}
    assert not [e for e in bot_said(emulator.world, MANAGEMENT_CHAT) if "群体性事件" in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_five_reports_of_the_estates_lift_are_one_incident(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    reports = [
        "小区电梯又坏了",
        "小区电梯又坏了",
        "小区的电梯又坏了,家里老人下不了楼",
        "小区电梯又坏了",
        "我们小区电梯又坏了",
    ]
    await _all_open(emulator, 708000, "zh", reports)
    rows = await all_tickets(application)
    assert [t.id for t in rows] == [1, 2, 3, 4, 5]
    assert {t.incident_id for t in rows} == {rows[0].incident_id} != {None}
    assert {t.priority for t in rows} == {"urgent"}
    await until(
        lambda: any("群体性事件" in e.text for e in bot_said(emulator.world, MANAGEMENT_CHAT))
    )
