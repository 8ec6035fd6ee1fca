"""Emergencies phrased naturally (issue 14, a fresh tester's round), end to end over the
emulation: someone trapped in a lift said in words of their own ("电梯坏了,困人了!", "lift
broke down with my kid inside") opens an urgent fault report at once, the lift rescue line
first, the supervisors alerted, no category buttons; a stolen manhole cover or a pothole a
cyclist fell in, reported at 01:30 (an album's caption too), is a public-safety hazard
handled on the 24-hour clock (first reply due in minutes, not at 10:00), never offered
unrelated templates; someone on an oxygen machine told of a planned power cut in a notice
they forwarded first hears the advice (the power line, the ambulance, backup power) and is
urgent; an elderly person or a baby at home without heating makes the ticket urgent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)
from tests.handlers.looks import ticket_no
from tests.handlers.test_every_kind import control
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
# 01:30 in the desk's time zone (Asia/Shanghai), Tuesday 1 December 2026.
NIGHT = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)


async def _urgent_at_once(emulator: Emulator, application: App, user: int) -> list[Any]:
    """Ticket #1 urgent, a fault report, its first reply due within the hour on the 24-hour
    clock, the supervisors alerted, no buttons offered: what the requester was told."""
    world = emulator.world
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert (ticket.priority, ticket.category) == ("urgent", "fault_report")
    assert ticket.first_response_due_at is not None
    assert ticket.first_response_due_at - ticket.opened_at <= timedelta(minutes=30)
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    assert any("#1" in line.text for line in alert)
    said = bot_said(world, user)
    assert not [line for line in said if line.buttons]
    return said


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "电梯坏了,困人了!"),
        (REQUESTER, "我妈在电梯里,电梯停在半空了"),
        (ENGLISH, "lift broke down with my kid inside"),
    ],
)
async def test_someone_in_a_broken_lift_is_an_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, text)
    said = await _urgent_at_once(emulator, application, user)
    assert "96333" in said[0].text
    assert "119" not in said[0].text  # the lift rescue line alone (issue 14)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "这是我家楼下的井盖,被人偷了,很危险"),
        (ENGLISH, "There is an open manhole outside building 4, the cover is missing"),
    ],
)
async def test_a_missing_manhole_cover_at_night_is_on_the_24_hour_clock(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int, text: str
) -> None:
    emulator, application = running
    desk_clock.now = NIGHT
    await emulator.world.user_sends(user, text)
    said = await _urgent_at_once(emulator, application, user)
    assert "110" in said[0].text
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.first_response_due_at is not None
    assert ticket.first_response_due_at.replace(tzinfo=UTC) < NIGHT + timedelta(hours=1)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_pothole_someone_fell_in_is_a_road_hazard_not_template_offers(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    desk_clock.now = NIGHT
    caption = "Pothole on Elm Street, a cyclist fell here yesterday"
    await emulator.world.user_sends_album(ENGLISH, [photo("P1"), photo("P2")], caption)
    said = await _urgent_at_once(emulator, application, ENGLISH)
    text = " ".join(e.text for e in said)
    for unrelated in ("street light", "Street light", "gas leak", "Gas leak", "closing"):
        assert unrelated not in text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "暖气不热,家里有老人,晚上冻得睡不着"),
        (ENGLISH, "No heating in our flat and we have a newborn baby"),
    ],
)
async def test_a_vulnerable_person_without_heating_is_urgent(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    for _ in range(4):  # through any offers and the category question to a person
        if await ticket_no(application, 1) is not None:
            break
        count = len(bot_said(world, user))
        await until(lambda n=count: len(bot_said(world, user)) >= max(n, 1))  # type: ignore[misc]
        last = bot_said(world, user)[-1]
        pressed = [
            b["callback_data"]
            for row in last.buttons
            for b in row
            if b["callback_data"] == "human" or b["text"] in ("故障报修", "Fault report")
        ]
        if not pressed:
            await until(lambda: _opened(application))
            break
        await world.user_presses(user, user, last.message_id, pressed[0])
        await until(lambda n=count: len(bot_said(world, user)) > n)  # type: ignore[misc]
    await until(lambda: _opened(application))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"


async def _opened(application: App) -> bool:
    return await ticket_no(application, 1) is not None


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "notice", "text", "advice"),
    [
        (
            REQUESTER,
            "【停电通知】因线路检修,12月3日8:00-18:00幸福小区停电。",
            "我家是幸福小区的,家里有人用制氧机,怎么办?",
            "备用",
        ),
        (
            ENGLISH,
            "Power cut notice: Xingfu Estate, 3 December 8:00-18:00, for line maintenance.",
            "I live in Xingfu Estate and my father uses an oxygen machine, what should I do?",
            "backup",
        ),
    ],
)
async def test_an_oxygen_machine_in_a_forwarded_outage_gets_the_advice(
    running: tuple[Emulator, App], user: int, notice: str, text: str, advice: str
) -> None:
    emulator, application = running
    world = emulator.world
    await control(emulator, "forwards", {"user_id": user, "text": notice, "origin": "channel"})
    await bot_lines(emulator, user, 1)
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)[count:]))
    told = " ".join(e.text for e in bot_said(world, user)[count:])
    assert advice in told and "120" in told
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    assert ticket.first_response_due_at is not None
    assert ticket.first_response_due_at - ticket.opened_at <= timedelta(minutes=30)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_did_you_mean_offers_only_templates_close_enough(
    running: tuple[Emulator, App],
) -> None:
    """A pothole's photos come near the road repair's template (first) and perhaps the street
    light's; a power cut's and small business tax's, far from them, are not offered beside it
    (as a gas leak and closing a business were beside the pothole a cyclist fell in)."""
    emulator, _application = running
    world = emulator.world
    caption = "Pothole on Elm Street, photos attached"
    await world.user_sends_album(ENGLISH, [photo("P1"), photo("P2")], caption)
    await until(lambda: any(e.buttons for e in bot_said(world, ENGLISH)))
    offered = [
        b["callback_data"] for e in bot_said(world, ENGLISH) for row in e.buttons for b in row
    ]
    assert "kb:power-outage" not in offered and "kb:tax-small-business" not in offered
    templates = [o for o in offered if o.startswith("kb:")]
    assert templates[0] == "kb:road-repair", offered
    assert not set(templates) - {"kb:road-repair", "kb:streetlight-fault"}, offered
