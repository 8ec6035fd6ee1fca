"""A new-user trial: inside an open ticket, "能转人工吗", "有人工吗", "Is there a real person I
can talk to?" only got "added to ticket #1", as if they had said something about the matter.
A clerk hears a request for a person however it is asked: the requester is told their ticket
is with staff (who has it, or that it waits for an officer and by when one replies), and the
words still go into the ticket, so its staff see the request. End to end over the emulation,
in both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import TicketMessage
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
QUESTION = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
ASKED = {
    REQUESTER: [
        "能转人工吗",
        "我要找人工",
        "有人工吗",
        "可以转人工客服吗",
        "你是机器人吗?我要真人",
    ],
    ENGLISH: [
        "Can I talk to a real person?",
        "Is there a real person I can talk to?",
        "I need to talk to a real person",
        "can I get a human please?",
        "Are you a bot? I want a real person",  # a second trial's met silence
    ],
}
WAITING = {REQUESTER: "正在等待工作人员接手", ENGLISH: "waiting for an officer to take it up"}
BY = {REQUESTER: "前安排专人回复", ENGLISH: "a named officer will reply by"}
OWNED = {REQUESTER: "负责人:王芳", ENGLISH: "with Wang Fang"}  # in the requester's language
ADDED = {REQUESTER: "已记入工单", ENGLISH: "Added to ticket"}


async def _filed(application: App, text: str) -> list[int]:
    async with DeskContext(application).desk.sessions() as session:
        found = await session.scalars(
            select(TicketMessage.ticket_id).where(TicketMessage.text == text)
        )
        return list(found)


async def _opened(emulator: Emulator, clock: DeskClock, user: int) -> int:
    """The requester's ticket #1 opened; how many lines the bot has said to them."""
    await emulator.world.user_sends(user, QUESTION[user])
    return len(await bot_lines(emulator, user, 1))


async def _asks(emulator: Emulator, clock: DeskClock, user: int, words: str, heard: int) -> str:
    clock.now += timedelta(minutes=1)
    await emulator.world.user_sends(user, words)
    return str((await bot_lines(emulator, user, heard + 1))[heard].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("asked", range(5))
async def test_a_person_asked_for_in_a_ticket_hears_it_is_with_staff(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int, asked: int
) -> None:
    emulator, application = running
    words = ASKED[user][asked]
    heard = await _opened(emulator, desk_clock, user)
    told = await _asks(emulator, desk_clock, user, words, heard)
    assert "#1" in told and WAITING[user] in told and BY[user] in told, told
    assert ADDED[user] not in told
    assert await _filed(application, words) == [1]  # the staff see the request


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_asked_again_in_a_row_and_after_a_claim_each_is_answered(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """Two ways of asking in a row are both answered (the second is no silent part of a
    burst), and once an officer claims it, who has it."""
    emulator, application = running
    world = emulator.world
    heard = await _opened(emulator, desk_clock, user)
    first, second = ASKED[user][1], ASKED[user][0]
    assert WAITING[user] in await _asks(emulator, desk_clock, user, first, heard)
    assert WAITING[user] in await _asks(emulator, desk_clock, user, second, heard + 1)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: len(bot_said(world, user)) == heard + 3)  # told who claimed it
    told = await _asks(emulator, desk_clock, user, ASKED[user][2], heard + 3)
    assert OWNED[user] in told, told
    assert await _filed(application, ASKED[user][2]) == [1]
