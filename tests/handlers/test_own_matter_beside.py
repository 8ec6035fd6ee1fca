"""Issue 14, a fresh tester: beside an open ticket (a fire-lane complaint, a street light), a new
matter of another kind that needs a person ("我家停电了", "the power is out in my flat") was
filed into the unrelated ticket. A careful clerk takes it as a first inquiry of its own (its own
ticket, the acknowledgement naming it), while follow-ups ("还没修好", "any news?", an address,
a phone number, thanks) stay in the ticket. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.looks import all_tickets, filed_texts, said_text

App = Application  # type: ignore[type-arg]

FIRE_LANE = {
    REQUESTER: "小区的消防通道被私家车堵死了,物业不管,我要投诉",
    ENGLISH: "Cars block the fire lane of our compound every night and nobody acts, I complain",
}
LIGHT = {
    REQUESTER: "我家门口的路灯坏了,在和平路88号",
    ENGLISH: "The street light outside my door is broken, at 88 Heping Road",
}
POWER = {REQUESTER: "我家停电了", ENGLISH: "The power is out in my flat"}


async def _ticket_one(emulator: Emulator, requester: int, first: str) -> int:
    world = emulator.world
    await world.user_sends(requester, first)
    await until(lambda: "#1" in said_text(world, requester))
    return len(bot_said(world, requester))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("first", ["fire", "light"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_power_cut_beside_an_open_ticket_is_its_own_ticket(
    running: tuple[Emulator, App], requester: int, first: str
) -> None:
    """Ticket #1 open (a fire-lane complaint or a street light); "我家停电了": ticket #2, a
    fault report of its own, the requester told its number; nothing of it filed in #1."""
    emulator, application = running
    world = emulator.world
    opened = FIRE_LANE if first == "fire" else LIGHT
    heard = await _ticket_one(emulator, requester, opened[requester])
    await world.user_sends(requester, POWER[requester])
    await bot_lines(emulator, requester, heard + 1)
    await until(lambda: "#2" in said_text(world, requester))
    tickets = await all_tickets(application)
    assert len(tickets) == 2
    assert POWER[requester] in tickets[1].question, tickets[1].question
    assert tickets[1].category == "fault_report"
    assert opened[requester] not in tickets[1].question
    assert POWER[requester] not in await filed_texts(application, 1)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "first", "words"),
    [
        (REQUESTER, FIRE_LANE[REQUESTER], "还没处理好吗?"),
        (REQUESTER, FIRE_LANE[REQUESTER], "车还在,又堵上了"),
        (REQUESTER, LIGHT[REQUESTER], "路灯还是不亮"),
        (REQUESTER, LIGHT[REQUESTER], "我的电话是13800138000"),
        (REQUESTER, LIGHT[REQUESTER], "什么时候来修?"),
        (ENGLISH, FIRE_LANE[ENGLISH], "Any news?"),
        (ENGLISH, FIRE_LANE[ENGLISH], "The cars are still there"),
        (ENGLISH, LIGHT[ENGLISH], "It is still not working"),
        (ENGLISH, LIGHT[ENGLISH], "My phone number is 13800138000"),
        (ENGLISH, LIGHT[ENGLISH], "When will someone come to fix it?"),
    ],
)
async def test_a_follow_up_stays_in_its_ticket(
    running: tuple[Emulator, App], requester: int, first: str, words: str
) -> None:
    """Follow-ups beside ticket #1 are filed there, the requester told so; no ticket #2."""
    emulator, application = running
    world = emulator.world
    heard = await _ticket_one(emulator, requester, first)
    await world.user_sends(requester, words)
    reply = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert "#1" in reply.text, reply.text
    await until(lambda: _has_filed(application, words))
    assert len(await all_tickets(application)) == 1


async def _has_filed(application: App, words: str) -> bool:
    return words in await filed_texts(application, 1)


OFFICER = 100101


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "matter", "greeting"),
    [
        (REQUESTER, "你好我想申请公租房", "公租房", "你好"),
        (REQUESTER, "您好啊,我想申请公租房", "公租房", "您好"),
        (ENGLISH, "hello I want to apply for public rental housing", "public rental", "hello"),
        (ENGLISH, "Hi there, I want to apply for public rental housing", "public rental", "Hi"),
    ],
)
async def test_a_greeting_is_not_in_the_ticket_s_title(
    running: tuple[Emulator, App], requester: int, words: str, matter: str, greeting: str
) -> None:
    """A greeting leading the matter, with or without a break after it, stays out of the
    name of the ticket's topic in its staff group."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(requester, words)
    await until(lambda: "#1" in said_text(world, requester))
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    assert matter in topic.name and greeting.casefold() not in topic.name.casefold(), topic.name


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "first", "words"),
    [
        (REQUESTER, FIRE_LANE[REQUESTER], "我想注销公司怎么弄?"),
        (REQUESTER, LIGHT[REQUESTER], "我想注销公司怎么弄?"),
        (ENGLISH, FIRE_LANE[ENGLISH], "How do I check my pension?"),
        (ENGLISH, LIGHT[ENGLISH], "I want to close my company, what should I do?"),
    ],
)
async def test_another_department_s_question_beside_a_ticket_is_not_filed_there(
    running: tuple[Emulator, App], requester: int, first: str, words: str
) -> None:
    """Ticket #1 open; a question of another department's matter that the knowledge base does
    not answer outright: a first inquiry of its own (offered, answered or handed to a person),
    the requester not told it was added to #1, nothing of it filed there."""
    emulator, application = running
    world = emulator.world
    heard = await _ticket_one(emulator, requester, first)
    await world.user_sends(requester, words)
    reply = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert "#1" not in reply.text, reply.text
    assert words not in await filed_texts(application, 1)


CLOSING = {
    REQUESTER: "我想注销公司怎么弄?",
    ENGLISH: "I want to close my company, what should I do?",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_question_offered_aside_stays_out_of_the_next_matter_s_ticket(
    running: tuple[Emulator, App], requester: int
) -> None:
    """Ticket #1 open; a question of another matter offered its templates aside, then a power
    cut: ticket #2 is the power cut's alone, without the question offered aside (nor is
    either filed in #1)."""
    emulator, application = running
    world = emulator.world
    heard = await _ticket_one(emulator, requester, FIRE_LANE[requester])
    await world.user_sends(requester, CLOSING[requester])
    await bot_lines(emulator, requester, heard + 1)
    await world.user_sends(requester, POWER[requester])
    await until(lambda: "#2" in said_text(world, requester))
    tickets = await all_tickets(application)
    assert tickets[1].question == POWER[requester], tickets[1].question
    words = [t.get("text") for t in tickets[1].inquiry or [] if t.get("text")]
    assert all(CLOSING[requester] not in w for w in words), words
    assert await filed_texts(application, 1) == []


GAS = {REQUESTER: "家里燃气泄漏了,味道很大", ENGLISH: "There is a gas leak in my kitchen"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_danger_beside_an_unrelated_ticket_is_its_own_urgent_ticket(
    running: tuple[Emulator, App], requester: int
) -> None:
    """Ticket #1 a fire-lane complaint; a gas leak at home: ticket #2, urgent, of its own; the
    complaint is neither given its words nor raised to urgent."""
    emulator, application = running
    world = emulator.world
    await _ticket_one(emulator, requester, FIRE_LANE[requester])
    await world.user_sends(requester, GAS[requester])
    await until(lambda: "#2" in said_text(world, requester))
    first, second = await all_tickets(application)
    assert GAS[requester] in second.question and second.priority == "urgent", second.priority
    assert first.priority != "urgent"
    assert GAS[requester] not in await filed_texts(application, 1)
