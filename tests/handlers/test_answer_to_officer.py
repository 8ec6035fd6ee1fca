"""Issue 14, a fresh tester: a requester's answer to the owner's question went to the
knowledge base, not the ticket. #1's officer asked "请问您是否有本地居住证?"; the answer "有的,
我有居住证,去年办的。需要带什么材料?" got the residence permit's template answer, never reached
the officer and is missing from /ticket 1; the next words reached the officer without the
question. While the owner's question waits, the requester's next message is its answer and
goes to that ticket, whatever question it carries that the knowledge base answers. End to end
over the emulation, in both languages, the desk's clock a minute on at each step."""

from __future__ import annotations

from datetime import timedelta

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
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101
CASE = {
    REQUESTER: (
        "我想申请公租房",
        "请问您是否有本地居住证?",
        "有的,我有居住证,去年办的。需要带什么材料?",
        "已记入工单 #1",
    ),
    ENGLISH: (
        "I want to apply for public rental housing",
        "Do you have a local residence permit?",
        "Yes, I got my residence permit last year. What documents do I need to bring?",
        "Added to ticket #1",
    ),
}
PERMIT = ("身份证、近期照片", "Bring your ID card, a recent photo")


async def _filed(application: App, text: str) -> list[int]:
    async with application.bot_data.desk.sessions() as session:
        query = select(TicketMessage.ticket_id).where(TicketMessage.text == text)
        return list((await session.scalars(query)).all())


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_the_answer_to_the_owners_question_goes_to_the_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    question, asked, answer, added = CASE[requester]
    await world.user_sends(requester, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, requester, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(OFFICER, asked, GENERAL_GROUP, topic.thread_id)
    await until(lambda: any(asked in e.text for e in bot_said(world, requester)))
    heard = len(bot_said(world, requester))
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(requester, answer)
    await until(lambda: len(bot_said(world, requester)) > heard)
    told = bot_said(world, requester)[-1].text
    assert added in told and not any(p in told for p in PERMIT), told
    assert await _filed(application, answer) == [1]
    await until(lambda: any(answer in e.text for e in bot_said(world, GENERAL_GROUP)))


OWN_MATTER = {
    REQUESTER: ("公租房申请要等多久?", "已记入工单 #1"),
    ENGLISH: ("How long does the public rental housing application take?", "Added to ticket #1"),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_question_of_the_tickets_own_matter_goes_to_the_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    """No question waiting: a question about the ticket's own matter is the ticket's too, not
    answered aside as another matter."""
    emulator, application = running
    world = emulator.world
    question = CASE[requester][0]
    asked, added = OWN_MATTER[requester]
    await world.user_sends(requester, question)
    await bot_lines(emulator, GENERAL_GROUP, 1)
    await until(lambda: any("#1" in e.text for e in bot_said(world, requester)))
    heard = len(bot_said(world, requester))
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(requester, asked)
    await until(lambda: len(bot_said(world, requester)) > heard)
    told = bot_said(world, requester)[-1].text
    assert added in told, told
    assert await _filed(application, asked) == [1]
