"""Issue 14, "the first inquiry loses nothing": a complaint opener said alone beside open
tickets ("我要投诉", "I want to complain") is asked about ("是关于工单 #N,还是新的问题?").
A clerk who asked takes the answer however it comes: typed ("新的问题", "a new one", "#1",
"是关于#1的", "the first one") as pressed, the opener filed where the answer says, the typed
answer no message for anyone, and the question's buttons gone (one live set). With several
tickets open each is offered, beside "a new matter". The opener is taken once: a double press
of "a new matter" starts one inquiry, the second press told the button is stale. End to end
over the emulation, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Requester, StaffLink
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, filed_texts, said_text
from tests.handlers.test_complaint_beside import (
    ALONE,
    ASKED,
    NOISE,
    _card_ticket,
    _data,
    _step,
)

App = Application  # type: ignore[type-arg]
SECOND = {
    REQUESTER: "我要投诉隔壁装修噪音,每天早上七点就开始电钻,物业不管。",
    ENGLISH: "I want to complain about the renovation noise next door, they start drilling at"
    " seven every morning and the property management does nothing.",
}


async def _asked(emulator: Emulator, application: App, user: int, tickets: int = 1) -> Any:
    """`tickets` open (#1 the lost card; #2 a noise complaint), then the opener alone: the
    question, nothing filed of the opener yet."""
    world = emulator.world
    await _card_ticket(emulator, application, user)
    if tickets == 2:
        await _step(world, user, SECOND[user])
        await until(lambda: "#2" in said_text(world, user))
    await _step(world, user, ALONE[user])
    question = bot_said(world, user)[-1]
    for ticket_id in range(1, tickets + 1):
        assert ALONE[user] not in await filed_texts(application, ticket_id)
    # Known as the question once sent (its link: bot/intake/asked.py), as a reader reads it.
    await until(lambda: _linked(application, user, question.message_id))
    return question


async def _linked(application: App, user: int, message_id: int) -> bool:
    async with application.bot_data.desk.sessions() as session:
        return await session.get(StaffLink, (user, message_id)) is not None


def _buttons_gone(world: Any, user: int, question: Any) -> bool:
    return world.find(user, question.message_id).get("reply_markup") is None


async def _inquiry(application: App, user: int) -> list[dict[str, Any]]:
    async with application.bot_data.desk.sessions() as session:
        requester = await session.scalar(
            select(Requester).where(Requester.telegram_user_id == user)
        )
        assert requester is not None
        return list(requester.inquiry or [])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "typed"),
    [
        (REQUESTER, "新的问题"),
        (REQUESTER, "是新的问题"),
        (ENGLISH, "a new one"),
        (ENGLISH, "A new matter."),
    ],
)
async def test_a_new_matter_typed_takes_the_opener_as_a_first_inquiry(
    running: tuple[Emulator, App], user: int, typed: str
) -> None:
    """Typed as the button: the opener starts a first inquiry of its own; what it is about,
    said next, opens ticket #2 (a complaint) with both; #1 gets none of it, the typed answer
    is in no ticket, and the question's buttons are gone."""
    emulator, application = running
    world = emulator.world
    question = await _asked(emulator, application, user)
    await _step(world, user, typed)
    await until(lambda: _buttons_gone(world, user, question))
    assert ASKED[user] not in bot_said(world, user)[-1].text
    await _step(world, user, NOISE[user])
    await until(lambda: "#2" in said_text(world, user))
    tickets = await all_tickets(application)
    assert len(tickets) == 2
    assert tickets[1].category == "complaint", tickets[1].category
    assert NOISE[user] in tickets[1].question, tickets[1].question
    assert ALONE[user] in tickets[1].question, tickets[1].question
    assert typed not in tickets[1].question, tickets[1].question
    filed = await filed_texts(application, 1)
    assert not {ALONE[user], typed, NOISE[user]} & set(filed), filed


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "typed"),
    [
        (REQUESTER, "是关于#1的"),
        (REQUESTER, "#1"),
        (REQUESTER, "第一个"),
        (ENGLISH, "the first one"),
        (ENGLISH, "#1"),
        (ENGLISH, "It's about ticket 1"),
    ],
)
async def test_the_ticket_typed_takes_the_opener_into_it(
    running: tuple[Emulator, App], user: int, typed: str
) -> None:
    """Typed as the ticket's button: the opener is filed in #1 (and said so), the typed
    answer is not; no ticket #2; the question's buttons are gone."""
    emulator, application = running
    world = emulator.world
    question = await _asked(emulator, application, user)
    await _step(world, user, typed)
    await until(lambda: _buttons_gone(world, user, question))
    filed = await filed_texts(application, 1)
    assert ALONE[user] in filed and typed not in filed, filed
    assert "#1" in bot_said(world, user)[-1].text
    assert len(await all_tickets(application)) == 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "typed"), [(REQUESTER, "第二个"), (ENGLISH, "#2")])
