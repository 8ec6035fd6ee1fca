"""Issue 14, a fresh tester on typed ratings: with two resolutions awaiting the requester's word
and another ticket open, "5星" was asked which ticket to pass it to, the open one offered
too, and a button's label held a raw line break. A rating goes to the one resolution awaiting
it; with several, the requester is asked which one they are rating, among those alone, each
button one line. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Rating
from bot.replies import UNDER_WAY
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, DeskClock, bot_lines, until
from tests.handlers.test_which_ticket import _bot_said, _two_tickets

App = Application  # type: ignore[type-arg]
OFFICER, SECOND_OFFICER = 100101, 100102
# A third matter, in two lines (its button says it on one).
THIRD = "我家楼下的垃圾好几天没人清理了\n(转发的消息,邻居也这么说)"


async def _scores(application: App) -> dict[int, int]:
    async with DeskContext(application).desk.sessions() as session:
        rows = await session.execute(select(Rating.ticket_id, Rating.score))
        return {ticket_id: score for ticket_id, score in rows}


def _labels(line: object) -> list[tuple[str, str]]:
    return [(b["text"], b["callback_data"]) for row in getattr(line, "buttons", []) for b in row]


async def _setup(emulator: Emulator, resolve: tuple[int, ...]) -> int:
    """Tickets #1 and #2 claimed, those in `resolve` resolved, then #3 (THIRD) open: the
    requester's bot lines so far."""
    world = emulator.world
    first, second = await _two_tickets(emulator, claimed=True)
    heard = 6
    for ticket, topic, officer in ((1, first, OFFICER), (2, second, SECOND_OFFICER)):
        if ticket in resolve:
            await world.user_sends(officer, "/resolve 已处理", GENERAL_GROUP, topic.thread_id)
            heard += 1
            await until(lambda: len(_bot_said(world, REQUESTER)) >= heard)  # noqa: B023
    await world.user_sends(REQUESTER, "/new")
    heard += 1
    await until(lambda: len(_bot_said(world, REQUESTER)) >= heard)
    await world.user_sends(REQUESTER, THIRD)
    heard += 1
    asked = (await bot_lines(emulator, REQUESTER, heard))[-1]
    await world.user_presses(REQUESTER, REQUESTER, asked.message_id, "cat:service_request")
    await until(lambda: any("#3" in e.text for e in _bot_said(world, REQUESTER)))
    return len(_bot_said(world, REQUESTER))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_rating_with_two_resolutions_awaiting_asks_which_is_rated(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    heard = await _setup(emulator, (1, 2))
    await world.user_sends(REQUESTER, "5星")
    asked = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "评" in asked.text and "转给办理该工单的工作人员" not in asked.text
    labels = _labels(asked)
    assert [label.split()[0] for label, _ in labels] == ["#1", "#2"]  # the resolved ones only
    assert all("\n" not in label and len(label) <= 40 for label, _ in labels)
    await world.user_presses(REQUESTER, REQUESTER, asked.message_id, labels[0][1])

    async def _rated() -> bool:
        return await _scores(application) == {1: 5}

    await until(_rated)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_rating_with_one_resolution_awaiting_rates_it(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    heard = await _setup(emulator, (2,))
    await world.user_sends(REQUESTER, "5星")
    told = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert "感谢您的评价" in told.text and "#2" in told.text
    assert await _scores(application) == {2: 5}


@pytest.mark.parametrize("store", ["sqlite"])
async def test_labels_of_ticket_choices_are_one_line(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """Asked which ticket a message is for, each button one line: #3's question in two lines
    is said on one, cut with an ellipsis."""
    emulator, _ = running
    world = emulator.world
    heard = await _setup(emulator, ())
    desk_clock.now += UNDER_WAY * 3  # no conversation under way: which ticket?
    await world.user_sends(REQUESTER, "请问进展怎么样了")
    await until(lambda: any(e.buttons for e in _bot_said(world, REQUESTER)[heard:]))
    asked = next(e for e in _bot_said(world, REQUESTER)[heard:] if e.buttons)
    labels = [label for label, _ in _labels(asked)]
    assert any(label.startswith("#3 我家楼下的垃圾") for label in labels)
    assert all("\n" not in label and len(label) <= 40 for label in labels)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_in_english_a_rating_with_two_resolutions_awaiting_asks_which(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world

    def said() -> list[Any]:
        return _bot_said(world, ENGLISH)

    await world.user_sends(ENGLISH, "I want to apply for public rental housing")
    (first,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(ENGLISH, "/new")
    await until(lambda: len(said()) >= 2)
    await world.user_sends(ENGLISH, "How do I apply for a residence permit?")
    await until(lambda: len(said()) >= 3)
    await world.user_presses(ENGLISH, ENGLISH, said()[-1].message_id, "human")
    second = (await bot_lines(emulator, GENERAL_GROUP, 2))[-1]
    for officer, card, count in ((OFFICER, first, 1), (SECOND_OFFICER, second, 2)):
        await world.user_presses(officer, GENERAL_GROUP, card.message_id, f"claim:{count}")
        await until(lambda: len(world.chats[GENERAL_GROUP].topics) == count)  # noqa: B023
    await until(lambda: len(said()) >= 6)  # both claims told
    topics = sorted(world.chats[GENERAL_GROUP].topics.values(), key=lambda t: t.thread_id)
    for officer, topic in ((OFFICER, topics[0]), (SECOND_OFFICER, topics[1])):
        before = len(said())
        await world.user_sends(officer, "/resolve done", GENERAL_GROUP, topic.thread_id)
        await until(lambda: len(said()) > before)  # noqa: B023
    heard = len(said())
    await world.user_sends(ENGLISH, "5 stars")
    asked = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    assert "Which one are you rating?" in asked.text
    labels = _labels(asked)
    assert [label.split()[0] for label, _ in labels] == ["#1", "#2"]
    await world.user_presses(ENGLISH, ENGLISH, asked.message_id, labels[1][1])

    async def _rated() -> bool:
        return await _scores(application) == {2: 5}

    await until(_rated)
