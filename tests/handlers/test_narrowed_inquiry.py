"""Issue 14, one first inquiry split into two tickets by an old button: "你好", "我想问一下",
"公积金" (answered: the balance), "怎么提取" (answered: withdrawing for rent), "不对,我是
买房想提取" (the category asked), "咨询": ticket #1 began at "怎么提取", the housing fund
left out, and *Not solved* still live under the first answer opened ticket #2 of greetings
and "公积金". Words that narrow the matter just answered are more of the same inquiry: its
ticket holds every piece, the first answer's buttons go with the rest, and pressed anyway
they say the matter is in ticket #1 and open nothing. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import InquiryOffer, Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.test_stale_buttons import press, recorded

App = Application  # type: ignore[type-arg]

SAID = {
    REQUESTER: ["你好", "我想问一下", "公积金", "怎么提取", "不对,我是买房想提取"],
    ENGLISH: [
        "hello",
        "I have a question",
        "housing fund",
        "how do I withdraw it?",
        "no, I want to withdraw it to buy a flat",
    ],
}
CATEGORY = {REQUESTER: "咨询", ENGLISH: "consultation"}
# The matter's pieces, each in the ticket: the topic, and how it was narrowed.
PIECES = {REQUESTER: ("公积金", "怎么提取"), ENGLISH: ("housing fund", "how do I withdraw it?")}
IN_TICKET = {REQUESTER: "工单 #1", ENGLISH: "ticket #1"}


def _shown(emulator: Emulator, user: int, message_id: int) -> Any:
    return next(e for e in bot_said(emulator.world, user) if e.message_id == message_id)


def _data(line: Any) -> list[str]:
    return [b["callback_data"] for row in line.buttons for b in row]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_narrowing_follow_up_is_one_inquiry_and_one_ticket(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    first = None
    for count, words in enumerate(SAID[user], start=1):
        await world.user_sends(user, words)
        line = (await bot_lines(emulator, user, count))[-1]
        offered = "solved" in _data(line) or any(d.startswith("kb:") for d in _data(line))
        if first is None and offered:
            first = line  # the first answer or choice of answers: the housing fund's
            await recorded(application, InquiryOffer, user, first.message_id)
    assert first is not None
    # Not it yet: the category asked (typed), or *Not solved* under the latest answer.
    last = bot_said(world, user)[-1]
    if _data(last)[-1:] == ["human"]:
        await world.user_presses(user, user, last.message_id, "human")
        await until(lambda: len(bot_said(world, user)) > len(SAID[user]))
        last = bot_said(world, user)[-1]
    if any(d.startswith("cat:") for d in _data(last)):
        await world.user_sends(user, CATEGORY[user])
    await until(lambda: any(IN_TICKET[user] in e.text for e in bot_said(world, user)))
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
    assert ticket is not None
    for piece in PIECES[user]:
        assert piece in ticket.question.split("\n"), ticket.question
    # The first offer was the same inquiry's: the ticket took its buttons.
    await until(lambda: _shown(emulator, user, first.message_id).buttons == [])
    # Pressed anyway (an old client): the matter is in ticket #1, no second ticket.
    shown = await press(emulator, user, user, first.message_id, "human")
    assert IN_TICKET[user] in shown
    async with application.bot_data.desk.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Ticket)) == 1


OLDER = {
    REQUESTER: ("你好", "租房怎么提取公积金", "社保卡丢了怎么补办"),
    ENGLISH: (
        "hello",
        "How do I pay my water and electricity bills?",
        "How do I get a residence permit?",
    ),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_not_solved_under_an_older_matter_names_it_without_the_greeting(
    running: tuple[Emulator, App], user: int
) -> None:
    """A different, older matter still opens its own ticket from its answer's *Not solved*;
    the requester reads what it is about in their words of the matter, not "hello"."""
    emulator, application = running
    world = emulator.world
    greeting, older, newer = OLDER[user]
    await world.user_sends(user, greeting)
    await bot_lines(emulator, user, 1)
    await world.user_sends(user, older)
    answer = (await bot_lines(emulator, user, 2))[-1]
    assert "solved" in _data(answer)
    await recorded(application, InquiryOffer, user, answer.message_id)
    await world.user_sends(user, newer)
    await bot_lines(emulator, user, 3)
    await world.user_presses(user, user, answer.message_id, "human")
    await until(lambda: any(IN_TICKET[user] in e.text for e in bot_said(world, user)))
    promise = next(e for e in bot_said(world, user) if IN_TICKET[user] in e.text)
    assert older in promise.text and greeting not in promise.text.casefold(), promise.text
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
    assert ticket is not None and older in ticket.question and newer not in ticket.question
