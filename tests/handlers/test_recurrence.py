"""A requester replying (in Telegram) to an old message of a closed ticket, with no ticket in
hand: the matter is back (issue 14: "孙师傅,路灯今晚又不亮了" under the closed ticket's
officer's reply became a new ticket in the general queue, with an unrelated earlier exchange
and only "此前工单:#1 已关闭"). A new ticket at once, in the closed one's category and
department, its card saying it is a recurrence of it, with its question and its former owner;
nothing of an unrelated exchange. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.closing import OFFICER, QUESTION, a_closed_ticket
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    bot_said,
    until,
)

App = Application  # type: ignore[type-arg]
AGAIN = "王芳,上次说的材料还是交不上,系统又报错了"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_reply_to_a_closed_tickets_message_opens_its_recurrence(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = DeskContext(application).desk
    theirs = await a_closed_ticket(emulator, application)
    # An unrelated exchange first: a question the knowledge base answers, left there.
    await world.user_sends(REQUESTER, "公积金怎么提取?")
    await until(lambda: len(bot_said(world, REQUESTER)) >= 6)
    cards = len(bot_said(world, GENERAL_GROUP))
    await world.user_sends(REQUESTER, AGAIN, reply_to=theirs.message_id)

    async def second() -> Ticket | None:
        async with desk.sessions() as session:
            return await session.get(Ticket, 2)

    await until(second)
    ticket = await second()
    assert ticket is not None
    first = await session_ticket(desk, 1)
    assert (ticket.category, ticket.department_key) == (first.category, first.department_key)
    assert ticket.question == AGAIN
    await until(lambda: any("#2" in e.text for e in bot_said(world, GENERAL_GROUP)[cards:]))
    new_card = next(e for e in bot_said(world, GENERAL_GROUP)[cards:] if "#2" in e.text)
    assert "旧事复发" in new_card.text and "#1" in new_card.text, new_card.text
    assert QUESTION in new_card.text and "王芳" in new_card.text
    assert "公积金" not in new_card.text, new_card.text
    # Its former owner hears of it in private.
    await until(lambda: any("#2" in e.text and AGAIN in e.text for e in bot_said(world, OFFICER)))
    # Its record says so too, as the card does (it said nothing of it: issue 14).
    said = len(bot_said(world, GENERAL_GROUP))
    await world.user_sends(OFFICER, "/ticket 2", GENERAL_GROUP)
    await until(
        lambda: any(e.text.startswith("工单 #2|") for e in bot_said(world, GENERAL_GROUP)[said:])
    )
    record = next(e for e in bot_said(world, GENERAL_GROUP)[said:] if "工单 #2|" in e.text)
    recurrence = (
        "· 旧事复发:诉求人回复了已关闭的工单 #1 的消息(原问题:我想申请公租房;原负责人:王芳)"
    )
    assert recurrence in record.text.split("\n"), record.text


async def session_ticket(desk: object, ticket_id: int) -> Ticket:
    async with desk.sessions() as session:  # type: ignore[attr-defined]
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket
