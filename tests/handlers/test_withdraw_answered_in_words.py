"""The requester answers the question whether to withdraw their ticket in words rather than
with its buttons (issue 14): "yes", "对,撤销吧", "是的" withdraw it as Withdraw does; "no, keep
it", "不用撤" keep it open and say so, as Keep it open does; either way the question loses its
buttons. Anything else is an ordinary message to the ticket, and the question's buttons stay."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.ext import Application

from bot.models import CloseReason, StaffLink, Ticket, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]


async def _ticket(application: App, ticket_id: int = 1) -> Ticket:
    async with DeskContext(application).desk.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


def _buttons(emulator: Emulator, chat_id: int, message_id: int) -> Any:
    return (emulator.world.find(chat_id, message_id).get("reply_markup") or {}).get(
        "inline_keyboard"
    )


async def _linked(application: App, chat_id: int, message_id: int) -> bool:
    async with DeskContext(application).desk.sessions() as session:
        link = await session.get(StaffLink, (chat_id, message_id))
        return link is not None


async def _asked(
    running: tuple[Emulator, App], who: int, opening: str, withdrawing: str
) -> tuple[Any, int]:
    """A ticket opened with `opening`, then `withdrawing` written: the question asked, and
    recorded as sent (a person reads it before answering: the sender links it meanwhile)."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(who, opening)
    await until(lambda: any("#1" in e.text for e in bot_said(world, who)))
    heard = len(bot_said(world, who))
    await world.user_sends(who, withdrawing)
    asked = (await bot_lines(emulator, who, heard + 1))[-1]
    assert asked.buttons, asked.text
    for _ in range(100):
        if await _linked(application, who, asked.message_id):
            break
        await asyncio.sleep(0.05)
    return asked, heard + 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("said", ["对,撤销吧", "是的"])
async def test_confirmed_in_chinese_words(running: tuple[Emulator, App], said: str) -> None:
    emulator, application = running
    asked, heard = await _asked(running, REQUESTER, "我想申请公租房", "算了,不用了")
    await emulator.world.user_sends(REQUESTER, said)
    told = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "工单 #1 已撤销并关闭" in told.text, told.text
    ticket = await _ticket(application)
    assert ticket.status is TicketStatus.CLOSED
    assert ticket.close_reason is CloseReason.WITHDRAWN
    await until(lambda: not _buttons(emulator, REQUESTER, asked.message_id))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_confirmed_in_english_words(running: tuple[Emulator, App]) -> None:
    emulator, application = running
    asked, heard = await _asked(
        running, ENGLISH, "The street light outside number 23 is broken", "never mind, cancel it"
    )
    await emulator.world.user_sends(ENGLISH, "yes")
    told = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    assert "#1 is withdrawn and closed" in told.text, told.text
    assert (await _ticket(application)).close_reason is CloseReason.WITHDRAWN
    await until(lambda: not _buttons(emulator, ENGLISH, asked.message_id))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_kept_in_words_and_other_words_leave_the_question(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    asked, heard = await _asked(running, REQUESTER, "我想申请公租房", "算了,不用了")
    # Not an answer: filed as any words, the question's buttons stay.
    card = bot_said(world, GENERAL_GROUP)[0].message_id
    await world.user_sends(REQUESTER, "我家在三楼")
    await until(lambda: "我家在三楼" in world.find(GENERAL_GROUP, card)["text"])
    assert _buttons(emulator, REQUESTER, asked.message_id)
    assert (await _ticket(application)).status is TicketStatus.OPEN
    heard = len(bot_said(world, REQUESTER))
    await world.user_sends(REQUESTER, "不用撤")
    kept = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "工单 #1 继续办理" in kept.text, kept.text
    await until(lambda: not _buttons(emulator, REQUESTER, asked.message_id))
    assert (await _ticket(application)).status is TicketStatus.OPEN
    # The question answered, a later "是的" is only words.
    await world.user_sends(REQUESTER, "是的")
    await until(lambda: "是的" in world.find(GENERAL_GROUP, card)["text"])
    assert (await _ticket(application)).status is TicketStatus.OPEN


@pytest.mark.parametrize("store", ["sqlite"])
async def test_kept_in_english_words(running: tuple[Emulator, App]) -> None:
    emulator, application = running
    asked, heard = await _asked(
        running, ENGLISH, "The street light outside number 23 is broken", "never mind, cancel it"
    )
    await emulator.world.user_sends(ENGLISH, "no, keep it")
    kept = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    assert "#1 stays open" in kept.text, kept.text
    await until(lambda: not _buttons(emulator, ENGLISH, asked.message_id))
    assert (await _ticket(application)).status is TicketStatus.OPEN


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("who", "first", "second", "withdrawing", "not_this"),
    [
        (REQUESTER, "我想申请公租房", "我家停电了", "算了,不用了", "不是这个,是公租房那个不用了"),
        (
            ENGLISH,
            "I want to apply for public rental housing",
            "The power is out in my flat",
            "never mind, cancel it",
            "not this one, cancel the housing application",
        ),
    ],
)
async def test_not_this_one_withdraws_nothing_of_the_ticket_asked_about(
    running: tuple[Emulator, App],
    who: int,
    first: str,
    second: str,
    withdrawing: str,
    not_this: str,
) -> None:
    """A fresh tester's finding: "不是这个,是路灯那个不用了" under "withdraw #2?" withdrew #2,
    the ticket they said they did not mean (its owner told)."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(who, first)
    await until(lambda: any("#1" in e.text for e in bot_said(world, who)))
    before = len(bot_said(world, who))
    await world.user_sends(who, "/new")
    await until(lambda: len(bot_said(world, who)) > before)
    await world.user_sends(who, second)
    await until(lambda: any("#2" in e.text for e in bot_said(world, who)))
    heard = len(bot_said(world, who))
    await world.user_sends(who, withdrawing)
    # Two being worked on, the words naming neither: which one is asked first (issue 14);
    # #2 chosen, its withdrawal is asked.
    which = (await bot_lines(emulator, who, heard + 1))[-1]
    await world.user_presses(who, who, which.message_id, which.buttons[1][0]["callback_data"])
    heard += 1
    asked = (await bot_lines(emulator, who, heard + 1))[-1]
    assert asked.buttons and "#2" in asked.text, asked.text
    for _ in range(100):
        if await _linked(application, who, asked.message_id):
            break
        await asyncio.sleep(0.05)
    await world.user_sends(who, not_this)
    await bot_lines(emulator, who, heard + 2)
    await asyncio.sleep(0.5)  # anything it would have done, done
    assert (await _ticket(application, 2)).status is not TicketStatus.CLOSED
    assert (await _ticket(application, 1)).status is not TicketStatus.CLOSED
