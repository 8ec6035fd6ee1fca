"""A location, a venue or a contact the requester sends is shown with its details, not as a
bare label: a tester's `/ticket N` read "[位置]" and "[联系人]" with nothing after them, and the
officer had to open the topic to learn where and whom. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
UTILITIES_GROUP = -1000000000103
PLACES = [
    {"location": {"latitude": 31.230416, "longitude": 121.473701}},
    {
        "venue": {
            "location": {"latitude": 31.2, "longitude": 121.4},
            "title": "幸福路菜市场",
            "address": "幸福路23号",
        },
        "location": {"latitude": 31.2, "longitude": 121.4},
    },
    {"contact": {"phone_number": "+8613800138000", "first_name": "张", "last_name": "三"}},
]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_ticket_n_shows_the_location_venue_and_contact_given(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    for content in PLACES:
        said = len(bot_said(world, REQUESTER))
        await world.user_sends_content(REQUESTER, content)
        await until(lambda s=said: len(bot_said(world, REQUESTER)) > s)
    await world.user_sends(OFFICER, "/ticket 1", GENERAL_GROUP)
    await until(
        lambda: any(
            "公租房" in e.text and "/ticket" not in e.text
            for e in bot_said(world, GENERAL_GROUP)[1:]
        )
    )
    shown = bot_said(world, GENERAL_GROUP)[-1].text
    assert "位置:31.2304, 121.4737" in shown
    assert "幸福路菜市场" in shown and "幸福路23号" in shown
    assert "张三" in shown and "+8613800138000" in shown


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_handoff_form_shows_the_location_and_contact_given(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """The receiving department decides on the form before it accepts: where and whom are
    on it."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    desk_clock.now += timedelta(minutes=5)  # sent after the question, not with it
    for content in (PLACES[0], PLACES[2]):
        copies = len(bot_said(world, GENERAL_GROUP, topic.thread_id))
        await world.user_sends_content(REQUESTER, content)
        # Copied into the ticket's topic: filed.
        await until(lambda c=copies: len(bot_said(world, GENERAL_GROUP, topic.thread_id)) > c)
    await world.user_sends(
        OFFICER, "/transfer utilities 需上门核实 | 请安排走访 | 8", GENERAL_GROUP, topic.thread_id
    )
    form = (await bot_lines(emulator, UTILITIES_GROUP, 1))[0]  # the copies come after it
    assert "位置:31.2304, 121.4737" in form.text
    assert "张三" in form.text and "+8613800138000" in form.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_receiving_department_sees_the_photos_and_voice_before_accepting(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """A tester's receiving department saw the form's words but none of the requester's
    photos or voice message until it accepted: each is copied into its group after the form."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    desk_clock.now += timedelta(minutes=5)
    media = [
        {"photo": [{"file_id": "P1", "file_unique_id": "P1", "width": 9, "height": 9}]},
        {"voice": {"file_id": "V1", "file_unique_id": "V1", "duration": 3}},
        PLACES[0],
    ]
    for content in media:
        copies = len(bot_said(world, GENERAL_GROUP, topic.thread_id))
        await world.user_sends_content(REQUESTER, content)
        await until(lambda c=copies: len(bot_said(world, GENERAL_GROUP, topic.thread_id)) > c)
    await world.user_sends(
        OFFICER, "/transfer utilities 需上门核实 | 请安排走访 | 8", GENERAL_GROUP, topic.thread_id
    )
    await until(lambda: len(bot_said(world, UTILITIES_GROUP)) >= 4)
    form, *copied = bot_said(world, UTILITIES_GROUP)
    assert "转办单" in form.text
    assert [e.kind for e in copied] == ["photo", "voice", "location"]
