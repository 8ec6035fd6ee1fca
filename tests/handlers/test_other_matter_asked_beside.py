"""A tester with a street light's ticket #1 open wrote "我要投诉,户口迁移办了三个月还没办好,窗口
工作人员态度很差": it was filed into #1 as a complaint of #1's handling, and the utilities
supervisor was alerted about #1; "my pension payment did not arrive this month" was filed into
the street light's ticket too. A careful clerk hears a complaint of how ANOTHER matter is handled
(the household registration's window) as a complaint of its own, and words that say another
matter the knowledge base knows is not done (the pension not arrived) as not the street light's:
never filed silently into it. A document named for the ticket in hand ("户口本在这里" beside a
public rental housing ticket) and a complaint of the ticket's own handling stay with it. End to
end over the emulation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.looks import all_tickets, filed_texts, said_text

App = Application  # type: ignore[type-arg]
OFFICER = 100101
UTILITIES_SUPERVISOR = 100390  # config.yaml: 周科长, the street light's department
MANAGEMENT = -1000000000900
LIGHT = {
    REQUESTER: "我家门口的路灯坏了好几天了",
    ENGLISH: "The street light outside my house has been broken for days",
}
# The same light "three days" broken: "了三" and "three" say nothing of a matter.
LIGHT_THREE = {
    REQUESTER: "我家门口的路灯坏了三天了",
    ENGLISH: "The street light outside my door has been broken for three days",
}
ADDED = ("已记入工单 #1", "Added to ticket #1")
PENSION = "my pension payment did not arrive this month"


async def _light_ticket(emulator: Emulator, user: int, words: str) -> int:
    """Ticket #1, the street light's, open; how many lines the requester has heard."""
    world = emulator.world
    await world.user_sends(user, words)
    await until(lambda: "#1" in said_text(world, user))
    return len(bot_said(world, user))


def _heard_of_1(world: Any, words: str) -> list[str]:
    """What the bot said to the utilities supervisor and management of ticket #1 with `words`."""
    return [
        line.text
        for chat in (UTILITIES_SUPERVISOR, MANAGEMENT)
        for line in bot_said(world, chat)
        if "#1" in line.text and words in line.text
    ]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "light", "words"),
    [
        (REQUESTER, LIGHT[REQUESTER], "我要投诉,户口迁移办了三个月还没办好,窗口工作人员态度很差"),
        (
            REQUESTER,
            LIGHT_THREE[REQUESTER],
            "我要投诉,户口迁移办了三个月还没办好,窗口工作人员态度很差",
        ),
        (
            ENGLISH,
            LIGHT[ENGLISH],
            "I want to complain, my hukou transfer has taken three months and the staff at the"
            " window were rude",
        ),
        (
            ENGLISH,
            LIGHT_THREE[ENGLISH],
            "I want to complain, my hukou transfer has taken three months and the staff at the"
            " window were rude",
        ),
    ],
)
async def test_a_complaint_of_another_matter_s_handling_is_its_own(
    running: tuple[Emulator, App], user: int, light: str, words: str
) -> None:
    """Beside the street light's #1, a complaint of the household registration window: a
    complaint of its own (ticket #2, as one with no ticket open), not filed into #1, and
    nobody alerted about #1."""
    emulator, application = running
    world = emulator.world
    heard = await _light_ticket(emulator, user, light)
    await world.user_sends(user, words)
    reply = (await bot_lines(emulator, user, heard + 1))[-1]
    assert not reply.text.startswith(ADDED), reply.text
    await until(lambda: "#2" in said_text(world, user))
    tickets = await all_tickets(application)
    assert len(tickets) == 2
    assert words in tickets[1].question, tickets[1].question
    assert tickets[1].category == "complaint", tickets[1].category
    assert words not in await filed_texts(application, 1)
    assert not _heard_of_1(world, words)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("late", [False, True])
@pytest.mark.parametrize(
    ("user", "light", "words", "new"),
    [
        (ENGLISH, LIGHT[ENGLISH], PENSION, "a new one"),
        (ENGLISH, LIGHT_THREE[ENGLISH], PENSION, "a new one"),
        (REQUESTER, LIGHT[REQUESTER], "这个月的养老金没到账", "新的问题"),
        (REQUESTER, LIGHT_THREE[REQUESTER], "养老金三个月了还没到账", "新的问题"),
    ],
)
async def test_another_matter_not_done_is_not_filed_into_the_ticket(
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    user: int,
    light: str,
    words: str,
    new: str,
    late: bool,
) -> None:
    """Beside the street light's #1, the pension not arrived: not filed into #1 nor said added
    to it; the requester is asked whether it is about #1 or a new matter, as for other words
    that may be either, and a new matter stays out of #1."""
    emulator, application = running
    world = emulator.world
    heard = await _light_ticket(emulator, user, light)
    if late:  # past the light's telling (`different_matter.TELLING`)
        desk_clock.now += timedelta(minutes=30)
    await world.user_sends(user, words)
    asked = (await bot_lines(emulator, user, heard + 1))[-1]
    assert not asked.text.startswith(ADDED), asked.text
    assert "#1" in asked.text and asked.buttons, asked.text
    assert words not in await filed_texts(application, 1)
    await world.user_sends(user, new)
    await bot_lines(emulator, user, heard + 2)
    assert words not in await filed_texts(application, 1)
    assert not _heard_of_1(world, words)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words", "raised"),
    [
        (REQUESTER, "我的路灯报修三天了还没人来修,态度太差了", False),
        (ENGLISH, "Nobody has come to fix my street light, this is terrible service", False),
        (REQUESTER, "我要投诉,我的路灯报修三天了还没人来修,态度太差了", True),
        (
            ENGLISH,
            "I want to complain, nobody has come to fix my street light, this is terrible service",
            True,
        ),
    ],
)
async def test_a_complaint_of_the_ticket_s_own_handling_stays_with_it(
    running: tuple[Emulator, App], user: int, words: str, raised: bool
) -> None:
    """The street light's own handling complained of: filed into #1, no ticket #2; with a
    complaint opener, raised on #1 (its supervisor told)."""
    emulator, application = running
    world = emulator.world
    heard = await _light_ticket(emulator, user, LIGHT_THREE[user])
    await world.user_sends(user, words)
    reply = (await bot_lines(emulator, user, heard + 1))[-1]
    assert "#1" in reply.text, reply.text
    await until(lambda: _has(application, words))
    assert len(await all_tickets(application)) == 1
    if raised:
        await until(lambda: bool(_heard_of_1(world, words)))


async def _has(application: App, words: str) -> bool:
    return words in await filed_texts(application, 1)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_document_for_the_ticket_stays_with_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """Beside a public rental housing ticket whose officer asked for the household register,
    "户口本在这里" is that ticket's document, not the household registration's matter."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await bot_lines(emulator, user, 2)  # the promise, the claim
    await world.user_sends(OFFICER, "收到,请再补充户口本", GENERAL_GROUP, topic.thread_id)
    await until(lambda: "请再补充户口本" in said_text(world, user))
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(user, "户口本在这里")
    await until(lambda: _has(application, "户口本在这里"))
    assert len(await all_tickets(application)) == 1
