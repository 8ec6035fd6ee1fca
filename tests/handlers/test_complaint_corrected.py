"""A new-user trial: "我要投诉" then "不对,其实我想问水费怎么交" opened a complaint ticket of the
water bill question. A clerk who hears "no, actually I wanted to ask ..." lets the complaint
go and takes the question as a fresh one: the knowledge base answers how to pay the water
bill, and nothing is opened. End to end over the emulation, in both languages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines

App = Application  # type: ignore[type-arg]
COMPLAINT = {REQUESTER: "我要投诉", ENGLISH: "I want to complain"}
CORRECTED = {
    REQUESTER: [
        "不对,其实我想问水费怎么交",
        "不是投诉,我是想问一下水费怎么交",
        "哦不是,我就是想知道水费在哪交",  # a second trial's, and the next
    ],
    ENGLISH: [
        "no wait, actually I want to ask how to pay my water bill",
        "sorry, I meant to ask: how do I pay my water bill?",
        "Actually no, I just want to know how to pay my water bill",
    ],
}
# The answer of the knowledge base's utility-bill-payment.
PAID = {REQUESTER: "水、电、燃气费可通过", ENGLISH: "Water, electricity and gas bills can be paid"}
REGISTERED = {REQUESTER: "已为您登记工单", ENGLISH: "is registered"}


async def _tickets(application: App) -> int:
    async with DeskContext(application).desk.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Ticket)) or 0)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("said", range(3))
async def test_a_complaint_corrected_into_a_question_is_answered_as_one(
    running: tuple[Emulator, App], user: int, said: int
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, COMPLAINT[user])
    await bot_lines(emulator, user, 1)  # what is it about?
    await world.user_sends(user, CORRECTED[user][said])
    told = (await bot_lines(emulator, user, 2))[1].text
    assert PAID[user] in told, told
    assert REGISTERED[user] not in told
    assert await _tickets(application) == 0
    # What they write next is a question of its own, not the complaint's matter.
    await world.user_sends(user, "谢谢" if user == REQUESTER else "thanks")
    thanked = (await bot_lines(emulator, user, 3))[2].text
    assert REGISTERED[user] not in thanked
    assert await _tickets(application) == 0
