"""A forwarded message with no words of the requester's (a tester's forwarded notice opened an
urgent fault ticket at once): a careful clerk asks what they want done about it, once, in
their language, and takes their answer with the forward as the question. End to end over the
emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    REQUESTER,
    bot_lines,
    bot_said,
    until,
)
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]
MANAGEMENT, UTILITIES_GROUP = -1000000000900, -1000000000103


def _everywhere_but(emulator: Emulator, user: int) -> list[Any]:
    """What the bot said to anyone but the requester (cards, alerts)."""
    world = emulator.world
    return [e for chat in world.transcripts if chat != user for e in bot_said(world, chat)]


async def _question(application: App, ticket_id: int) -> str:
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.question


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_forwarded_notice_alone_is_asked_about_once_and_kept(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    notice = {"user_id": REQUESTER, "text": "通知:本周六停水", "origin": "channel"}
    await control(emulator, "forwards", notice)
    (asked,) = await bot_lines(emulator, REQUESTER, 1)
    assert "请问您希望我们就这条消息为您做什么" in asked.text and asked.buttons == []
    # No ticket, no keyword alert: nothing of theirs says what the matter is yet.
    assert _everywhere_but(emulator, REQUESTER) == []

    # A second forward joins the first; the question is not asked anew.
    times = {"user_id": REQUESTER, "text": "停水时间:8:00-18:00", "origin": "hidden_user"}
    await control(emulator, "forwards", {**times, "name": "物业"})
    kept = (await bot_lines(emulator, REQUESTER, 2))[-1]
    assert "一并记下了" in kept.text and "请问您希望" not in kept.text

    answer = "我家有老人,周六能不能送水上门?"
    await world.user_sends(REQUESTER, answer)
    promise = (await bot_lines(emulator, REQUESTER, 3))[-1]
    assert "已为您登记工单 #1" in promise.text
    # Their answer and the forwards, each with where it comes from, make the question.
    assert await _question(application, 1) == (
        '(转发的消息,来自频道"Channel")通知:本周六停水\n'
        '(转发的消息,原发送人隐藏了账号,显示为"物业")停水时间:8:00-18:00\n' + answer
    )
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert (
        '· 诉求人:(转发的消息,来自频道"Channel")通知:本周六停水\n'
        "· 机器人问其转发这条消息想办什么事\n"
        '· 诉求人:(转发的消息,原发送人隐藏了账号,显示为"物业")停水时间:8:00-18:00\n'
        f"· 诉求人:{answer}"
    ) in card.text
    # Asked once: nothing else was asked before the ticket.
    assert len(bot_said(world, REQUESTER)) == 3


@pytest.mark.parametrize("store", ["sqlite"])
async def test_in_english_the_forward_is_asked_about_in_english(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    notice = {"user_id": ENGLISH, "text": "Notice: water supply cut on Saturday"}
    await control(emulator, "forwards", {**notice, "origin": "channel"})
    (asked,) = await bot_lines(emulator, ENGLISH, 1)
    assert "What would you like us to do about it" in asked.text
    assert _everywhere_but(emulator, ENGLISH) == []
    await emulator.world.user_sends(ENGLISH, "My mother is disabled, can water be delivered?")
    await until(lambda: len(bot_said(emulator.world, ENGLISH)) > 1)
    offered = bot_said(emulator.world, ENGLISH)[-1]
    assert "What would you like us to do" not in offered.text  # not asked again
    # The knowledge base's answer or offers (the matcher's to choose): a person, please.
    pressed = [b["callback_data"] for row in offered.buttons for b in row]
    if "human" in pressed:
        await emulator.world.user_presses(ENGLISH, ENGLISH, offered.message_id, "human")
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, ENGLISH)))
    question = await _question(application, 1)
    assert question.startswith('(转发的消息,来自频道"Channel")Notice: water supply cut')
    assert question.endswith("\nMy mother is disabled, can water be delivered?")


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "notice", "own"),
    [
        (REQUESTER, "紧急通知:本周六全天停水", "建议物业以后提前三天发通知"),
        (
            ENGLISH,
            "URGENT notice: water outage all day Saturday, no water",
            "I suggest the management give us three days of notice next time",
        ),
    ],
)
async def test_the_kind_and_priority_come_from_their_own_words_not_the_forward(
    running: tuple[Emulator, App], user: int, notice: str, own: str
) -> None:
    """Issue 14: a forwarded notice's "停水" / "outage" made the requester's own question an
    urgent fault report (and alerted the supervisors). Their words say it is a suggestion; the
    forward is context, and someone else's emergency is not theirs."""
    emulator, application = running
    world = emulator.world
    await control(emulator, "forwards", {"user_id": user, "text": notice, "origin": "channel"})
    await bot_lines(emulator, user, 1)
    await world.user_sends(user, own)
    await until(lambda: len(bot_said(world, user)) >= 2)
    offered = bot_said(world, user)[-1]
    if "human" in [b["callback_data"] for row in offered.buttons for b in row]:
        await world.user_presses(user, user, offered.message_id, "human")
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        assert ticket is not None
    assert (ticket.category, ticket.priority) == ("suggestion", "normal")
    assert notice in ticket.question and ticket.question.endswith(own)  # nothing lost
    # No keyword alert reached management for a notice someone else wrote.
    assert not [e for e in bot_said(world, MANAGEMENT) if "#1" in e.text]
