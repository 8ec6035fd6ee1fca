"""A surge is told by the requester's own matter (SPEC rule 9), not by a notice they passed on
nor by a kind of service many people ask for alone. A tester's two requesters typed a notice
("通知:本周六停水") and then reported their own kitchen leak: both were linked to the water-cut
incident, while a genuine report ("幸福路3号楼停水了,家里没水做饭") was left out. Five people
each asking to replace their own lost ID card were declared a mass incident and raised to
urgent, one claimed ticket's deadline shortened with no word to anyone. End to end over the
emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_lines, bot_said, only_topic, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
MANAGEMENT_CHAT = -1000000000900


async def _opens(emulator: Emulator, user_id: int, texts: list[str], number: int) -> None:
    """`user_id` sends each text, each after the bot's answer to the one before (pressing
    "None of these" when the last is answered with "did you mean" offers), until the bot
    tells them of ticket `number`."""
    world = emulator.world
    for text in texts:
        said = len(bot_said(world, user_id))
        await world.user_sends(user_id, text)
        await until(lambda s=said: len(bot_said(world, user_id)) > s)
    last = bot_said(world, user_id)[-1]
    if any(button["callback_data"] == "human" for row in last.buttons for button in row):
        await world.user_presses(user_id, user_id, last.message_id, "human")
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
                # Searched alone, as with no notice before it: "did you mean" (the parking
                # complaint's), then "None of these".
                "My kitchen pipe is leaking, please send someone",
            ],
        ),
        (702004, "en", ["There is no water in our flat, what is going on?"]),
        (702005, "zh", ["小区停水一整天了什么时候恢复"]),
        (702006, "zh", ["家里停水了,什么时候恢复供水"]),
        # Naming no road nor estate, as the others: a report naming one would not be
        # guessed to be of their water cut (test_surge_guess.py).
        (702007, "zh", ["3号楼停水了,家里没水做饭"]),
    ]
    for number, (user_id, language, texts) in enumerate(reports, start=1):
        world.add_user(user_id, f"R{number}", language)
        await _opens(emulator, user_id, texts, number)
    rows = await all_tickets(application)
    assert [t.id for t in rows] == [1, 2, 3, 4, 5, 6, 7]
    incident = rows[1].incident_id
    assert incident is not None
    assert [t.id for t in rows if t.incident_id == incident] == [2, 4, 5, 6, 7]
    assert rows[0].incident_id is None and rows[2].incident_id is None  # the two leaks
    await until(lambda: any("群体性事件" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))


async def _claimed_first(emulator: Emulator, application: App, user_id: int) -> tuple[Any, int]:
    """Ticket #1 (of `user_id`), claimed from its card by an officer of its department: its
    forum topic, and its staff group's id."""
    world = emulator.world
    ticket = (await all_tickets(application))[0]
    group = ticket.staff_chat_id
    assert group is not None
    department = application.bot_data.desk.settings.department(ticket.department_key)
    (card,) = await bot_lines(emulator, group, 1)
    await world.user_presses(department.officers[0].user_id, group, card.message_id, "claim:1")
    topic = await only_topic(world, group)
    officer = department.officers[0]
    names = (officer.name, *officer.also_known_as)  # named in the requester's language
    await until(lambda: any(n in bot_said(world, user_id)[-1].text for n in names))
    return topic, group


ID_CARDS = [
    (703001, "zh", ["身份证丢了怎么补办", "没用"]),
    (703002, "en", ["I lost my ID card, how do I replace it?", "that didn't help"]),
    (703003, "zh", ["身份证丢了怎么补办", "没用"]),
    (703004, "en", ["I lost my ID card, how do I replace it?", "that didn't help"]),
    (703005, "zh", ["身份证丢了怎么补办", "没用"]),
]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_five_people_s_own_lost_id_cards_are_no_mass_incident(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    for number, (user_id, language, texts) in enumerate(ID_CARDS, start=1):
        world.add_user(user_id, f"R{number}", language)
        await _opens(emulator, user_id, texts, number)
        if number == 1:
            await _claimed_first(emulator, application, user_id)
            promised = (await all_tickets(application))[0].resolution_due_at
            told = len(bot_said(world, user_id))
    rows = await all_tickets(application)
    assert [t.id for t in rows] == [1, 2, 3, 4, 5]
    assert {t.category for t in rows} == {"service_request"}
    assert [t.incident_id for t in rows] == [None] * 5
    assert {t.priority for t in rows} == {"normal"}
    assert rows[0].resolution_due_at == promised  # the claimed one's promise kept
    assert len(bot_said(world, ID_CARDS[0][0])) == told  # nothing new to its requester
    assert not [e for e in bot_said(world, MANAGEMENT_CHAT) if "群体性事件" in e.text]


LIFT = [
    "小区电梯又坏了,老人下不了楼",
    "我们小区电梯又坏了,老人没法下楼",
    "电梯又坏了 老人下不了楼!",
    "小区的电梯又坏了,家里老人下不了楼",
    "小区电梯又坏了,老人都下不了楼了",
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("language", "promise"),
    [
        ("zh", "已调整为特急处理,我们将在"),
        ("en", "is now handled as Urgent; we will settle it by"),
    ],
)
async def test_a_claimed_ticket_an_incident_raises_tells_its_owner_and_requester(
    running: tuple[Emulator, App], language: str, promise: str
) -> None:
    emulator, application = running
    world = emulator.world
    for number, text in enumerate(LIFT, start=1):
        user_id = 704000 + number
        world.add_user(user_id, f"R{number}", language if number == 1 else "zh")
        if number == 1 and language != "zh":  # they chose to read it, though they write Chinese
            await world.user_sends(user_id, f"/lang {language}")
            await until(lambda u=user_id: len(bot_said(world, u)) == 1)
        await _opens(emulator, user_id, [text], number)
        if number == 1:
            topic, group = await _claimed_first(emulator, application, user_id)
            before = (await all_tickets(application))[0].resolution_due_at
    rows = await all_tickets(application)
    assert rows[0].incident_id is not None and rows[0].priority == "urgent"
    assert rows[0].resolution_due_at is not None and before is not None
    assert rows[0].resolution_due_at < before  # its promise moved
    # Its owner hears in its topic; its requester hears the new promise, in their language.
    await until(
        lambda: any("优先级调整为特急" in e.text for e in bot_said(world, group, topic.thread_id))
    )
    await until(lambda: any(promise in e.text for e in bot_said(world, 704001)))
