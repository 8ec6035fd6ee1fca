"""What a requester's words after a resolution say, read by kind in both languages (issue 14,
input 5): "not solved" in their own words ("they haven't come yet, it's still beeping",
"我家还是没电啊,你们搞错了吧") reopens the ticket to the same owner; "solved" in words ("it
works now", "修好了") confirms it; a rating in words ("给5星吧", "rate it 4") confirms it with
that rating, as the rating button does."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Rating, Ticket, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, until
from tests.handlers.test_after_resolution import OFFICER, _resolved

App = Application  # type: ignore[type-arg]
# A question that reaches a person, in the language each requester writes.
QUESTION = {ENGLISH: "I want to apply for public rental housing", REQUESTER: "我想申请公租房"}


async def _state(application: App) -> tuple[Ticket, list[int]]:
    """Ticket #1 and the scores it was rated with."""
    async with DeskContext(application).desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        assert ticket is not None
        scores = list(await session.scalars(select(Rating.score).where(Rating.ticket_id == 1)))
        return ticket, scores


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "told"),
    [
        (ENGLISH, "they haven’t come yet, it's still beeping", "reopened"),
        (ENGLISH, "Nobody came and it is happening again", "reopened"),
        (ENGLISH, "You got it wrong, the light is still dark", "reopened"),
        (REQUESTER, "我家还是没电啊,你们搞错了吧", "重新打开"),
        (REQUESTER, "根本没人来,又停电了", "重新打开"),
        # Issue 14: a fault still there with words between, the resolution contradicted.
        (REQUESTER, "不是说修好了吗?消防栓那里还在哗哗流水", "重新打开"),
        (REQUESTER, "地砖还是松的,踩上去直晃", "重新打开"),
        (ENGLISH, "Didn't you say it was fixed? The tiles are still loose", "reopened"),
    ],
)
async def test_not_solved_in_own_words_reopens(
    running: tuple[Emulator, App], requester: int, words: str, told: str
) -> None:
    emulator, application = running
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    await emulator.world.user_sends(requester, words)
    assert told in (await bot_lines(emulator, requester, heard + 1))[-1].text
    ticket, scores = await _state(application)
    assert ticket.status is TicketStatus.CLAIMED and ticket.owner_id == OFFICER
    assert ticket.reopen_count == 1 and scores == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "told", "score"),
    [
        (REQUESTER, "好的,挺好的,给5星吧", "感谢您的评价", 5),
        (REQUESTER, "打4分", "感谢您的评价", 4),
        (REQUESTER, "★★★★★", "感谢您的评价", 5),
        (ENGLISH, "5 stars", "Thank you for your rating", 5),
        (ENGLISH, "fixed, thanks, rate it 4", "Thank you for your rating", 4),
    ],
)
async def test_a_rating_in_words_confirms_with_it(
    running: tuple[Emulator, App], requester: int, words: str, told: str, score: int
) -> None:
    emulator, application = running
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    await emulator.world.user_sends(requester, words)
    assert told in (await bot_lines(emulator, requester, heard + 1))[-1].text
    ticket, scores = await _state(application)
    assert ticket.status is TicketStatus.CLOSED and scores == [score]
    # The owner hears the rating, as from the button.
    group = emulator.world.transcripts[GENERAL_GROUP]
    await until(lambda: any(f"评分 {score} 星" in e.text for e in group))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "told"),
    [
        (REQUESTER, "修好了,谢谢", "已确认解决"),
        (REQUESTER, "没问题了", "已确认解决"),
        (REQUESTER, "好了", "已确认解决"),
        (REQUESTER, "对,来电了", "已确认解决"),
        (ENGLISH, "yes", "confirmed solved"),
        (ENGLISH, "fixed, thanks", "confirmed solved"),
        (ENGLISH, "It works now", "confirmed solved"),
        (ENGLISH, "It's no longer beeping, thank you!", "confirmed solved"),
        # A tester's "thanks, it's quiet now!" was asked again, staff told "not said".
        (ENGLISH, "thanks, it's quiet now!", "confirmed solved"),
        (REQUESTER, "谢谢,现在安静了", "已确认解决"),
        (REQUESTER, "不吵了,谢谢", "已确认解决"),
    ],
)
async def test_solved_in_words_confirms(
    running: tuple[Emulator, App], requester: int, words: str, told: str
) -> None:
    emulator, application = running
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    await emulator.world.user_sends(requester, words)
    assert told in (await bot_lines(emulator, requester, heard + 1))[-1].text
    ticket, scores = await _state(application)
    assert ticket.status is TicketStatus.CLOSED and ticket.reopen_count == 0 and scores == []
