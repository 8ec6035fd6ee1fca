"""A rating typed in words (issue 14, input 1): after "解决了,谢谢" the bot asks for 1-5 stars,
and "5星", "5", "五星", "给5星", "5 stars", "★★★★★", "4/5" typed then are that rating,
recorded and thanked, as its button is. A rating with nothing awaiting one never opens a
ticket: after a knowledge-base answer a good one is the answer confirmed, and with nothing at
all the requester is told politely that nothing waits for a rating."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import Rating, Ticket, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines
from tests.handlers.test_after_resolution import _resolved

App = Application  # type: ignore[type-arg]
QUESTION = {ENGLISH: "I want to apply for public rental housing", REQUESTER: "我想申请公租房"}
CONFIRMED = {
    ENGLISH: ("Solved, thanks", "confirmed solved"),
    REQUESTER: ("解决了,谢谢", "已确认解决"),
}
THANKED = {ENGLISH: "Thank you for your rating", REQUESTER: "感谢您的评价"}
ANSWERED = {
    ENGLISH: "I lost my social security card, how do I get a new one?",
    REQUESTER: "社保卡丢了怎么补办",
}


async def _scores(application: App) -> list[int]:
    async with DeskContext(application).desk.sessions() as session:
        return list(await session.scalars(select(Rating.score).where(Rating.ticket_id == 1)))


async def _tickets(application: App) -> int:
    async with DeskContext(application).desk.sessions() as session:
        return int(await session.scalar(select(func.count(Ticket.id))) or 0)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "rating", "score"),
    [
        (REQUESTER, "5星", 5),
        (REQUESTER, "5", 5),
        (REQUESTER, "五星", 5),
        (REQUESTER, "给5星", 5),
        (REQUESTER, "★★★★★", 5),
        (REQUESTER, "4/5", 4),
        (REQUESTER, "给4分吧", 4),
        (ENGLISH, "5 stars", 5),
        (ENGLISH, "5", 5),
        (ENGLISH, "4/5", 4),
        (ENGLISH, "I'd give it 3 stars.", 3),
    ],
)
async def test_a_rating_typed_after_the_confirmation_is_recorded(
    running: tuple[Emulator, App], requester: int, rating: str, score: int
) -> None:
    emulator, application = running
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    words, told = CONFIRMED[requester]
    await emulator.world.user_sends(requester, words)
    assert told in (await bot_lines(emulator, requester, heard + 1))[-1].text
    await emulator.world.user_sends(requester, rating)
    thanked = (await bot_lines(emulator, requester, heard + 2))[-1].text
    assert THANKED[requester] in thanked and "#1" in thanked
    assert await _scores(application) == [score]
    assert await _tickets(application) == 1  # nothing opened


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("requester", "rating"), [(REQUESTER, "4"), (ENGLISH, "4")])
async def test_a_bare_rating_answers_the_resolution_too(
    running: tuple[Emulator, App], requester: int, rating: str
) -> None:
    emulator, application = running
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    await emulator.world.user_sends(requester, rating)
    assert THANKED[requester] in (await bot_lines(emulator, requester, heard + 1))[-1].text
    assert await _scores(application) == [4]
    async with DeskContext(application).desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        assert ticket is not None and ticket.status is TicketStatus.CLOSED


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "rating", "glad", "nothing"),
    [
        (REQUESTER, "给5星", "很高兴", "没有需要您评分"),
        (ENGLISH, "5 stars", "Glad", "nothing waiting for a rating"),
    ],
)
async def test_a_rating_after_an_answer_or_with_nothing_awaited_opens_no_ticket(
    running: tuple[Emulator, App], requester: int, rating: str, glad: str, nothing: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(requester, ANSWERED[requester])
    answer = (await bot_lines(emulator, requester, 1))[-1]
    assert answer.buttons  # Solved / Not solved: its feedback pending
    await emulator.world.user_sends(requester, rating)
    assert glad in (await bot_lines(emulator, requester, 2))[-1].text
    await emulator.world.user_sends(requester, "5")
    assert nothing in (await bot_lines(emulator, requester, 3))[-1].text
    assert await _tickets(application) == 0