async def test_each_open_ticket_is_offered_beside_a_new_matter(
    running: tuple[Emulator, App], user: int, typed: str
) -> None:
    """Two tickets open: the question names both, a button each and "a new matter"; the
    second named in words takes the opener into #2 and the buttons go."""
    emulator, application = running
    world = emulator.world
    question = await _asked(emulator, application, user, tickets=2)
    assert "#1" in question.text and "#2" in question.text, question.text
    data = [b["callback_data"] for row in question.buttons for b in row]
    assert [d.split(":")[0] for d in data] == ["which", "which", "anew"], data
    assert [d.split(":")[1] for d in data[:2]] == ["1", "2"], data
    await _step(world, user, typed)
    await until(lambda: _buttons_gone(world, user, question))
    filed = await filed_texts(application, 2)
    assert ALONE[user] in filed and typed not in filed, filed
    assert ALONE[user] not in await filed_texts(application, 1)
    assert len(await all_tickets(application)) == 2


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_double_press_of_a_new_matter_takes_the_opener_once(
    running: tuple[Emulator, App], user: int
) -> None:
    """Two presses in quick succession: one first inquiry holding the opener once, one
    answer to it; the second press gets the stale-button alert."""
    emulator, application = running
    world = emulator.world
    question = await _asked(emulator, application, user)
    count = len(bot_said(world, user))
    anew = _data(question, "anew:")
    first = await world.user_presses(user, user, question.message_id, anew)
    second = await world.user_presses(user, user, question.message_id, anew)
    ids = [p["callback_query"]["id"] for p in (first, second)]
    await until(lambda: all(i in world.answered for i in ids))
    assert not world.answered[ids[0]], world.answered
    assert world.answered[ids[1]], world.answered
    await until(lambda: len(bot_said(world, user)) > count)
    said = await _inquiry(application, user)
    assert [t.get("text") for t in said].count(ALONE[user]) == 1, said
    assert len(bot_said(world, user)) == count + 1, [e.text for e in bot_said(world, user)]
    await _step(world, user, NOISE[user])
    await until(lambda: "#2" in said_text(world, user))
    assert len(await all_tickets(application)) == 2


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_ticket_pressed_then_a_new_matter_takes_nothing_twice(
    running: tuple[Emulator, App],
) -> None:
    """The ticket's button, then "a new matter" at once: the opener is in #1 only, no first
    inquiry holds it; the second press is told the button is stale."""
    emulator, application = running
    world = emulator.world
    question = await _asked(emulator, application, REQUESTER)
    first = await world.user_presses(
        REQUESTER, REQUESTER, question.message_id, _data(question, "which:1:")
    )
    second = await world.user_presses(
        REQUESTER, REQUESTER, question.message_id, _data(question, "anew:")
    )
    ids = [p["callback_query"]["id"] for p in (first, second)]
    await until(lambda: all(i in world.answered for i in ids))
    assert "失效" in str(world.answered[ids[1]]), world.answered
    assert ALONE[REQUESTER] in await filed_texts(application, 1)
    said = await _inquiry(application, REQUESTER)
    assert not any(t.get("text") == ALONE[REQUESTER] for t in said), said
