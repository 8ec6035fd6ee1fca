"""A question typed line by line while the category buttons wait (a new-user trial: a message
typed in 22 parts heard the same "added to your question" 18 times). As a clerk nods once at
someone handing over several papers, the first line added is acknowledged and the lines that
follow in a row are kept without a reply (config `notices.acknowledge_quiet`, as for words
into a ticket); every line is in the question the ticket opens with. End to end over the
emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Requester
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until
from tests.handlers.looks import all_tickets
from tests.handlers.test_category_waits import _asked_kind, _press, _says

App = Application  # type: ignore[type-arg]
LINES = {
    REQUESTER: ["是关于住房补贴的", "三月份交的", "窗口说一个月", "现在五个月了", "也没人打电话"],
    ENGLISH: [
        "it is about the housing allowance",
        "handed in in March",
        "they said one month",
        "it has been five months",
        "nobody has called me",
    ],
}
ADDED = {REQUESTER: "已补充到您的问题里", ENGLISH: "Added to your question"}


async def _kept(application: App, user: int, line: str) -> bool:
    """Whether `line` is in the requester's question waiting for its kind."""
    async with application.bot_data.desk.sessions() as session:
        requester = await session.scalar(
            select(Requester).where(Requester.telegram_user_id == user)
        )
    return requester is not None and line in (requester.last_question or "")


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_lines_in_a_row_are_acknowledged_once_and_all_kept(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    world = emulator.world
    choice = await _asked_kind(emulator, user)
    for line in LINES[user]:
        await _says(emulator, user, line)
        await until(lambda line=line: _kept(application, user, line))  # each handled alone
        desk_clock.now += timedelta(seconds=20)
    await until(lambda: sum(ADDED[user] in e.text for e in bot_said(world, user)) >= 1)
    # A quiet spell, then one more line: acknowledged again.
    desk_clock.now += timedelta(minutes=6)
    await _says(
        emulator, user, "材料编号是A1234" if user == REQUESTER else "the file number is A1234"
    )
    await until(lambda: sum(ADDED[user] in e.text for e in bot_said(world, user)) >= 2)
    # Every line is the question's, the ticket opens with all of it at the choice; what
    # the bot said before its promise has reached the chat by then (one chat, in order).
    assert await _press(emulator, user, choice.message_id, "cat:consultation") == ""
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)), seconds=20)
    said = [e.text for e in bot_said(world, user)]
    assert sum(ADDED[user] in text for text in said) == 2, said
    (ticket,) = await all_tickets(application)
    assert all(line in ticket.question for line in LINES[user]), ticket.question
    assert "A1234" in ticket.question
