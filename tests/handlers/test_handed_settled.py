"""A ticket handed to another department that accepted it (SPEC rule 7; issue 14, a tester:
"the accepting department is not told when the ticket is resolved"): that department hears,
once each, under its handoff form, that the ticket was resolved (with the summary), reopened
(the requester says it is not solved) and closed (confirmed), in the staff's language
(config `languages.default`); the requester's words stop reaching it once settled, and reach
it again once reopened. End to end over the emulation."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.models import Ticket, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    staff_speaking,
    until,
)
from tests.handlers.test_handed_over import replies_to

App = Application  # type: ignore[type-arg]
OFFICER = 100101
UTILITIES_GROUP, UTILITIES_OFFICER = -1000000000103, 100301
SUMMARY = "已上门更换水管"
AUTO_CLOSED = {
    "zh": "📌 工单 #1 诉求人超时未确认,工单已自动关闭。",
    "en": "📌 Ticket #1: the requester did not answer in time; the ticket closed by itself.",
}
TOLD = {
    "zh": {
        "resolved": "📌 工单 #1 已由首问负责人 {owner} 办结:" + SUMMARY + "。",
        "reopened": "📌 工单 #1 诉求人表示没有解决,工单已重新打开,仍由本科室办理",
        "closed": "📌 工单 #1 诉求人已确认解决,评分 5 星,工单已关闭。",
    },
    "en": {
        "resolved": "📌 Ticket #1 was resolved by its owner {owner}: " + SUMMARY + ".",
        "reopened": "📌 Ticket #1: the requester says it is not solved; the ticket is reopened",
        "closed": "📌 Ticket #1: the requester confirmed it solved and rated it 5;",
    },
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _status(application: App, status: TicketStatus, handling: str = "utilities") -> None:
    desk = application.bot_data.desk

    async def reached() -> bool:
        async with desk.sessions() as session:
            ticket = await session.get(Ticket, 1)
            return ticket is not None and (ticket.status, ticket.handling_department_key) == (
                status,
                handling,
            )

    await until(reached)


async def _accepted(emulator: Emulator, application: App) -> tuple[Any, Any]:
    """A ticket claimed in the general window, handed to utilities, which accepted it: the
    ticket's topic and the form in utilities' group."""
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await _status(application, TicketStatus.CLAIMED, "general")
    topic = await only_topic(world, GENERAL_GROUP)
    order = "/transfer utilities 需上门查看 | 请安排维修 | 8"
    await world.user_sends(OFFICER, order, GENERAL_GROUP, topic.thread_id)
    (form,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    await world.user_presses(UTILITIES_OFFICER, UTILITIES_GROUP, form.message_id, "accept:1")
    await _status(application, TicketStatus.CLAIMED)
    return topic, form


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_accepting_department_hears_when_the_ticket_is_settled_or_reopened(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    told = TOLD[settings.languages.default]
    topic, form = await _accepted(emulator, application)

    def under_form(words: str) -> list[Any]:
        return [e for e in replies_to(world, UTILITIES_GROUP, form.message_id) if words in e.text]

    owner = desk.rules.staff.shown_as(OFFICER)
    resolved = told["resolved"].format(owner=owner)
    await world.user_sends(OFFICER, f"/resolve {SUMMARY}", GENERAL_GROUP, topic.thread_id)
    await until(lambda: under_form(resolved) != [])
    # The requester's words after it no longer reach the department; "not solved" reopens.
    await world.user_sends(REQUESTER, "还是没修好,水还是黄的")
    await until(lambda: under_form(told["reopened"]) != [])
    await _status(application, TicketStatus.CLAIMED)
    assert not any("水还是黄的" in e.text for e in bot_said(world, UTILITIES_GROUP))
    # Reopened: their words reach it again.
    await world.user_sends(REQUESTER, "下午家里有人")
    await until(lambda: under_form("下午家里有人") != [])
    # Resolved again, then confirmed with five stars: closed.
    await world.user_sends(OFFICER, f"/resolve {SUMMARY}", GENERAL_GROUP, topic.thread_id)
    await until(lambda: len(under_form(resolved)) == 2)
    await _status(application, TicketStatus.RESOLVED)
    await until(lambda: len([e for e in bot_said(world, REQUESTER) if SUMMARY in e.text]) == 2)
    resolution = [e for e in bot_said(world, REQUESTER) if SUMMARY in e.text][-1]
    await world.user_presses(REQUESTER, REQUESTER, resolution.message_id, "rate:1:5")
    await until(lambda: under_form(told["closed"]) != [])
    await asyncio.sleep(0.3)  # anything still queued for the group arrives
    # Each told once, under the form.
    assert [len(under_form(told[e])) for e in ("reopened", "closed")] == [1, 1]
    assert len(under_form(resolved)) == 2  # resolved twice, told twice


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_the_accepting_department_hears_when_the_ticket_closes_by_itself(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    topic, form = await _accepted(emulator, application)
    await world.user_sends(OFFICER, f"/resolve {SUMMARY}", GENERAL_GROUP, topic.thread_id)
    await _status(application, TicketStatus.RESOLVED)
    desk_clock.now += timedelta(hours=73)  # past config.yaml's auto_close_after, 72h
    await sweep(DeskContext(application))
    await _status(application, TicketStatus.CLOSED)
    told = AUTO_CLOSED[settings.languages.default]

    def under_form() -> list[Any]:
        return [e for e in replies_to(world, UTILITIES_GROUP, form.message_id) if told in e.text]

    await until(lambda: under_form() != [])
    await sweep(DeskContext(application))  # nothing more is due: said once
    await asyncio.sleep(0.3)
    assert len(under_form()) == 1
