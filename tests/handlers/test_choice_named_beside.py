"""Issue 14, a fresh tester: beside an open ticket, words naming an option the bot had just
offered ("the second one", "none of these", "第二个") were filed into the ticket as if they
were a message for its officer. A careful clerk who just offered a choice takes such words as
the choice: an option of "did you mean" (its answer; none of them, a person), a category
button (a ticket in that category), a ticket of "which ticket is this for?" (the message it
asked about goes there). End to end over the emulation, in both languages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, StaffLink, TicketMessage
from bot.replies import UNDER_WAY
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import (
    ENGLISH,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
LIGHT = "The street light outside number 23 is broken"
HOUSING = "我想申请公租房"
FIRST = {REQUESTER: HOUSING, ENGLISH: LIGHT}
# A question neither cue words nor a close template sort: the bot asks its kind.
UNSORTED = {
    REQUESTER: "我上个月提交的材料到现在还没有消息",
    ENGLISH: "I handed in my papers last month and have heard nothing since",
}


async def _filed(application: App, text: str) -> list[int]:
    """The tickets a requester's message with these words is filed under."""
    async with DeskContext(application).desk.sessions() as session:
        rows = await session.scalars(
            select(TicketMessage.ticket_id).where(
                TicketMessage.text == text, TicketMessage.direction == Direction.IN
            )
        )
        return list(rows)


def _data(line: Any) -> list[str]:
    return [b["callback_data"] for row in line.buttons for b in row]


async def _suggested_beside(emulator: Emulator) -> tuple[int, list[str]]:
    """Ticket #1 (a street light), then a question beside it the bot offers "did you mean"
    for; how many lines the requester read, and the templates offered."""
    world = emulator.world
    await world.user_sends(ENGLISH, LIGHT)
    await until(lambda: any("ticket #1" in e.text for e in bot_said(world, ENGLISH)))
    heard = len(bot_said(world, ENGLISH))
    await world.user_sends(ENGLISH, "How do I get my pension?")
    offered = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    data = _data(offered)
    assert data[-1] == "human" and all(d.startswith("kb:") for d in data[:-1]), offered.text
    return heard + 1, [d.removeprefix("kb:") for d in data[:-1]]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("said", "index"), [("the second one", 1), ("number 1", 0)])
async def test_an_option_named_beside_a_ticket_is_that_option(
    running: tuple[Emulator, App], said: str, index: int
) -> None:
    emulator, application = running
    desk = DeskContext(application).desk
    heard, offered = await _suggested_beside(emulator)
    await emulator.world.user_sends(ENGLISH, said)
    answer = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    assert desk.answer(offered[index], "en") in answer.text, answer.text
    assert _data(answer) == ["solved", "human"]
    assert await _filed(application, said) == []
    assert await ticket_no(application, 2) is None


