"""A new-user trial: "算了", "没事了", "never mind" as the reply while the bot waited for more
(what the complaint is about, what the question is) or for the category opened a ticket of
the words so far, or of "没事了" itself. A clerk who hears "never mind" lets it go: nothing is
opened, and they hear that it was let go and that they can write any time. "算了,还是帮我查一下
吧" ("never mind that, but do check it") drops nothing. End to end over the emulation, in
both languages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines

App = Application  # type: ignore[type-arg]
# What the bot waits for, by what it was told first: the matter of a complaint, what a
# question is about, the category of a question no cue word sorts.
FIRST = {
    "matter": {REQUESTER: "我要投诉", ENGLISH: "I want to complain"},
    "clarify": {REQUESTER: "我想咨询一下", ENGLISH: "I have a question"},
    "category": {
        REQUESTER: "我上个月提交的材料到现在还没有消息",
        ENGLISH: "I handed in my papers last month and have heard nothing since",
    },
}
LETTING_GO = {REQUESTER: ["算了", "没事了"], ENGLISH: ["never mind", "nevermind, it's fine"]}
LET_GO = {REQUESTER: "不登记了", ENGLISH: "I won't file that"}
ANY_TIME = {REQUESTER: "随时告诉我", ENGLISH: "just write to me"}
GOING_ON = {
    REQUESTER: "算了,还是帮我查一下吧",
    ENGLISH: "never mind that, but can you please check it for me?",
}


async def _tickets(application: App) -> int:
    async with DeskContext(application).desk.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Ticket)) or 0)


async def _told(emulator: Emulator, user: int, first: str, then: str) -> str:
    await emulator.world.user_sends(user, first)
    await bot_lines(emulator, user, 1)
    await emulator.world.user_sends(user, then)
    return str((await bot_lines(emulator, user, 2))[1].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("waiting", list(FIRST))
@pytest.mark.parametrize("said", range(2))
async def test_never_mind_while_the_bot_waits_opens_nothing(
    running: tuple[Emulator, App], user: int, waiting: str, said: int
) -> None:
    emulator, application = running
    told = await _told(emulator, user, FIRST[waiting][user], LETTING_GO[user][said])
    assert LET_GO[user] in told and ANY_TIME[user] in told, told
    assert await _tickets(application) == 0
    assert len(await bot_lines(emulator, user, 2)) == 2  # nothing else said


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_never_mind_that_but_goes_on_with_the_question(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, _ = running
    told = await _told(emulator, user, FIRST["category"][user], GOING_ON[user])
    assert LET_GO[user] not in told, told
