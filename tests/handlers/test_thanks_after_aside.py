"""A tester: with a street-light ticket in hand, "水费怎么交" was answered aside from it, and
"好的,谢谢" after that answer was filed into the street-light ticket ("已记入工单 #1", the card
showing "诉求人(开单后):好的,谢谢"); "ok, thanks" the same in English. Thanks right after the
answer given aside answer that answer: settled, glad it helped, nothing filed into the
ticket. End to end over the emulation, in both languages."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, until
from tests.handlers.looks import said_text

App = Application  # type: ignore[type-arg]
LIGHT = {
    REQUESTER: "幸福路23号门口的路灯坏了三天了",
    ENGLISH: "The street light outside 23 Xingfu Road has been broken for three days",
}
BILL = {REQUESTER: "水费怎么交", ENGLISH: "How do I pay my water bill?"}
THANKS = {REQUESTER: "好的,谢谢", ENGLISH: "ok, thanks"}
GLAD = {REQUESTER: "很高兴问题已经解决", ENGLISH: "Glad that solved it"}


async def _filed(application: App, ticket_id: int) -> list[str]:
    """The requester's words filed under the ticket."""
    inbound = (TicketMessage.ticket_id == ticket_id) & (TicketMessage.direction == Direction.IN)
    async with application.bot_data.desk.sessions() as session:
        return list(await session.scalars(select(TicketMessage.text).where(inbound)))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_thanks_after_an_answer_aside_from_a_ticket_are_not_filed_into_it(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, LIGHT[user])
    await until(lambda: "#1" in said_text(emulator.world, user))
    told = len(await bot_lines(emulator, user, 1))
    await emulator.world.user_sends(user, BILL[user])
    answer = (await bot_lines(emulator, user, told + 1))[-1]
    assert "solved" in [b["callback_data"] for row in answer.buttons for b in row], answer.text
    await emulator.world.user_sends(user, THANKS[user])
    reply = (await bot_lines(emulator, user, told + 2))[-1]
    assert GLAD[user] in reply.text, reply.text
    assert THANKS[user] not in await _filed(application, 1)
