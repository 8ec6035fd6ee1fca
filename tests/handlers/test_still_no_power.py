"""Issue 14: a bare "还没来电" / "still no power" (no ticket number) from a requester whose power
cut is in hand is a follow-up on that ticket, read by the supply it says is still cut, even
when another ticket of theirs was spoken of since. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, have_written, until
from tests.handlers.looks import filed_texts
from tests.handlers.opening import open_at_desk

App = Application  # type: ignore[type-arg]
UTILITIES_GROUP = -1000000000103

POWER = {
    ENGLISH: "There is no electricity in Xingfuli building 3 since this morning",
    REQUESTER: "幸福里3号楼从早上开始停电了",
}
HOUSING = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
STILL = {
    REQUESTER: ["还没来电", "怎么还没来电啊", "到现在还没通电"],
    ENGLISH: ["still no power", "The power still isn't back", "power's not back yet"],
}


async def _count(application: App) -> int:
    async with application.bot_data.desk.sessions() as session:
        return len(list(await session.scalars(select(Ticket.id))))


async def _step(world: Any, user: int, text: str) -> Any:
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return bot_said(world, user)[-1]


async def _has(application: App, ticket_id: int, words: str) -> bool:
    return words in await filed_texts(application, ticket_id)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("which", [0, 1, 2])
@pytest.mark.parametrize("other", [False, True])
async def test_still_no_power_follows_up_the_power_cut(
    running: tuple[Emulator, App], user: int, which: int, other: bool
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, user, POWER[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    if other:  # a second ticket, spoken of last
        await _step(world, user, "/new")
        await _step(world, user, HOUSING[user])
        await until(lambda: any("#2" in e.text for e in bot_said(world, user)))
    words = STILL[user][which]
    told = await _step(world, user, words)
    await until(lambda: _has(application, 1, words))
    assert "#1" in told.text, told.text
    assert await _count(application) == (2 if other else 1)
    if other:
        assert not await _has(application, 2, words)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_still_no_power_follows_up_a_ticket_linked_to_the_outage(
    running: tuple[Emulator, App], user: int
) -> None:
    """Five power cuts of one building, linked into one mass incident; the requester then
    opens another ticket; a bare "still no power" is their outage ticket's."""
    emulator, application = running
    world = emulator.world
    reports = [(REQUESTER, "zh"), (ENGLISH, "en"), (700001, "zh"), (700002, "zh"), (700003, "zh")]
    own = {}
    for user_id, language in reports:
        if user_id not in world.users:
            world.add_user(user_id, f"R{user_id}", language, started=True)
        have_written(world, user_id)
        opened = await open_at_desk(
            application,
            user_id,
            language,
            question=POWER[ENGLISH if language == "en" else REQUESTER],
            category="fault_report",
            department="utilities",
            staff_chat_id=UTILITIES_GROUP,
        )
        own[user_id] = opened.ticket.id
        linked = opened.ticket.incident_id
    assert linked is not None
    await _step(world, user, "/new")
    await _step(world, user, HOUSING[user])
    await until(lambda: any("#6" in e.text for e in bot_said(world, user)))
    words = STILL[user][0]
    told = await _step(world, user, words)
    await until(lambda: _has(application, own[user], words))
    assert f"#{own[user]}" in told.text, told.text
    assert not await _has(application, 6, words)
