"""Issue 14, a fresh tester: with a street light's ticket and a gas leak's open, the address
and phone the gas leak's ticket asked for ("详细地址…;能联系到您的电话") were filed to the
street light's, whose officer had asked something since. Details go to the ticket that asked
for them; when more than one did, an emergency's ticket first, then the one that asked last.
End to end over the emulation, in both languages, the desk's clock a minute on at each step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Ticket, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100301  # 孙伟, of the department the street light goes to
LIGHT = {REQUESTER: "路灯坏了", ENGLISH: "The street light outside my door is broken"}
GAS = {
    REQUESTER: "厨房里煤气味很重,好像燃气泄漏了",
    ENGLISH: "There is a strong smell of gas in my kitchen, I think gas is leaking",
}
POLE = {REQUESTER: "请问灯杆上的编号是多少?", ENGLISH: "What is the number on the pole?"}
ADDRESS = {
    REQUESTER: "地址是幸福路12号2单元301,电话13800000000",
    ENGLISH: "The address is 12 Xingfu Road, unit 2, flat 301, phone 13800000000",
}
ADDED = {REQUESTER: "已记入工单 #{}", ENGLISH: "Added to ticket #{}"}


async def _says(world: object, clock: DeskClock, user: int, words: str) -> str:
    clock.now += timedelta(minutes=1)
    count = len(bot_said(world, user))
    await world.user_sends(user, words)  # type: ignore[attr-defined]
    await until(lambda: len(bot_said(world, user)) > count)
    return str(bot_said(world, user)[-1].text)


async def _group(application: App) -> int:
    """The staff group of the street light's ticket, once its card is posted."""
    found: list[int] = []

    async def posted() -> bool:
        async with application.bot_data.desk.sessions() as session:
            light = await session.get(Ticket, 1)
            if light is not None and light.card_message_id is not None and light.staff_chat_id:
                found.append(light.staff_chat_id)
        return bool(found)

    await until(posted)
    return found[0]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_address_goes_to_the_emergency_that_asked_for_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await _says(world, desk_clock, user, LIGHT[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    group = await _group(application)
    (card,) = await bot_lines(emulator, group, 1)
    await world.user_presses(OFFICER, group, card.message_id, "claim:1")
    topic = await only_topic(world, group)
    await _says(world, desk_clock, user, GAS[user])
    await until(lambda: any("#2" in e.text for e in bot_said(world, user)))
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(OFFICER, POLE[user], group, topic.thread_id)
    await until(lambda: any(POLE[user] in e.text for e in bot_said(world, user)))
    for e in bot_said(world, user):
        print(repr(e.text))
    told = await _says(world, desk_clock, user, ADDRESS[user])
    assert ADDED[user].format(2) in told, told
    async with application.bot_data.desk.sessions() as session:
        filed = select(TicketMessage.ticket_id).where(TicketMessage.text == ADDRESS[user])
        assert list((await session.scalars(filed)).all()) == [2]
        gas = await session.get(Ticket, 2)
        assert gas is not None and gas.priority == "urgent"
