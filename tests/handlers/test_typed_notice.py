"""A requester who types an announcement ("通知:本周六停水", "Notice: water will be off this
Saturday") states a fact and asks nothing: a tester's opened an urgent fault ticket at once. A
careful clerk answers from a template that fits, else asks once what they want done about it
(as for a forwarded notice), and the announcement's words never make the ticket their answer
opens urgent. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]
UTILITIES_GROUP = -1000000000103


def _everywhere_but(emulator: Emulator, user: int) -> list[Any]:
    """What the bot said to anyone but the requester (cards, alerts)."""
    world = emulator.world
    return [e for chat in world.transcripts if chat != user for e in bot_said(world, chat)]


async def _ticket(application: App, ticket_id: int) -> Ticket:
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_typed_notice_is_asked_about_not_made_an_urgent_fault(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "通知:本周六停水")
    (asked,) = await bot_lines(emulator, REQUESTER, 1)
    assert "请问您希望我们就这条消息为您做什么" in asked.text and asked.buttons == []
    assert "转发" not in asked.text  # they wrote it
    # No ticket, no card, no keyword alert for the supervisors.
    assert _everywhere_but(emulator, REQUESTER) == []

    answer = "我家有老人,周六能不能送水上门?"
    await world.user_sends(REQUESTER, answer)
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    ticket = await _ticket(application, 1)
    assert ticket.question == "通知:本周六停水\n" + answer
    # The announcement's 停水 is no outage of theirs: the ticket is not raised for it.
    assert ticket.priority == "normal"
    assert not [e for e in bot_said(world, -1000000000900) if "关键词" in e.text]
    # Asked once: the question, then the ticket's promise.
    assert "请问您希望" not in bot_said(world, REQUESTER)[-1].text
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert (
        f"· 来电人:通知:本周六停水\n· 机器人问其就这条通知想办什么事\n· 来电人:{answer}"
    ) in card.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_forwarded_notice_does_not_raise_the_ticket_either(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    notice = {"user_id": REQUESTER, "text": "通知:本周六停水", "origin": "channel"}
    await control(emulator, "forwards", notice)
    await bot_lines(emulator, REQUESTER, 1)
    await world.user_sends(REQUESTER, "周六几点能来水?")
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    assert (await _ticket(application, 1)).priority == "normal"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_in_english_a_typed_notice_is_asked_about_in_english(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(ENGLISH, "Notice: water will be off this Saturday")
    (asked,) = await bot_lines(emulator, ENGLISH, 1)
    assert "What would you like us to do about it" in asked.text
    assert "forward" not in asked.text
    assert _everywhere_but(emulator, ENGLISH) == []


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_notice_with_their_own_problem_is_their_matter(
    running: tuple[Emulator, App],
) -> None:
    """Words of their own after the notice ("but ours is off already") are a matter: not asked
    about, handled as any report of theirs is."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "通知:本周六停水,但是我家今天就停水了,什么时候恢复?")
    # Their outage, today: the water-outage answer and a ticket at once, as for any report.
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    assert not [e for e in bot_said(world, REQUESTER) if "请问您希望" in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_typed_notice_a_template_answers_is_answered(
    running: tuple[Emulator, App],
) -> None:
    """A notice about what the knowledge base answers alone (office hours): its answer, with
    nothing for a person to act on and no ticket."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "通知:市民服务中心办公时间调整")
    (answered,) = await bot_lines(emulator, REQUESTER, 1)
    assert "9:00-12:00" in answered.text and "请问您希望" not in answered.text
    assert _everywhere_but(emulator, REQUESTER) == []
