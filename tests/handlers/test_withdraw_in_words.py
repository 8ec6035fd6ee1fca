"""A requester withdraws their request in words ("Please cancel my complaint", "算了,不用
了"): asked to confirm with Withdraw / Keep it open, the ticket closes as withdrawn on
confirmation, its owner (or, unowned, its department's staff group) hears it, and nothing
escalates any more; words less clear ("don't cancel it") are only filed, as before."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from bot.models import CloseReason, Ticket, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    ENGLISH,
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
MANAGEMENT = -1000000000900


async def _ticket(application: App, ticket_id: int = 1) -> Ticket:
    async with DeskContext(application).desk.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


def _data(line: Any) -> list[str]:
    return [b["callback_data"] for row in line.buttons for b in row]


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_unowned_withdrawn_in_english_closes_and_stops_escalating(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(ENGLISH, "The street light outside number 23 is broken")
    await until(lambda: any("ticket #1" in t for t in _texts(emulator, ENGLISH)))
    heard = len(bot_said(world, ENGLISH))
    ticket = await _ticket(application)
    desk = DeskContext(application).desk
    staff_group = desk.settings.department(ticket.handling_department_key).staff_group_chat_id
    await until(lambda: bool(bot_said(world, staff_group)))
    await world.user_sends(
        ENGLISH, "Forget it, I've sorted it out myself. Please cancel my complaint."
    )
    asked = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    assert "withdraw your request #1" in asked.text, asked.text
    assert "Added to ticket" not in asked.text
    assert _data(asked) == ["wd:1", "keep:1"]
    assert (await _ticket(application)).status is TicketStatus.OPEN  # not before confirming

    group = len(_texts(emulator, staff_group))
    await world.user_presses(ENGLISH, ENGLISH, asked.message_id, "wd:1")
    told = (await bot_lines(emulator, ENGLISH, heard + 2))[-1]
    assert "#1 is withdrawn and closed" in told.text, told.text
    ticket = await _ticket(application)
    assert ticket.status is TicketStatus.CLOSED
    assert ticket.close_reason is CloseReason.WITHDRAWN
    # Nobody owns it: the department's staff group hears it (staff read Chinese).
    await until(lambda: any("诉求人已撤销工单 #1" in t for t in _texts(emulator, staff_group)))
    assert len(_texts(emulator, staff_group)) > group
    # Its card no longer offers Claim.
    card = world.find(staff_group, bot_said(world, staff_group)[0].message_id)
    await until(lambda: not (card.get("reply_markup") or {}).get("inline_keyboard"))
    # The question's buttons are gone; a second press changes nothing.
    assert not (world.find(ENGLISH, asked.message_id).get("reply_markup") or {}).get(
        "inline_keyboard"
    )
    # Long past every deadline: nothing escalates.
    desk_clock.now += timedelta(days=10)
    await sweep(DeskContext(application))
    await sweep(DeskContext(application))
    assert not bot_said(world, MANAGEMENT)
    assert not any("#1" in t and "超时" in t for t in _texts(emulator, staff_group))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_owned_withdrawn_in_chinese_tells_the_owner(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    heard = len(await bot_lines(emulator, REQUESTER, 2))
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(REQUESTER, "算了,不用了,我自己找物业了")
    asked = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "您是要撤销工单 #1" in asked.text and "已记入工单" not in asked.text, asked.text
    assert _data(asked) == ["wd:1", "keep:1"]
    # The words reach the owner's topic as any do.
    await until(
        lambda: any(
            "自己找物业" in e.text and e.thread_id == topic.thread_id
            for e in world.transcripts[GENERAL_GROUP]
        )
    )
    await world.user_presses(REQUESTER, REQUESTER, asked.message_id, "wd:1")
    told = (await bot_lines(emulator, REQUESTER, heard + 2))[-1]
    assert "工单 #1 已撤销并关闭" in told.text and "王芳" in told.text, told.text
    assert (await _ticket(application)).close_reason is CloseReason.WITHDRAWN
    # The owner hears it in private, and in the ticket's topic.
    await until(lambda: any("诉求人已撤销工单 #1" in t for t in _texts(emulator, OFFICER)))
    await until(
        lambda: any(
            "诉求人已撤销工单 #1" in e.text and e.thread_id == topic.thread_id
            for e in bot_said(world, GENERAL_GROUP)
        )
    )


@pytest.mark.parametrize("store", ["sqlite"])
async def test_keep_it_open_and_unclear_words(running: tuple[Emulator, App]) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    heard = len(await bot_lines(emulator, REQUESTER, 1))
    await world.user_sends(REQUESTER, "撤销工单吧")
    asked = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "您是要撤销工单 #1" in asked.text, asked.text
    await world.user_presses(REQUESTER, REQUESTER, asked.message_id, "keep:1")
    kept = (await bot_lines(emulator, REQUESTER, heard + 2))[-1]
    assert "工单 #1 继续办理" in kept.text, kept.text
    assert (await _ticket(application)).status is TicketStatus.OPEN
    # "Don't withdraw": filed (the card of the unclaimed ticket shows it), not asked about;
    # a question about cancelling something else is answered as a question.
    card = bot_said(world, GENERAL_GROUP)[0].message_id
    await world.user_sends(REQUESTER, "别撤销,我还在等")
    await until(lambda: "我还在等" in world.find(GENERAL_GROUP, card)["text"])
    await world.user_sends(REQUESTER, "取消预约怎么办?")
    await until(lambda: any("预约" in t for t in _texts(emulator, REQUESTER)[heard + 2 :]))
    lines = _texts(emulator, REQUESTER)
    assert not any("您是要撤销" in t for t in lines[heard + 2 :]), lines
    assert (await _ticket(application)).status is TicketStatus.OPEN


@pytest.mark.parametrize("store", ["sqlite"])
async def test_with_two_tickets_the_question_names_the_one(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(REQUESTER, "/new")
    await world.user_sends(REQUESTER, "我想申请公租房,家里三口人")
    await bot_lines(emulator, GENERAL_GROUP, 2)
    await until(lambda: any("工单 #2" in t for t in _texts(emulator, REQUESTER)))
    heard = len(bot_said(world, REQUESTER))
    await world.user_sends(REQUESTER, "不用了,我自己解决了")
    # Two being worked on, the words naming neither: which one is asked first (issue 14).
    which = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "您是要撤销哪一张" in which.text, which.text
    await world.user_presses(REQUESTER, REQUESTER, which.message_id, _data(which)[1])
    asked = (await bot_lines(emulator, REQUESTER, heard + 2))[-1]
    assert "您是要撤销工单 #2" in asked.text and "家里三口人" in asked.text, asked.text
    assert _data(asked) == ["wd:2", "keep:2"]
    await world.user_presses(REQUESTER, REQUESTER, asked.message_id, "wd:2")
    await until(lambda: any("#2 已撤销" in t for t in _texts(emulator, REQUESTER)))
    assert (await _ticket(application, 2)).status is TicketStatus.CLOSED
    assert (await _ticket(application, 1)).status is TicketStatus.OPEN


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("said", ["please cancel", "Oh it's working again, please cancel"])
async def test_cancel_alone_asks_whether_to_withdraw(
    running: tuple[Emulator, App], said: str
) -> None:
    """A fresh tester's finding: "please cancel" was filed into the ticket (once with no
    reply at all); only "I'd like to cancel my ticket" asked."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(ENGLISH, "The street light outside number 23 is broken")
    await until(lambda: any("ticket #1" in t for t in _texts(emulator, ENGLISH)))
    heard = len(bot_said(world, ENGLISH))
    await world.user_sends(ENGLISH, said)
    asked = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    assert "withdraw your request #1" in asked.text, asked.text
    assert _data(asked) == ["wd:1", "keep:1"]
    assert (await _ticket(application)).status is TicketStatus.OPEN
