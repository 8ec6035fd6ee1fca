"""A tester: "我家楼上漏水" opened a fault ticket; the next message, "已经好几天了,物业不管"
(it has been days and the property management does nothing), opened a second ticket, a
complaint, "这是另一件事,已为您单独登记,没有并入工单 #1". The knowledge base answers those words
with its property-management template, but they go on from the leak: "好几天" is no question
("几" asks only in "要几天?"), and words going on from the ticket are maybe its, asked, never
filed apart unasked. End to end over the emulation, in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, until
from tests.handlers.looks import all_tickets, said_text

App = Application  # type: ignore[type-arg]
LEAK = {REQUESTER: "我家楼上漏水", ENGLISH: "Water is leaking through my ceiling from upstairs"}
GOING_ON = {
    REQUESTER: "已经好几天了,物业不管",
    ENGLISH: "It has been days and the property management does nothing",
}
APART = {REQUESTER: "另一件事", ENGLISH: "separate"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_words_going_on_from_a_ticket_are_not_filed_apart_unasked(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, LEAK[user])
    await until(lambda: "#1" in said_text(emulator.world, user))
    told = len(await bot_lines(emulator, user, 1))
    await emulator.world.user_sends(user, GOING_ON[user])
    (reply,) = (await bot_lines(emulator, user, told + 1))[told:]
    assert APART[user] not in reply.text, reply.text
    assert [t.id for t in await all_tickets(application)] == [1]
