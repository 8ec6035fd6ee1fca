"""A new user's trial: the progress notice of a ticket nobody had claimed said an officer was
handling it ("your case is being handled… The officer in charge and their supervisor have
been told"), and "到底什么时候来修?已经四天没电了!" then got no apology and nothing of what
happens next; and a Chinese requester who asked one thing in English heard every later notice
of their Chinese tickets in English. A notice tells the truth about who has the ticket, the
requester pressing on an overdue ticket hears an apology and what comes next (its
supervisors hear they pressed), and a notice about a ticket is in the language of its
conversation. The clock is moved, not slept on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until
from tests.handlers.test_one_apology import _stored

App = Application  # type: ignore[type-arg]
SUPERVISOR = 100390  # the utilities department's (config.yaml)
UTILITIES_GROUP = -1000000000103
POWER = {
    REQUESTER: "幸福里3号楼从早上开始停电了",
    ENGLISH: "There is no electricity in Xingfuli building 3 since this morning",
}
PRESSED = {
    REQUESTER: "到底什么时候来修?已经四天没电了!",
    ENGLISH: "When will someone come to fix it? No power for four days now!",
}
NOTICE = {REQUESTER: "进展通知", ENGLISH: "Progress on ticket"}
WAITING = {REQUESTER: "等待工作人员认领", ENGLISH: "waiting for a member of staff to take it on"}
UNTRUE = {  # an officer at work on it, said of a ticket nobody has
    REQUESTER: ("正在办理中", "通报负责人", "负责人 "),
    ENGLISH: ("is being handled", "officer in charge"),
}
SORRY = {REQUESTER: "抱歉", ENGLISH: "sorry"}
TOLD = {REQUESTER: "主管", ENGLISH: "supervisor"}
NEXT = {REQUESTER: "最迟", ENGLISH: "at the latest"}


async def _swept(application: App, world: Any, user: int, days: int, clock: DeskClock) -> None:
    """The clock moved `days` days, six hours at a time, the sweep run at each step and
    what it decided heard."""
    context = DeskContext(application)
    for _ in range(days * 4):
        clock.now += timedelta(hours=6)
        await sweep(context)
        stored = await _stored(application, user)
        await until(lambda: len(bot_said(world, user)) >= stored)  # noqa: B023


async def _said(world: Any, user: int, text: str) -> str:
    heard = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > heard)
    return str(bot_said(world, user)[-1].text)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_an_unclaimed_ticket_is_told_as_waiting_and_pressing_it_is_owned_up_to(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await _said(world, user, POWER[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    await _swept(application, world, user, 4, desk_clock)
    notices = [e.text for e in bot_said(world, user) if NOTICE[user] in e.text]
    assert notices, [e.text for e in bot_said(world, user)]
    for notice in notices:
        assert WAITING[user] in notice, notice
        assert not any(words in notice for words in UNTRUE[user]), notice
        assert SORRY[user] in notice.casefold() and TOLD[user] in notice, notice
    alerts = await _stored(application, SUPERVISOR)
    reply = await _said(world, user, PRESSED[user])
    assert SORRY[user] in reply.casefold(), reply
    assert WAITING[user] in reply and NEXT[user] in reply, reply
    assert not any(words in reply for words in UNTRUE[user]), reply
    # Its supervisor hears the requester pressed, with their words; once for a burst.
    await until(lambda: len(bot_said(world, SUPERVISOR)) > alerts)
    alert = bot_said(world, SUPERVISOR)[-1].text  # the staff's language: Chinese
    assert "#1" in alert and PRESSED[user] in alert and "催办" in alert, alert
    await _said(world, user, PRESSED[user])
    assert await _stored(application, SUPERVISOR) == alerts + 1
    # The ticket's record says so (/ticket 1, in the staff's language).
    await world.user_sends(SUPERVISOR, "/ticket 1", UTILITIES_GROUP)
    await until(lambda: any("诉求人催办" in e.text for e in bot_said(world, UTILITIES_GROUP)))


OTHER = {REQUESTER: "Any progress?", ENGLISH: "有进展吗?"}
ANSWERED = {REQUESTER: "Ticket #1", ENGLISH: "工单 #1"}  # in the words' language


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_ticket_s_notices_keep_the_language_of_its_conversation(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """One question in the other language is answered in it; the notices of the ticket,
    whose conversation is in the requester's first language, stay in that."""
    emulator, application = running
    world = emulator.world
    await _said(world, user, POWER[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    reply = await _said(world, user, OTHER[user])
    assert ANSWERED[user] in reply, reply
    heard = len(bot_said(world, user))
    await _swept(application, world, user, 2, desk_clock)
    later = [e.text for e in bot_said(world, user)[heard:]]
    assert any(NOTICE[user] in text for text in later), later
    other = ENGLISH if user == REQUESTER else REQUESTER
    assert not any(NOTICE[other] in text for text in later), later


SWITCHED = {
    REQUESTER: ("Any progress?", "Please tell me when the power is back"),
    ENGLISH: ("有进展吗?", "来电了请告诉我"),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_two_messages_in_a_row_in_the_other_language_switch_the_ticket_s_notices(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    """The rule for a switch for good: two of their messages in a row under the ticket."""
    emulator, application = running
    world = emulator.world
    await _said(world, user, POWER[user])
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    for words in SWITCHED[user]:
        desk_clock.now += timedelta(minutes=10)  # each answered, not one burst
        await _said(world, user, words)
    heard = len(bot_said(world, user))
    await _swept(application, world, user, 2, desk_clock)
    later = [e.text for e in bot_said(world, user)[heard:]]
    other = ENGLISH if user == REQUESTER else REQUESTER
    assert any(NOTICE[other] in text for text in later), later
    assert not any(NOTICE[user] in text for text in later), later
