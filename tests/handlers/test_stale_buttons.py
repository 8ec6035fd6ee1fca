"""Buttons pressed after their moment, through the real bot and the emulation: every press is
answered with why nothing happened, in the presser's language, and a message whose buttons
can no longer work loses them (a fresh tester's findings)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import InquiryOffer, StaffLink, Ticket
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190
SOCIAL_GROUP = -1000000000102


async def press(emulator: Emulator, who: int, chat_id: int, message_id: int, data: str) -> str:
    """Press a button (its data) on a message; what the presser is shown, once answered."""
    world = emulator.world
    pressed = await world.user_presses(who, chat_id, message_id, data)
    query_id = pressed["callback_query"]["id"]
    await until(lambda: query_id in world.answered)
    return str(world.answered[query_id])


async def _tickets(application: App) -> int:
    async with application.bot_data.desk.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Ticket)) or 0)


def _buttons_gone(entry: Any) -> bool:
    return entry.buttons == []


async def recorded(application: App, kind: type[Any], chat_id: int, message_id: int) -> None:
    """Wait until the bot has recorded what it sent (an inquiry's buttons, a link to a
    ticket), as it has long before a person answers it."""
    desk = application.bot_data.desk

    async def there() -> bool:
        async with desk.sessions() as session:
            return await session.get(kind, (chat_id, message_id)) is not None

    await until(there)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_solved_on_an_answer_whose_question_is_in_a_ticket_says_which(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我的社保卡丢了怎么补办")
    answer = (await bot_lines(emulator, REQUESTER, 1))[-1]
    assert "挂失" in answer.text and answer.buttons
    await recorded(application, InquiryOffer, REQUESTER, answer.message_id)
    await world.user_sends(REQUESTER, "补办以后原来卡里的钱还在吗我担心丢了很着急")
    assert "工单 #1" in (await bot_lines(emulator, REQUESTER, 2))[-1].text
    # The ticket took the inquiry: the answer's buttons go.
    await until(lambda: _buttons_gone(answer))
    # Pressed anyway (an old client): nothing happens, and the requester reads why.
    shown = await press(emulator, REQUESTER, REQUESTER, answer.message_id, "solved")
    assert "工单 #1" in shown and "失效" in shown
    shown = await press(emulator, REQUESTER, REQUESTER, answer.message_id, "kb:social-card-lost")
    assert "工单 #1" in shown
    assert len(bot_said(world, REQUESTER)) == 2 and await _tickets(application) == 1


@pytest.mark.parametrize("store", ["sqlite"])
async def test_new_files_the_waiting_question_and_its_category_buttons_go(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我上个月提交的材料到现在还没有消息")
    choice = (await bot_lines(emulator, REQUESTER, 1))[-1]
    assert "事项类型" in choice.text and choice.buttons
    await recorded(application, InquiryOffer, REQUESTER, choice.message_id)
    await world.user_sends(REQUESTER, "/new")
    assert "工单 #1" in (await bot_lines(emulator, REQUESTER, 3))[-2].text
    await until(lambda: _buttons_gone(choice))
    shown = await press(emulator, REQUESTER, REQUESTER, choice.message_id, "cat:complaint")
    assert "工单 #1" in shown and "失效" in shown
    assert await _tickets(application) == 1
    assert len(bot_said(world, GENERAL_GROUP)) == 1  # one card


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_old_solved_leaves_the_question_in_progress_alone(
    running: tuple[Emulator, App],
) -> None:
    """Solved on an earlier answer while a new question is in progress: no longer open, said
    so, and the new question still goes to a person whole."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(ENGLISH, "What are your opening hours?")
    first = (await bot_lines(emulator, ENGLISH, 1))[-1]
    assert "open Mon-Fri" in first.text
    await recorded(application, InquiryOffer, ENGLISH, first.message_id)
    await world.user_sends(ENGLISH, "/new")
    await bot_lines(emulator, ENGLISH, 2)
    await until(lambda: _buttons_gone(first))  # /new dropped that inquiry
    await world.user_sends(ENGLISH, "What are your opening hours?")
    second = (await bot_lines(emulator, ENGLISH, 3))[-1]
    shown = await press(emulator, ENGLISH, ENGLISH, first.message_id, "solved")
    assert shown == "That choice is no longer open; just send me a message."
    assert second.buttons  # the answer in progress keeps its buttons
    await world.user_presses(ENGLISH, ENGLISH, second.message_id, "human")
    # Not solved: the answer's template no longer tells the kind of matter (issue 14).
    asked = (await bot_lines(emulator, ENGLISH, 4))[-1]
    await world.user_presses(ENGLISH, ENGLISH, asked.message_id, "cat:consultation")
    assert "#1" in (await bot_lines(emulator, ENGLISH, 5))[-1].text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_rating_after_the_ticket_was_reopened_says_so(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(ENGLISH, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, ENGLISH, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/resolve 已安排", GENERAL_GROUP, topic.thread_id)
    resolution = (await bot_lines(emulator, ENGLISH, 3))[-1]
    assert resolution.buttons
    await recorded(application, StaffLink, ENGLISH, resolution.message_id)
    # Reopened in words: the resolution's buttons go.
    await world.user_sends(ENGLISH, "No, it is still not solved, the water is still brown")
    await until(lambda: _buttons_gone(resolution))
    shown = await press(emulator, ENGLISH, ENGLISH, resolution.message_id, "rate:1:5")
    assert shown == "That button no longer applies: ticket #1 is in progress now."


@pytest.mark.parametrize("store", ["sqlite"])
async def test_claim_on_a_closed_tickets_card_names_its_status(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/resolve 已安排", GENERAL_GROUP, topic.thread_id)
    resolution = (await bot_lines(emulator, REQUESTER, 3))[-1]
    await world.user_presses(REQUESTER, REQUESTER, resolution.message_id, "rate:1:5")
    await bot_lines(emulator, REQUESTER, 4)
    # Another officer presses Claim on the card as their client still shows it.
    shown = await press(emulator, 100102, GENERAL_GROUP, card.message_id, "claim:1")
    assert "工单 #1" in shown and "已关闭" in shown
