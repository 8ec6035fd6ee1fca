"""Issue 14, "the first inquiry loses nothing": a question whose kind of matter was asked
while the requester was under their open-ticket limit (config `abuse.open_tickets`), and who
reached the limit while it waited (a resolved ticket of theirs reopened), is not refused when
its kind is settled: the limit keeps a flood of new questions out, and this one was let in
when its kind was asked. The sweep dropped it, no word to the requester, after
`intake.category_wait`; now it opens the ticket and tells them, and nothing waits after it.
End to end over the emulation, both languages; the clock is moved, not slept on."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.classify import fallback_category
from bot.config import Settings, load_settings
from bot.models import Requester
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.conftest import ROOT
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
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
OFFICER = 100101
QUESTION = {
    REQUESTER: "我上个月提交的材料到现在还没有消息",
    ENGLISH: "I handed in my papers last month and have heard nothing since",
}
CHOOSE = {REQUESTER: "事项类型", ENGLISH: "kind of matter"}
OPENED = {REQUESTER: "工单 #2", ENGLISH: "ticket #2"}
REOPENED = {REQUESTER: "重新打开", ENGLISH: "reopened"}
REFUSED = {REQUESTER: "暂时不能再新建", ENGLISH: "cannot be opened yet"}


@pytest.fixture
def settings() -> Settings:
    """config.yaml, one open ticket at most per requester."""
    configured = load_settings(ROOT / "config.yaml")
    abuse = configured.abuse.model_copy(update={"open_tickets": 1})
    return configured.model_copy(update={"abuse": abuse})


async def _waiting_past_the_limit(emulator: Emulator, user: int) -> int:
    """Ticket #1 claimed and resolved (no longer counted open), a new question whose kind is
    asked, then #1 reopened: the requester at their limit of one while the kind waits. The
    category choice's message id."""
    world = emulator.world
    await world.user_sends(user, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, user, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/resolve 已办好", GENERAL_GROUP, topic.thread_id)
    resolution = (await bot_lines(emulator, user, 3))[-1]
    # A new question: under the limit, its kind is asked.
    await world.user_sends(user, "/new")
    heard = len(await bot_lines(emulator, user, 4))
    await world.user_sends(user, QUESTION[user])
    asked = (await bot_lines(emulator, user, heard + 1))[-1]
    assert CHOOSE[user] in asked.text, asked.text
    # Ticket #1 reopened while it waits: now at the limit.
    await world.user_presses(user, user, resolution.message_id, "reopen:1")
    await until(lambda: any(REOPENED[user] in e.text for e in bot_said(world, user)))
    return int(asked.message_id)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_kind_pressed_past_the_limit_opens_the_question_let_in(
    running: tuple[Emulator, App], user: int
) -> None:
    """The button pressed after #1 was reopened: the ticket opens (it was refused, "you
    already have 1 ticket in progress", and the question left behind its buttons)."""
    emulator, application = running
    world = emulator.world
    choice = await _waiting_past_the_limit(emulator, user)
    heard = len(bot_said(world, user))
    await world.user_presses(user, user, choice, "cat:complaint")
    told = (await bot_lines(emulator, user, heard + 1))[-1].text
    assert OPENED[user] in told and REFUSED[user] not in told, told
    _, second = await all_tickets(application)
    assert (second.category, second.question) == ("complaint", QUESTION[user])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_an_unchosen_question_past_the_limit_is_opened_not_dropped(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await _waiting_past_the_limit(emulator, user)
    heard = len(bot_said(world, user))
    desk_clock.now += desk.settings.intake.category_wait
    await sweep(DeskContext(application))
    told = (await bot_lines(emulator, user, heard + 1))[-1].text
    assert OPENED[user] in told and REFUSED[user] not in told, told
    _, second = await all_tickets(application)
    assert QUESTION[user] in second.question
    assert second.category == fallback_category(desk.settings)
    async with desk.sessions() as session:
        requester = await session.scalar(
            select(Requester).where(Requester.telegram_user_id == user)
        )
        assert requester is not None
        assert (requester.dialog_step, requester.last_question, requester.inquiry) == (
            None,
            None,
            None,
        )
