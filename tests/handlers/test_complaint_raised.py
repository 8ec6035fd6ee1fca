"""Issue 14, a fresh tester: a complaint about the handling of a ticket was filed as one more
message in it. "孙伟态度很差,一直拖着不办,我要投诉他", written into the ticket 孙伟 owns,
reached 孙伟 alone; "都三天了还没人管,我要投诉!" on a ticket nobody had claimed was filed
without a word of apology, of the promise, or to anyone above. A careful clerk takes a
complaint about the service to a supervisor: the supervisors hear it (the ticket, the owner,
the words), the ticket's log records it (`complaint_raised`, for the figures), the requester is
told in their language that a supervisor has it and what happens next (an apology and the
promise restated when nobody has taken the ticket on yet); the words stay the ticket's. End to
end over the emulation, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.lifecycle import COMPLAINT_RAISED
from bot.models import TicketEvent
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of, filed_texts, said_text

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
UTILITIES_GROUP = -1000000000103
UTILITIES_SUPERVISOR = 100390  # 周科长
SUN_WEI = 100301  # 孙伟, the utilities officer


async def _step(world: Any, user: int, text: str) -> str:
    """`user` sends `text`; what the bot answers them (all of it, a line a message)."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return "\n".join(line.text for line in bot_said(world, user)[count:])


async def _complaints(application: App) -> list[TicketEvent]:
    async with application.bot_data.desk.sessions() as session:
        found = await session.scalars(
            select(TicketEvent).where(TicketEvent.kind == COMPLAINT_RAISED)
        )
        return list(found)


def _heard(emulator: Emulator, chat: int, words: str) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat) if words in e.text and "#1" in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "fault", "complaint", "told"),
    [
        (
            REQUESTER,
            "幸福路23号门口的路灯坏了三天了",
            "孙伟态度很差,一直拖着不办,我要投诉他",
            ["投诉", "主管", "#1"],
        ),
        (
            ENGLISH,
            "The street light outside 23 Xingfu Road has been broken for three days",
            "Officer Sun was rude and keeps stalling, I want to file a complaint about him",
            ["complained", "supervisor", "#1"],
        ),
    ],
)
async def test_a_complaint_about_the_owner_reaches_the_supervisors(
    running: tuple[Emulator, App], user: int, fault: str, complaint: str, told: list[str]
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, user, fault)
    await until(lambda: "#1" in said_text(world, user))
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    await world.user_presses(SUN_WEI, UTILITIES_GROUP, card.message_id, "claim:1")
    await until(lambda: ("孙伟" if user == REQUESTER else "Sun Wei") in said_text(world, user))
    reply = await _step(world, user, complaint)
    assert all(words in reply for words in told), reply
    # The supervisors (the department's, and management) hear it: the ticket, the owner,
    # the words.
    for chat in (UTILITIES_SUPERVISOR, MANAGEMENT):
        await until(lambda chat=chat: _heard(emulator, chat, complaint[:12]))
        assert "孙伟" in _heard(emulator, chat, complaint[:12])[-1]
    (event,) = await _complaints(application)
    assert event.ticket_id == 1 and event.data["about"] == SUN_WEI, event.data
    assert complaint in await filed_texts(application, 1)  # still the ticket's words


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "opening", "complaint", "told"),
    [
        (
            REQUESTER,
            "我想申请公租房",
            "都三天了还没人管,我要投诉!",
            ["抱歉", "主管", "承诺", "#1"],
        ),
        (
            ENGLISH,
            "I want to apply for public rental housing",
            "Three days and nobody has even looked at it, I want to complain!",
            ["sorry", "supervisor", "We promised to settle it by", "#1"],
        ),
    ],
)
async def test_a_complaint_on_an_unclaimed_ticket_is_answered_and_alerted(
    running: tuple[Emulator, App], user: int, opening: str, complaint: str, told: list[str]
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, user, opening)
    await until(lambda: "#1" in said_text(world, user))
    reply = await _step(world, user, complaint)
    assert all(words in reply for words in told), reply
    await until(lambda: _heard(emulator, MANAGEMENT, complaint[:10]))
    assert any(
        "尚未认领" in text or "not claimed" in text
        for text in _heard(emulator, MANAGEMENT, complaint[:10])
    )
    (event,) = await _complaints(application)
    assert event.ticket_id == 1 and event.data["about"] is None, event.data
    assert complaint in await filed_texts(application, 1)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "angry", "told", "matter"),
    [
        (REQUESTER, "你们这是什么破服务!", ["抱歉", "遇到了什么问题"], "我想申请公租房"),
        (
            ENGLISH,
            "What a useless service!",
            ["sorry", "What happened?"],
            "I want to apply for public rental housing",
        ),
    ],
)
async def test_anger_naming_no_matter_is_acknowledged_and_asked_about(
    running: tuple[Emulator, App], user: int, angry: str, told: list[str], matter: str
) -> None:
    """Anger alone as a first message: acknowledged and asked what the matter is (no category
    buttons, no ticket yet); the matter said next is taken with the words before it."""
    emulator, application = running
    world = emulator.world
    reply = await _step(world, user, angry)
    assert all(words in reply for words in told), reply
    assert not callbacks_of(bot_said(world, user)[-1])
    assert not await all_tickets(application)
    await _step(world, user, matter)
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert angry in ticket.question and matter in ticket.question, ticket.question
