"""What an /incident update does beyond reaching the requesters linked when it is posted (SPEC
rule 9): testers found a requester linked after the update never got it and the supervisors
never heard the incident grew; a Chinese-only update reached English requesters with no word to
anyone; and the linked tickets still escalated "first response overdue" after the update. End
to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import LedgerEntry, Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import DeskClock, bot_said, until
from tests.handlers.test_surge_matter import LIFT, _opens

App = Application  # type: ignore[type-arg]
MANAGER, MANAGEMENT_CHAT = 900001, -1000000000900
FIRST = 708001
UPDATE = "维修人员已到场,预计今晚18点前恢复运行"


async def _incident(emulator: Emulator, application: App, languages: list[str]) -> int:
    """Five lift complaints (the first requester's language first), linked as one incident."""
    world = emulator.world
    for number, (text, language) in enumerate(zip(LIFT, languages, strict=True), start=1):
        user_id = FIRST + number - 1
        world.add_user(user_id, f"R{number}", language)
        if language != "zh":  # they chose to read it (/lang), though they write Chinese
            await world.user_sends(user_id, f"/lang {language}")
            await until(lambda u=user_id: len(bot_said(world, u)) == 1)
        await _opens(emulator, user_id, [text], number)
    async with application.bot_data.desk.sessions() as session:
        rows = list(await session.scalars(select(Ticket).order_by(Ticket.id)))
    assert {t.incident_id for t in rows} == {rows[0].incident_id} and rows[0].incident_id
    return rows[0].incident_id


def _said(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


async def _posted(emulator: Emulator, incident_id: int, text: str) -> str:
    before = len(_said(emulator, MANAGEMENT_CHAT))
    await emulator.world.user_sends(MANAGER, f"/incident {incident_id} {text}", MANAGEMENT_CHAT)
    await until(
        lambda: any("已将进展发给" in t for t in _said(emulator, MANAGEMENT_CHAT)[before:])
    )
    (posted,) = [t for t in _said(emulator, MANAGEMENT_CHAT)[before:] if "已将进展发给" in t]
    return posted


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_late_joiner_gets_the_latest_update_and_the_supervisors_hear_of_them(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    incident_id = await _incident(emulator, application, ["zh"] * 5)
    await _posted(emulator, incident_id, UPDATE)
    alerts = len([t for t in _said(emulator, MANAGEMENT_CHAT) if f"#{incident_id}" in t])
    joiner = FIRST + 10
    emulator.world.add_user(joiner, "R6", "zh")
    await _opens(emulator, joiner, ["小区的电梯又坏了,老人下不了楼,已经两天了"], 6)
    await until(lambda: any(UPDATE in t for t in _said(emulator, joiner)))
    await until(
        lambda: (
            len([t for t in _said(emulator, MANAGEMENT_CHAT) if f"#{incident_id}" in t]) > alerts
        )
    )
    grown = [t for t in _said(emulator, MANAGEMENT_CHAT) if f"#{incident_id}" in t][-1]
    assert "#6" in grown and "6" in grown


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_update_in_one_language_is_flagged_to_the_poster_and_the_requester(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    incident_id = await _incident(emulator, application, ["en", "zh", "zh", "zh", "zh"])
    posted = await _posted(emulator, incident_id, UPDATE)
    assert "#1" in posted and "英文" in posted  # whose language the update is not in
    await until(lambda: any(UPDATE in t for t in _said(emulator, FIRST)))
    (heard,) = [t for t in _said(emulator, FIRST) if UPDATE in t]
    assert "in Chinese" in heard
    (chinese,) = [t for t in _said(emulator, FIRST + 1) if UPDATE in t]
    assert "Chinese" not in chinese and "英文" not in chinese


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_update_is_the_first_response_of_every_linked_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    incident_id = await _incident(emulator, application, ["zh"] * 5)
    await _posted(emulator, incident_id, UPDATE)
    desk_clock.now += timedelta(hours=8)
    await sweep(DeskContext(application))
    everything = [t for chat in emulator.world.transcripts for t in _said(emulator, chat)]
    assert not [t for t in everything if "预警" in t and "首次响应" in t]
    async with application.bot_data.desk.sessions() as session:
        breaches = list(await session.scalars(select(LedgerEntry.kind)))
    assert "missed_first_response" not in [str(b) for b in breaches]
