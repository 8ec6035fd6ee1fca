"""Promises told to a requester are kept or owned up to, on the desk's clock moved by hand: a
change of priority never makes the promise later nor names a time already past; a notice
after the promised time says it is overdue and apologises instead of restating it; tickets
of a mass incident answered by one /incident update still escalate while nobody claims them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_said,
    until,
)
from tests.handlers.opening import open_at_desk
from tests.handlers.test_incidents import COMPLAINTS

App = Application  # type: ignore[type-arg]
SUPERVISOR = 100190
LANGUAGES = [(REQUESTER, "zh"), (ENGLISH, "en")]


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


async def _open(
    application: App, user_id: int, language: str, category: str = "consultation"
) -> Ticket:
    """A ticket opened for `user_id` (who wrote to the bot before) at the desk's instant."""
    opened = await open_at_desk(
        application,
        user_id,
        language,
        question="公租房的申请条件是什么?" if language == "zh" else "Who can rent public housing?",
        category=category,
    )
    return opened.ticket


@pytest.mark.parametrize("store", ["sqlite"])
async def test_raising_a_consultation_to_high_keeps_its_earlier_promise(
    running: tuple[Emulator, App],
) -> None:
    # Normal: 1 working day (Monday 17:30); high: 8 working hours (Tuesday 10:00).
    emulator, application = running
    emulator.world.users[REQUESTER].started = True
    ticket = await _open(application, REQUESTER, "zh")
    await emulator.world.user_sends(SUPERVISOR, f"/priority {ticket.id} high", GENERAL_GROUP)
    await until(lambda: any("优先级调整为紧急" in t for t in _texts(emulator, GENERAL_GROUP)))
    said = next(t for t in _texts(emulator, GENERAL_GROUP) if "优先级调整为紧急" in t)
    assert "办结期限 2026-11-30 17:30" in said
    # The requester's promise did not move: nothing new to tell them, least of all later.
    assert not any("2026-12-01 10:00" in t for t in _texts(emulator, REQUESTER))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user_id", "language"), LANGUAGES)
async def test_a_missed_deadline_never_moves_later_on_a_change_of_priority(
    running: tuple[Emulator, App], desk_clock: DeskClock, user_id: int, language: str
) -> None:
    """Issue 14, a fresh tester: /priority days after opening moved the missed claim and
    resolution deadlines to times to come, hiding the breach. They stay as they were: the
    requester hears it is overdue, with an apology, never a new time; the escalation runs."""
    emulator, application = running
    emulator.world.users[user_id].started = True
    ticket = await _open(application, user_id, language)
    desk_clock.now += timedelta(days=5)  # Saturday 09:00: every deadline long past
    await emulator.world.user_sends(SUPERVISOR, f"/priority {ticket.id} 特急", GENERAL_GROUP)
    await until(lambda: any("优先级调整为" in t for t in _texts(emulator, GENERAL_GROUP)))
    async with DeskContext(application).desk.sessions() as session:
        now = await session.get(Ticket, ticket.id)
        assert now is not None
        assert now.first_response_due_at == ticket.first_response_due_at
        assert now.resolution_due_at == ticket.resolution_due_at
    assert not any("2026-12-05" in t for t in _texts(emulator, user_id))
    # Overdue as it was: the supervisors hear of it at the next sweep.
    await sweep(DeskContext(application))
    await until(lambda: any(f"#{ticket.id}" in t for t in _texts(emulator, SUPERVISOR)))


# The ticket is nobody's yet: escalated to its supervisor, no officer in charge said told.
OVERDUE = {
    "zh": ("很抱歉,已超过我们承诺的办结时间", "已升级通报主管督办", "承诺办结时间:"),
    "en": (
        "We are sorry: it has gone past the time we promised",
        "It has been escalated: the supervisor has been told",
        "We will settle it by",
    ),
}
STATUS_OVERDUE = {"zh": "已超过承诺的办结时间", "en": "past the time we promised"}
ASSIGNED_OVERDUE = {
    "zh": ("很抱歉已超过承诺的办结时间,已通报主管督办", "前办结"),
    "en": ("We are sorry: it has gone past the time we promised", "who will settle it by"),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user_id", "language"), LANGUAGES)
async def test_notices_after_the_promised_time_own_up_to_it(
    running: tuple[Emulator, App], desk_clock: DeskClock, user_id: int, language: str
) -> None:
    emulator, application = running
    emulator.world.users[user_id].started = True
    await _open(application, user_id, language)
    desk_clock.now += timedelta(hours=73)
    await sweep(DeskContext(application))
    sorry, escalated, promise = OVERDUE[language]
    await until(lambda: any(sorry in t for t in _texts(emulator, user_id)))
    notice = next(t for t in _texts(emulator, user_id) if sorry in t)
    assert escalated in notice and promise not in notice and "2026-11-30" not in notice
    # Their list of tickets does not promise the time past either.
    await emulator.world.user_sends(user_id, "/status")
    listed = "您的工单" if language == "zh" else "Your tickets"
    await until(lambda: any(t.startswith(listed) for t in _texts(emulator, user_id)))
    status = next(t for t in _texts(emulator, user_id) if t.startswith(listed))
    assert STATUS_OVERDUE[language] in status and "2026-11-30" not in status
    # Assigned now: the requester is told who has it, and again no past time as a promise.
    await emulator.world.user_sends(SUPERVISOR, "/assign 1 G-0102", GENERAL_GROUP)
    sorry, promise = ASSIGNED_OVERDUE[language]
    handled = "已由 李强 负责办理" if language == "zh" else "is now handled by"
    await until(lambda: any(handled in t for t in _texts(emulator, user_id)))
    assigned = next(t for t in _texts(emulator, user_id) if handled in t)
    assert sorry in assigned
    assert promise not in assigned and "2026-11-30" not in assigned


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_incident_update_does_not_spare_unclaimed_tickets_their_escalation(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    people = [700001 + n for n in range(len(COMPLAINTS))]
    incident_id = None
    for n, (user_id, text) in enumerate(zip(people, COMPLAINTS, strict=True)):
        world.add_user(user_id, f"R{n}", "zh", started=True)
        desk_clock.now += timedelta(minutes=3)
        opened = await open_at_desk(
            application, user_id, "zh", question=text, category="complaint"
        )
        incident_id = opened.ticket.incident_id
    assert incident_id is not None
    update = "维修人员已到场,预计今晚18点前恢复运行"
    await world.user_sends(100101, f"/incident {incident_id} {update}", GENERAL_GROUP)
    for user_id in people:
        await until(lambda u=user_id: any(update in t for t in _texts(emulator, u)))
    # Urgent complaints: 30 min to claim. An hour on, nobody owns them: the supervisors hear.
    desk_clock.now += timedelta(hours=1)
    await sweep(DeskContext(application))
    await until(lambda: any("认领期限" in t for t in _texts(emulator, SUPERVISOR)))
    told = [t for t in _texts(emulator, SUPERVISOR) if "认领期限" in t]
    assert any("尚无人认领" in t and "尚未认领" in t for t in told)
