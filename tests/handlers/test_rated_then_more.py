"""Issue 14, a fresh tester on typed ratings: a rating followed by a new problem ("5星,另外我家
门口的路灯坏了好几天了") recorded the rating and lost the problem in the closed ticket. A clerk
thanks them, records the rating, and takes the new matter as a new first inquiry (answered
from the knowledge base or a ticket of its own). End to end over the emulation."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Rating, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, until
from tests.handlers.looks import all_tickets, callbacks_of, filed_texts
from tests.handlers.test_after_resolution import _resolved

App = Application  # type: ignore[type-arg]
QUESTION = {ENGLISH: "I want to apply for public rental housing", REQUESTER: "我想申请公租房"}
THANKED = {ENGLISH: "Thank you for your rating", REQUESTER: "感谢您的评价"}


async def _scores(application: App, ticket_id: int) -> list[int]:
    async with DeskContext(application).desk.sessions() as session:
        rows = await session.scalars(select(Rating.score).where(Rating.ticket_id == ticket_id))
        return list(rows)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "light"),
    [
        (REQUESTER, "5星,另外我家门口的路灯坏了好几天了", "路灯"),
        (
            ENGLISH,
            "5 stars. Also, the street light outside my door has been broken for a week",
            "street light",
        ),
    ],
)
async def test_a_rating_then_a_new_problem_is_rated_and_the_problem_taken(
    running: tuple[Emulator, App], requester: int, words: str, light: str
) -> None:
    emulator, application = running
    world = emulator.world
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    await world.user_sends(requester, words)
    lines = await bot_lines(emulator, requester, heard + 2)
    assert any(THANKED[requester] in line.text for line in lines[heard:])
    asked = lines[-1]
    if any(c.startswith("cat:") for c in callbacks_of(asked)):
        await world.user_presses(requester, requester, asked.message_id, "cat:fault_report")

    async def _two() -> bool:
        return len(await all_tickets(application)) >= 2

    await until(_two)
    first, second = await all_tickets(application)
    assert first.status is TicketStatus.CLOSED
    assert await _scores(application, first.id) == [5]
    assert all(light not in filed for filed in await filed_texts(application, first.id))
    assert light in second.question
    assert "5" not in second.question.split(light)[0]  # the rating is not the matter's


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "opener", "rating", "again"),
    [
        (REQUESTER, "我要投诉", "5星", "评分"),
        (ENGLISH, "I want to complain", "5 stars", "rating"),
    ],
)
async def test_a_rating_is_never_the_matter_asked_for(
    running: tuple[Emulator, App], requester: int, opener: str, rating: str, again: str
) -> None:
    """Asked what the complaint is about, a bare rating is no matter: a polite word on it and
    the question again; no ticket opens."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(requester, opener)
    (asked,) = await bot_lines(emulator, requester, 1)
    await world.user_sends(requester, rating)
    told = (await bot_lines(emulator, requester, 2))[-1].text
    assert again in told
    assert asked.text.splitlines()[-1] in told or asked.text in told
    assert await all_tickets(application) == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "opener", "rating"),
    [(REQUESTER, "我想咨询一下", "5星"), (ENGLISH, "I have a question", "5 stars")],
)
async def test_a_rating_is_no_answer_to_what_it_is_about(
    running: tuple[Emulator, App], requester: int, opener: str, rating: str
) -> None:
    """Asked what their question is about, a rating: thanked and asked again, nothing opened."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(requester, opener)
    (asked,) = await bot_lines(emulator, requester, 1)
    await world.user_sends(requester, rating)
    told = (await bot_lines(emulator, requester, 2))[-1].text
    assert asked.text.splitlines()[0] in told
    assert await all_tickets(application) == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "solved", "words", "light"),
    [
        (REQUESTER, "解决了,谢谢", "5星,另外我家门口的路灯坏了好几天了", "路灯"),
        (
            ENGLISH,
            "Solved, thanks",
            "5 stars. Also, the street light outside my door has been broken for a week",
            "street light",
        ),
    ],
)
async def test_the_awaited_rating_then_a_new_problem(
    running: tuple[Emulator, App], requester: int, solved: str, words: str, light: str
) -> None:
    """Confirmed solved in words, the rating asked for: the rating typed with a new problem
    rates the ticket, and the problem is a first inquiry of its own."""
    emulator, application = running
    world = emulator.world
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    await world.user_sends(requester, solved)
    await bot_lines(emulator, requester, heard + 1)
    await world.user_sends(requester, words)
    lines = await bot_lines(emulator, requester, heard + 3)
    assert any(THANKED[requester] in line.text for line in lines[heard + 1 :])
    asked = lines[-1]
    if any(c.startswith("cat:") for c in callbacks_of(asked)):
        await world.user_presses(requester, requester, asked.message_id, "cat:fault_report")

    async def _two() -> bool:
        return len(await all_tickets(application)) >= 2

    await until(_two)
    first, second = await all_tickets(application)
    assert await _scores(application, first.id) == [5]
    assert light in second.question and "5" not in second.question.split(light)[0]
