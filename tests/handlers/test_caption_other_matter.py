"""A new matter sent as a captioned photo beside a ticket in hand (a new-user trial): Tom
complained about an officer (a confidential complaint ticket), then sent a photo captioned
"pothole on Elm Road near no. 12, my bike tyre burst" and heard "Added to ticket #6; 张主任,
who is in charge of it, will see it.", while the same words typed are asked "Is this about
ticket #6, or a new matter?". A caption is judged as its words typed are: asked about, the
photo filed nowhere until the answer; "a new matter" opens the pothole's own ticket with the
photo, "ticket #1" files the photo there. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]

COMPLAINT = {
    REQUESTER: ("我要投诉", "综合窗口的王芳昨天对我态度很差,还冲我吼"),
    ENGLISH: (
        "I want to complain",
        "The officer Wang Fang at the general window was rude to me yesterday and shouted at me",
    ),
}
POTHOLE = {
    REQUESTER: "榆树路12号附近有个大坑,我的自行车胎爆了",
    ENGLISH: "pothole on Elm Road near no. 12, my bike tyre burst",
}
ASKED = {
    REQUESTER: "是关于工单 #1,还是新的问题?",
    ENGLISH: "Is this about ticket #1, or a new matter?",
}
ADDED = {REQUESTER: "已记入工单 #1", ENGLISH: "Added to ticket #1"}


async def _step(world: Any, user: int, text: str) -> None:
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)


async def _filed(application: App, ticket_id: int) -> list[tuple[str, str]]:
    """What the requester's messages filed under a ticket are: (content type, words) each."""
    async with application.bot_data.desk.sessions() as session:
        rows = await session.scalars(
            select(TicketMessage).where(
                TicketMessage.ticket_id == ticket_id, TicketMessage.direction == Direction.IN
            )
        )
        return [(str(m.content_type), m.text or "") for m in rows]


async def _asked(emulator: Emulator, application: App, user: int) -> Any:
    """Ticket #1, a confidential complaint about an officer; then the pothole's photo:
    asked whether it is about #1 or a new matter, nothing filed in #1."""
    world = emulator.world
    for text in COMPLAINT[user]:
        await _step(world, user, text)
    await until(lambda: "#1" in bot_said(world, user)[-1].text)
    (complaint,) = await all_tickets(application)
    assert complaint.confidential, complaint.question
    count = len(bot_said(world, user))
    await world.user_sends_content(user, {**photo("P1"), "caption": POTHOLE[user]})
    await until(lambda: len(bot_said(world, user)) > count)
    question = bot_said(world, user)[-1]
    assert ASKED[user] in question.text, question.text
    assert ADDED[user] not in question.text, question.text
    assert all(kind != "photo" for kind, _ in await _filed(application, 1))
    return question


def _data(question: Any, prefix: str) -> str:
    return next(
        b["callback_data"]
        for row in question.buttons
        for b in row
        if b["callback_data"].startswith(prefix)
    )


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_captioned_photo_of_another_matter_is_asked_about_then_its_own_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    """ "A new matter" pressed: the caption is its question, taken as the same words typed
    (the road repair offered); the road repair chosen opens ticket #2 with the photo, which
    its promise does not ask for again; #1 gets nothing of it."""
    emulator, application = running
    world = emulator.world
    question = await _asked(emulator, application, user)
    count = len(bot_said(world, user))
    await world.user_presses(user, user, question.message_id, _data(question, "anew:"))
    await until(lambda: len(bot_said(world, user)) > count)
    offered = bot_said(world, user)[-1]
    await world.user_presses(user, user, offered.message_id, "kb:road-repair")
    await until(lambda: "#2" in bot_said(world, user)[-1].text)
    tickets = await all_tickets(application)
    assert len(tickets) == 2
    assert POTHOLE[user] in tickets[1].question, tickets[1].question
    assert not tickets[1].confidential
    assert await _filed(application, 2) == [("photo", POTHOLE[user])]
    assert all(kind == "text" for kind, _ in await _filed(application, 1))
    promise = bot_said(world, user)[-1].text
    asked = promise.partition("请在这里发送" if user == REQUESTER else "please send here")[2]
    assert ("现场照片" if user == REQUESTER else "a photo") not in asked, promise


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_captioned_photo_asked_about_goes_into_the_ticket_named(
    running: tuple[Emulator, App], user: int
) -> None:
    """Ticket #1's button pressed: the photo is filed there as a photo, its caption with it;
    no ticket #2."""
    emulator, application = running
    world = emulator.world
    question = await _asked(emulator, application, user)
    await world.user_presses(user, user, question.message_id, _data(question, "which:1:"))

    async def filed() -> bool:
        return ("photo", POTHOLE[user]) in await _filed(application, 1)

    await until(filed)
    assert len(await all_tickets(application)) == 1


NOISE = {
    REQUESTER: "我要投诉隔壁装修噪音,每天早上七点就开始电钻,物业不管。",
    ENGLISH: "I want to complain about the renovation noise next door, they start drilling at"
    " seven every morning and the property management does nothing.",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_captioned_photo_plainly_of_another_matter_is_its_own_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    """A complaint about another matter under a photo, beside the complaint ticket #1: its
    own ticket #2 with the photo, as the same words typed open one; #1 gets nothing of it."""
    emulator, application = running
    world = emulator.world
    for text in COMPLAINT[user]:
        await _step(world, user, text)
    await until(lambda: "#1" in bot_said(world, user)[-1].text)
    await world.user_sends_content(user, {**photo("P1"), "caption": NOISE[user]})
    await until(lambda: "#2" in bot_said(world, user)[-1].text)
    assert await _filed(application, 2) == [("photo", NOISE[user])]
    assert all(kind == "text" for kind, _ in await _filed(application, 1))
