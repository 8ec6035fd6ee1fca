"""Issue 14, "every word reaches its ticket", a fresh tester: with more than one ticket in
hand, what a requester says went to the ticket opened or written to last. The power cut's
address the bot asked for went into the lost ID card's ticket opened after it (or, a first
inquiry about the housing fund going on, joined that question and opened a ticket of it);
"停电那个还没来电" went into the ID card's ticket. Details answering a ticket's own pending
question (the bot's, or its officer's) go to that ticket, whatever was opened or written to
since; words naming one ticket's matter go to it, and words naming two are asked about. End
to end over the emulation, in both languages, the desk's clock a minute on at each step."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
OFFICER = 100101

POWER = {REQUESTER: "我家停电了", ENGLISH: "The power is out in my flat"}
ID_CARD = {REQUESTER: "身份证丢了怎么补办", ENGLISH: "I lost my ID card, how do I replace it?"}
FUND = {REQUESTER: "公积金怎么查询", ENGLISH: "How do I check my housing fund balance?"}
COMPLAINT = {
    REQUESTER: "我想投诉窗口工作人员态度差",
    ENGLISH: "I want to complain: the clerk at window 3 was rude",
}
PERSON = {REQUESTER: "人工", ENGLISH: "human"}
ADDRESS = {REQUESTER: "和平路12号3单元", ENGLISH: "12 Heping Road, building 3"}
DETAILS = {
    REQUESTER: "和平路12号3单元,早上8点开始停的,整栋楼都停了",
    ENGLISH: "12 Heping Road, building 3, since 8am, the whole building is dark",
}
NAMES_POWER = {REQUESTER: "停电那个还没来电", ENGLISH: "the power one is still out"}
NAMES_BOTH = {
    REQUESTER: "停电和身份证的事都怎么样了",
    ENGLISH: "What about the power cut and the ID card?",
}
ADDED = {REQUESTER: "已记入工单 #{}", ENGLISH: "Added to ticket #{}"}
WHICH = {REQUESTER: "哪一张", ENGLISH: "Which one"}


class Requester:
    """One requester's side of the emulation, the desk's clock a minute on at each step."""

    def __init__(self, emulator: Emulator, clock: DeskClock, user: int) -> None:
        self.world, self.clock, self.user = emulator.world, clock, user

    async def says(self, words: str) -> Any:
        """A minute on, send `words`; the bot's next message."""
        self.clock.now += timedelta(minutes=1)
        count = len(bot_said(self.world, self.user))
        await self.world.user_sends(self.user, words)
        await until(lambda: len(bot_said(self.world, self.user)) > count)
        return bot_said(self.world, self.user)[-1]

    async def has(self, ticket_id: int) -> None:
        """Wait until the bot has named ticket #`ticket_id` to them."""
        await until(
            lambda: any(f"#{ticket_id}" in e.text for e in bot_said(self.world, self.user))
        )


async def _filed(application: App, text: str) -> list[int]:
    """The tickets a message with exactly these words is filed under."""
    async with application.bot_data.desk.sessions() as session:
        query = select(TicketMessage.ticket_id).where(TicketMessage.text == text)
        return list((await session.scalars(query)).all())


