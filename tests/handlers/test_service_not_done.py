"""A public service not done ("小区门口的垃圾一个星期没人清运了", "The bins downstairs haven't
been emptied for days") is a complaint of that service, as a hotline files it: the ticket opens
as a complaint at once, the requester is not asked what kind of matter it is, and their words
are its matter. End to end over the emulation, both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of, said_text

App = Application  # type: ignore[type-arg]

NOT_DONE = [
    (REQUESTER, "小区门口的垃圾一个星期没人清运了"),
    (REQUESTER, "我家楼下的垃圾桶好几天没人清理了,臭得不行"),
    (REQUESTER, "楼道三个星期没人打扫了"),
    (ENGLISH, "The rubbish at our estate gate has not been collected for a week"),
    (ENGLISH, "The bins downstairs haven\u2019t been emptied for days"),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "text"), NOT_DONE)
async def test_a_service_not_done_opens_a_complaint_without_asking_its_kind(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert ticket.category == "complaint", ticket.category
    assert text in ticket.question, ticket.question
    asked = [c for line in bot_said(world, user) for c in callbacks_of(line)]
    assert not any(c.startswith("cat") for c in asked), asked
