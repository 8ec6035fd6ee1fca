"""A mass incident is one event at one place (SPEC rule 9): testers found "人民幸福路23号" read
as "幸福路23号" (a road name was read as its last two characters), so a light on another road
joined an incident; a power cut in 幸福里 and one in 和平小区 were one incident; English reports
of the 幸福里 power cut ("Xingfuli building 3 is dark") were left out of it; and a requester
whose ticket joined an incident heard its update before their own ticket's promise. End to
end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
MANAGER, MANAGEMENT_CHAT = 900001, -1000000000900


async def _opens(emulator: Emulator, user_id: int, language: str, text: str, number: int) -> None:
    """A requester of their own sends `text`; their ticket `number` is opened (a fault report
    when the bot asks the category; "None of these" when it offers templates)."""
    world = emulator.world
    world.add_user(user_id, f"R{number}", language)
    await world.user_sends(user_id, text)
    await until(lambda: bool(bot_said(world, user_id)))
    last = bot_said(world, user_id)[-1]
    buttons = [b["callback_data"] for row in last.buttons for b in row]
    for press in ("cat:fault_report", "human"):
        if press in buttons:
            await world.user_presses(user_id, user_id, last.message_id, press)
    await until(lambda: any(f"#{number}" in e.text for e in bot_said(world, user_id)))


async def _all_open(emulator: Emulator, first_user: int, reports: list[tuple[str, str]]) -> None:
    for number, (language, text) in enumerate(reports, start=1):
        await _opens(emulator, first_user + number, language, text, number)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_light_on_a_road_of_a_longer_name_is_another_light(
    running: tuple[Emulator, App],
) -> None:
    """人民幸福路 is not 幸福路: four reports of one light there and one of a light on 人民幸福路
    are no five reports of one light."""
    emulator, application = running
    reports = [
        ("zh", "幸福路23号门口的路灯坏了,晚上一片漆黑"),
        ("zh", "幸福路23号门口路灯不亮了"),
        ("zh", "我家住在人民幸福路23号,门口的路灯坏了"),
        ("zh", "幸福路23号门口路灯坏了好几天"),
        ("zh", "幸福路23号门口那盏路灯一直不亮"),
    ]
    await _all_open(emulator, 711000, reports)
    rows = await all_tickets(application)
    assert [t.id for t in rows] == [1, 2, 3, 4, 5]
    assert [t.incident_id for t in rows] == [None] * 5


XINGFULI = [
    ("zh", "幸福里3号楼停电了"),
    ("en", "Xingfuli building 3 is dark"),
    ("zh", "幸福里5号楼也停电了,什么时候来电"),
    ("en", "Xingfuli has had no power since 8pm"),
    ("zh", "我住在幸福里,整个小区都停电了"),
]
HEPING = [
    ("zh", "和平小区停电了"),
    ("zh", "和平小区2号楼停电了,什么时候来电"),
    ("zh", "和平小区整个停电了"),
    ("zh", "我家在和平小区,停电两个小时了"),
    ("en", "Heping Estate has had no power for two hours"),
]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_one_estate_s_power_cut_in_both_languages_is_one_incident_and_no_other_s(
    running: tuple[Emulator, App],
) -> None:
    """Power cuts of 幸福里 and of 和平小区, in Chinese and English ("Xingfuli", "Heping
    Estate": their names in config `surge.places`), interleaved: while 和平小区 has four
    reports, the five of 幸福里 are one incident and 和平小区's are linked to nothing (four
    are not the five a surge needs); its fifth makes a second incident of its own."""
    emulator, application = running
    reports = [XINGFULI[0], HEPING[0], XINGFULI[1], HEPING[1], XINGFULI[2], HEPING[2]]
    reports += [XINGFULI[3], HEPING[3], XINGFULI[4]]
    await _all_open(emulator, 712000, reports)
    rows = await all_tickets(application)
    assert len(rows) == 9
    incident = rows[0].incident_id
    assert incident is not None
    assert [t.id for t in rows if t.incident_id == incident] == [1, 3, 5, 7, 9]
    assert [t.incident_id for t in rows if t.id in (2, 4, 6, 8)] == [None] * 4
    await _opens(emulator, 712100, *HEPING[4], 10)
    rows = await all_tickets(application)
    other = rows[1].incident_id
    assert other is not None and other != incident
    assert [t.id for t in rows if t.incident_id == other] == [2, 4, 6, 8, 10]
    assert [t.id for t in rows if t.incident_id == incident] == [1, 3, 5, 7, 9]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_joiner_hears_their_own_promise_then_the_incident_s_update(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await _all_open(emulator, 713000, XINGFULI)
    incident = (await all_tickets(application))[0].incident_id
    assert incident is not None
    update = "供电抢修人员已到场,预计22点前恢复 | Repair crew on site, power back by 22:00"
    await world.user_sends(MANAGER, f"/incident {incident} {update}", MANAGEMENT_CHAT)
    await until(lambda: any("已将进展发给" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    for number, (user_id, language, text, words) in enumerate(
        [
            (713101, "zh", "幸福里7号楼停电了", "预计22点前恢复"),
            (713102, "en", "No power in Xingfuli building 2 either", "power back by 22:00"),
        ],
        start=6,
    ):
        await _opens(emulator, user_id, language, text, number)
        await until(lambda u=user_id, w=words: any(w in e.text for e in bot_said(world, u)))
        said = [e.text for e in bot_said(world, user_id)]
        promise = next(n for n, t in enumerate(said) if f"#{number}" in t and words not in t)
        told = next(n for n, t in enumerate(said) if words in t)
        assert promise < told, said
