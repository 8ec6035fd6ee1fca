"""Issue 14, a fresh tester: "没用" after a template's answer left the requester with the
category buttons only; they never tapped one, and for days nothing was filed. A matter said
not helped is never left unfiled: when the category question waits unanswered past config
`intake.category_wait`, the sweep opens the ticket (the kind its words name, else the fallback
category) with everything they said, and tells them. End to end over the emulation, both
languages; the clock is moved, not slept on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.classify import fallback_category
from bot.intake import unchosen
from bot.models import Requester
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_lines, bot_said
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
QUESTION = {
    REQUESTER: "我上个月提交的材料到现在还没有消息",
    ENGLISH: "I handed in my papers last month and have heard nothing since",
}
NOT_HELPED = {REQUESTER: "没用", ENGLISH: "that didn't help"}
CHOOSE = {REQUESTER: "事项类型", ENGLISH: "what kind of matter"}
OPENED = {REQUESTER: "工单 #1", ENGLISH: "ticket #1"}


async def _says(emulator: Emulator, clock: DeskClock, user: int, words: str) -> str:
    clock.now += timedelta(minutes=1)
    heard = len(bot_said(emulator.world, user))
    await emulator.world.user_sends(user, words)
    return str((await bot_lines(emulator, user, heard + 1))[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_category_never_chosen_still_opens_the_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    desk = application.bot_data.desk
    asked = await _says(emulator, desk_clock, user, QUESTION[user])
    if CHOOSE[user] not in asked:  # answered or offered: not helped
        asked = await _says(emulator, desk_clock, user, NOT_HELPED[user])
    assert CHOOSE[user] in asked, asked
    heard = len(bot_said(emulator.world, user))
    # Not yet: a while to choose.
    desk_clock.now += timedelta(minutes=30)
    await sweep(DeskContext(application))
    assert await all_tickets(application) == []
    desk_clock.now += desk.settings.intake.category_wait
    await sweep(DeskContext(application))
    told = (await bot_lines(emulator, user, heard + 1))[-1].text
    assert OPENED[user] in told, told
    (ticket,) = await all_tickets(application)
    assert QUESTION[user] in ticket.question
    assert ticket.category == fallback_category(desk.settings)
    async with desk.sessions() as session:
        requester = await session.scalar(
            select(Requester).where(Requester.telegram_user_id == user)
        )
        assert requester is not None and requester.dialog_step is None
    # Once: the next sweep opens nothing more.
    await sweep(DeskContext(application))
    assert len(await all_tickets(application)) == 1


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_wait_due_is_found_behind_many_not_yet_due(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """More requesters wait on their kind of matter than the sweep takes at once (`BATCH`),
    those first by id not yet due: the one due behind them is opened all the same (the
    sweep looked at its first batch only, in no order, and never reached it)."""
    emulator, application = running
    desk = application.bot_data.desk
    wait = desk.settings.intake.category_wait
    # Others whose kind was asked later (not due when the requester's is), first by id.
    later = {"did": "category", "at": (desk_clock.now + wait).isoformat()}
    async with desk.sessions() as session, session.begin():
        for n in range(unchosen.BATCH + 5):
            session.add(
                Requester(
                    telegram_user_id=700000 + n,
                    chat_id=700000 + n,
                    language="zh",
                    created_at=desk_clock.now,
                    last_question="还没选类型",
                    dialog_step="category",
                    inquiry=[later],
                )
            )
    asked = await _says(emulator, desk_clock, REQUESTER, QUESTION[REQUESTER])
    if CHOOSE[REQUESTER] not in asked:
        asked = await _says(emulator, desk_clock, REQUESTER, NOT_HELPED[REQUESTER])
    assert CHOOSE[REQUESTER] in asked, asked
    heard = len(bot_said(emulator.world, REQUESTER))
    desk_clock.now += wait
    await sweep(DeskContext(application))
    told = (await bot_lines(emulator, REQUESTER, heard + 1))[-1].text
    assert OPENED[REQUESTER] in told, told
    (ticket,) = await all_tickets(application)
    assert QUESTION[REQUESTER] in ticket.question
