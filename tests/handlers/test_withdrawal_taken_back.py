"""Issue 14, a fresh tester: a withdrawal taken back in words ("我没要撤销那个!", "I didn't
mean to cancel that") soon after it was confirmed undid nothing. A careful clerk reopens the
ticket, same number, to the same owner if it had one: the owner (or, unowned, the staff under
its card) hears it, the card shows it in hand again, and the requester is told in their
language. Long after, the words are a new inquiry. And words that only wonder whether to
withdraw ("要不算了?", "maybe just cancel it?") ask, with the buttons, as clear ones do."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, Ticket, TicketMessage, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101


async def _ticket(application: App, ticket_id: int = 1) -> Ticket | None:
    async with DeskContext(application).desk.sessions() as session:
        return await session.get(Ticket, ticket_id)


async def _filed(application: App, ticket_id: int) -> list[str]:
    async with DeskContext(application).desk.sessions() as session:
        rows = await session.scalars(
            select(TicketMessage.text).where(
                TicketMessage.ticket_id == ticket_id, TicketMessage.direction == Direction.IN
            )
        )
        return list(rows)


def _data(line: Any) -> list[str]:
    return [b["callback_data"] for row in line.buttons for b in row]


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


async def _withdrawn(emulator: Emulator, user: int, first: str, cancel: str) -> int:
    """Ticket #1 opened with `first`, withdrawn with `cancel` and its button; how many lines
    the requester has read by then."""
    world = emulator.world
    heard = len(await bot_lines(emulator, user, 1))
    await world.user_sends(user, cancel)
    asked = (await bot_lines(emulator, user, heard + 1))[-1]
    assert _data(asked) == ["wd:1", "keep:1"], asked.text
    await world.user_presses(user, user, asked.message_id, "wd:1")
    await bot_lines(emulator, user, heard + 2)
    return heard + 2


@pytest.mark.parametrize("store", ["sqlite"])
async def test_owned_withdrawal_taken_back_in_chinese_reopens_to_its_owner(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)
    heard = await _withdrawn(emulator, REQUESTER, "", "算了,不用了,我自己找物业了")
    ticket = await _ticket(application)
    assert ticket is not None and ticket.status is TicketStatus.CLOSED
    owner_heard = len(_texts(emulator, OFFICER))

    await world.user_sends(REQUESTER, "我没要撤销公租房那个!")
    told = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "工单 #1 已恢复办理" in told.text and "王芳" in told.text, told.text
    ticket = await _ticket(application)
    assert ticket is not None
    assert ticket.status is TicketStatus.CLAIMED and ticket.owner_id == OFFICER
    assert ticket.close_reason is None and ticket.closed_at is None
    assert await _ticket(application, 2) is None  # no new ticket: the same one
    # Their words reach the ticket; its owner hears it is back in hand.
    assert "我没要撤销公租房那个!" in await _filed(application, 1)
    await until(lambda: len(_texts(emulator, OFFICER)) > owner_heard)
    assert any("诉求人收回了撤销" in t and "#1" in t for t in _texts(emulator, OFFICER))
    # Nothing else is said to them (not also "added").
    assert not any("已记入工单" in t for t in _texts(emulator, REQUESTER)[heard:])


@pytest.mark.parametrize("store", ["sqlite"])
async def test_unowned_withdrawal_taken_back_in_english_offers_claim_again(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(ENGLISH, "The street light outside number 23 is broken")
    await until(lambda: any("ticket #1" in t for t in _texts(emulator, ENGLISH)))
    ticket = await _ticket(application)
    assert ticket is not None
    desk = DeskContext(application).desk
    group = desk.settings.department(ticket.handling_department_key).staff_group_chat_id
    await until(lambda: bool(bot_said(world, group)))
    card = world.find(group, bot_said(world, group)[0].message_id)
    heard = len(bot_said(world, ENGLISH))
    await world.user_sends(ENGLISH, "Please cancel my complaint.")
    asked = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    await world.user_presses(ENGLISH, ENGLISH, asked.message_id, "wd:1")
    await bot_lines(emulator, ENGLISH, heard + 2)
    await until(lambda: not (card.get("reply_markup") or {}).get("inline_keyboard"))

    await world.user_sends(ENGLISH, "Wait, I didn't mean to cancel that!")
    told = (await bot_lines(emulator, ENGLISH, heard + 3))[-1]
    assert "#1 is open again" in told.text, told.text
    ticket = await _ticket(application)
    assert ticket is not None and ticket.status is TicketStatus.OPEN and ticket.owner_id is None
    # The staff under its card hear it (in Chinese), and the card offers Claim again.
    await until(lambda: any("诉求人收回了撤销" in t for t in _texts(emulator, group)))
    await until(lambda: "claim:1" in str(card.get("reply_markup")))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_long_after_the_withdrawal_the_words_reopen_nothing(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    heard = await _withdrawn(emulator, REQUESTER, "", "撤销工单吧")
    desk_clock.now += timedelta(days=3)
    await world.user_sends(REQUESTER, "我没要撤销那个")
    told = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "已恢复办理" not in told.text
    ticket = await _ticket(application)
    assert ticket is not None and ticket.status is TicketStatus.CLOSED


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "first", "unsure", "asks"),
    [
        (REQUESTER, "我想申请公租房", "要不算了?", "您是要撤销工单 #1"),
        (REQUESTER, "我想申请公租房", "要不就撤销了吧", "您是要撤销工单 #1"),
        (ENGLISH, "The street light outside number 23 is broken", "maybe just cancel it?",
         "withdraw your request #1"),
        (ENGLISH, "The street light outside number 23 is broken", "Should I just cancel?",
         "withdraw your request #1"),
    ],
)  # fmt: skip
async def test_words_unsure_of_withdrawing_ask_with_the_buttons(
    running: tuple[Emulator, App], user: int, first: str, unsure: str, asks: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, first)
    await until(lambda: any("#1" in t for t in _texts(emulator, user)))
    heard = len(bot_said(world, user))
    await world.user_sends(user, unsure)
    asked = (await bot_lines(emulator, user, heard + 1))[-1]
    assert asks in asked.text, asked.text
    assert _data(asked) == ["wd:1", "keep:1"]
    ticket = await _ticket(application)
    assert ticket is not None and ticket.status is TicketStatus.OPEN
    assert unsure in await _filed(application, 1)