@pytest.mark.parametrize("store", ["sqlite"])
async def test_none_of_these_beside_a_ticket_goes_to_a_person(
    running: tuple[Emulator, App],
) -> None:
    """As the "none of these" button: the question goes to a person, who first needs its
    kind (the category buttons); then its own ticket, #2, beside #1."""
    emulator, application = running
    world = emulator.world
    heard, _ = await _suggested_beside(emulator)
    await world.user_sends(ENGLISH, "none of these")
    choice = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    assert "cat:complaint" in _data(choice), choice.text
    assert await _filed(application, "none of these") == []
    await world.user_presses(ENGLISH, ENGLISH, choice.message_id, "cat:consultation")
    await until(lambda: any("#2" in e.text for e in bot_said(world, ENGLISH)[heard + 1 :]))
    second = await ticket_no(application, 2)
    assert second is not None and "pension" in second.question, second


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "said", "index"), [(REQUESTER, "第二个", 1), (ENGLISH, "the first one", 0)]
)
async def test_a_category_named_by_its_place_beside_a_ticket_is_that_category(
    running: tuple[Emulator, App], user: int, said: str, index: int
) -> None:
    emulator, application = running
    world = emulator.world
    desk = DeskContext(application).desk
    await world.user_sends(user, FIRST[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    heard = len(bot_said(world, user))
    await world.user_sends(user, "/new")
    await world.user_sends(user, UNSORTED[user])
    choice = (await bot_lines(emulator, user, heard + 2))[-1]
    assert "cat:complaint" in _data(choice), choice.text
    await world.user_sends(user, said)
    await until(lambda: any("#2" in e.text for e in bot_said(world, user)[heard + 2 :]))
    second = await ticket_no(application, 2)
    assert second is not None and second.category == desk.settings.categories[index].key
    assert UNSORTED[user] in second.question
    assert await _filed(application, said) == []


async def _asked_which(
    emulator: Emulator, application: App, desk_clock: DeskClock, user: int
) -> tuple[Any, str]:
    """Tickets #1 and #2 in hand (#2 after /new, its kind chosen), nobody claiming either,
    half an hour of silence, then words without a clue: "which ticket is it for?". How many
    lines the requester read by then, and the words asked about."""
    world = emulator.world
    await world.user_sends(user, FIRST[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    heard = len(bot_said(world, user))
    await world.user_sends(user, "/new")
    await world.user_sends(user, UNSORTED[user])
    choice = (await bot_lines(emulator, user, heard + 2))[-1]
    await world.user_presses(user, user, choice.message_id, "cat:complaint")
    await until(lambda: any("#2" in e.text for e in bot_said(world, user)[heard + 2 :]))
    desk_clock.now += UNDER_WAY + timedelta(minutes=1)
    heard = len(bot_said(world, user))
    words = {REQUESTER: "补充一下:卡号尾号1234", ENGLISH: "One more thing: card ending 1234"}[user]
    await world.user_sends(user, words)
    asked = (await bot_lines(emulator, user, heard + 1))[-1]
    assert [d.split(":")[1] for d in _data(asked)] == ["1", "2"], asked.text
    # Known as the question once sent (its link: bot/intake/asked.py), as a reader reads it.
    await until(lambda: _linked(application, user, asked.message_id))
    return asked, words


async def _linked(application: App, user: int, message_id: int) -> bool:
    async with DeskContext(application).desk.sessions() as session:
        return await session.get(StaffLink, (user, message_id)) is not None


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "said", "ticket_id", "added"),
    [
        (REQUESTER, "第二个", 2, "已记入工单 #2"),
        (REQUESTER, "1号", 1, "已记入工单 #1"),
        (ENGLISH, "the first one", 1, "Added to ticket #1"),
        (ENGLISH, "#2", 2, "Added to ticket #2"),
    ],
)
async def test_a_ticket_named_when_asked_which_takes_the_words_asked_about(
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    user: int,
    said: str,
    ticket_id: int,
    added: str,
) -> None:
    emulator, application = running
    world = emulator.world
    asked, words = await _asked_which(emulator, application, desk_clock, user)
    buttons = _data(asked)
    heard = len(bot_said(world, user))
    await world.user_sends(user, said)
    told = (await bot_lines(emulator, user, heard + 1))[-1]
    assert added in told.text, told.text
    assert await _filed(application, words) == [ticket_id]
    assert await _filed(application, said) == []  # the choice, not words for the officer
    # The question's buttons go, as after a press: one live set.
    await until(lambda: world.find(user, asked.message_id).get("reply_markup") is None)
    # Its staff get the words asked about, in its department's group.
    ticket = await ticket_no(application, ticket_id)
    assert ticket is not None
    desk = DeskContext(application).desk
    group = desk.settings.department(ticket.handling_department_key).staff_group_chat_id
    await until(lambda: any(words in e.text for e in emulator.world.transcripts.get(group, [])))
    # Its buttons, pressed after, file nothing twice: the stale-button alert.
    pressed = await world.user_presses(user, user, asked.message_id, buttons[0])
    query_id = pressed["callback_query"]["id"]
    await until(lambda: query_id in world.answered)
    assert await _filed(application, words) == [ticket_id]