async def _power_then_id_card(person: Requester) -> None:
    """#1, a power cut registered (the bot asks for its address), then after /new #2, the lost
    ID card handed to a person."""
    user = person.user
    await person.says(POWER[user])
    await person.has(1)
    await person.says("/new")
    await person.says(ID_CARD[user])
    await person.says(PERSON[user])
    await person.has(2)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_address_the_bot_asked_for_reaches_its_ticket_after_another_opened(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    person = Requester(emulator, desk_clock, user)
    await _power_then_id_card(person)
    told = await person.says(ADDRESS[user])
    assert ADDED[user].format(1) in told.text
    assert await _filed(application, ADDRESS[user]) == [1]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("words", [ADDRESS, DETAILS])
async def test_details_asked_for_leave_a_first_inquiry_going_on_for_their_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int, words: dict[int, str]
) -> None:
    """A housing fund question answered after /new: the power cut's details the bot asked for
    go to the power cut's ticket, not into the fund question (nor a ticket of their own)."""
    emulator, application = running
    person = Requester(emulator, desk_clock, user)
    await person.says(POWER[user])
    await person.has(1)
    await person.says("/new")
    await person.says(FUND[user])
    told = await person.says(words[user])
    assert ADDED[user].format(1) in told.text
    assert await _filed(application, words[user]) == [1]
    # Asked for a person, the fund question is its own ticket, its words alone.
    await person.says(PERSON[user])
    await person.has(2)
    _, second = await all_tickets(application)
    assert second.question == FUND[user]
    assert second.priority != "urgent"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_follow_up_naming_another_tickets_matter_goes_to_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    person = Requester(emulator, desk_clock, user)
    await _power_then_id_card(person)
    told = await person.says(NAMES_POWER[user])
    assert ADDED[user].format(1) in told.text
    assert await _filed(application, NAMES_POWER[user]) == [1]
    # Words naming both matters: they are asked which, nothing filed yet.
    told = await person.says(NAMES_BOTH[user])
    assert WHICH[user] in told.text
    assert await _filed(application, NAMES_BOTH[user]) == []


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_answer_to_an_officers_question_reaches_it_after_another_ticket_opened(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """#1's officer asks for the address; the requester opens #2 before answering: the
    address answers #1's officer."""
    emulator, application = running
    world = emulator.world
    person = Requester(emulator, desk_clock, user)
    await person.says(COMPLAINT[user])
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await until(lambda: len(world.chats[GENERAL_GROUP].topics) == 1)
    (topic,) = world.chats[GENERAL_GROUP].topics.values()
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(OFFICER, "请提供您的详细住址", GENERAL_GROUP, topic.thread_id)
    await until(lambda: any("详细住址" in e.text for e in bot_said(world, user)))
    await person.says("/new")
    await person.says(ID_CARD[user])
    await person.says(PERSON[user])
    await person.has(2)
    told = await person.says(ADDRESS[user])
    assert ADDED[user].format(1) in told.text
    assert await _filed(application, ADDRESS[user]) == [1]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_another_tickets_matter_told_again_beside_the_latest_is_filed_there(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """The power cut told again in other words beside the ID card's ticket: not a second
    power cut's ticket (it was #3), the power cut's in hand."""
    emulator, application = running
    person = Requester(emulator, desk_clock, user)
    await _power_then_id_card(person)
    again = {REQUESTER: "家里没电了", ENGLISH: "There is no electricity at home"}
    told = await person.says(again[user])
    assert ADDED[user].format(1) in told.text
    assert await _filed(application, again[user]) == [1]
    assert len(await all_tickets(application)) == 2


LIGHT = {REQUESTER: "路灯坏了", ENGLISH: "The street light outside my door is broken"}
PHOTO = {"photo": [{"file_id": "p-1", "file_unique_id": "u-1", "width": 90, "height": 90}]}
PLACE = {"location": {"latitude": 31.2, "longitude": 121.4}}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_photo_and_a_place_the_bot_asked_for_reach_their_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """The bot asked the street light's ticket for a photo and where the light is; the ID
    card's ticket was opened since: the photo and the place shared are the light's."""
    emulator, application = running
    world = emulator.world
    person = Requester(emulator, desk_clock, user)
    await person.says(LIGHT[user])
    await person.has(1)
    await person.says("/new")
    await person.says(ID_CARD[user])
    await person.says(PERSON[user])
    await person.has(2)
    # The photo is acknowledged, naming the light's ticket; the place right after is of the
    # same burst, filed there without another reply (issue 14: once a burst).
    for content, kind in ((PHOTO, "photo"), (PLACE, "location")):
        desk_clock.now += timedelta(minutes=1)
        count = len(bot_said(world, user))
        await world.user_sends_content(user, content)

        async def filed(kind: str = kind) -> bool:
            async with application.bot_data.desk.sessions() as session:
                query = select(TicketMessage.ticket_id).where(TicketMessage.content_type == kind)
                return list((await session.scalars(query)).all()) == [1]

        await until(filed)
        if kind == "photo":
            await until(lambda count=count: len(bot_said(world, user)) > count)
            assert ADDED[user].format(1) in bot_said(world, user)[-1].text, kind
        else:
            await asyncio.sleep(1)
            assert len(bot_said(world, user)) == count


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_address_sent_instead_of_a_new_question_reaches_its_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """/new, then the power cut's address the bot asked for: filed with the power cut (it
    was asked to say more, as a question); the new question is still awaited."""
    emulator, application = running
    person = Requester(emulator, desk_clock, user)
    await person.says(POWER[user])
    await person.has(1)
    await person.says("/new")
    told = await person.says(ADDRESS[user])
    assert ADDED[user].format(1) in told.text
    assert await _filed(application, ADDRESS[user]) == [1]
    await person.says(ID_CARD[user])
    await person.says(PERSON[user])
    await person.has(2)
    _, second = await all_tickets(application)
    assert second.question == ID_CARD[user]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_another_fault_at_an_address_is_not_the_awaited_address(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """The power cut's address awaited, a street light broken at an address is a matter of
    its own, not filed with the power cut."""
    emulator, application = running
    person = Requester(emulator, desk_clock, user)
    await person.says(POWER[user])
    await person.has(1)
    await person.says("/new")
    light = {
        REQUESTER: "和平路12号的路灯坏了",
        ENGLISH: "The street light at 12 Heping Road is broken",
    }
    await person.says(light[user])
    await person.has(2)
    assert await _filed(application, light[user]) == []
    _, second = await all_tickets(application)
    assert light[user] in second.question
