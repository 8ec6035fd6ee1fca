"""A supervisor answering an alert in their private chat with the bot (issue 14's tester:
escalations, keyword and surge alerts reach supervisors there as well as in the supervisors'
chat, but a reply there was taken as a citizen's question, or lost). A reply to an alert about
ticket N in private is the supervisor's internal note on ticket N, confirmed to them, as in
the supervisors' chat (tests/handlers/test_alert_replies.py); a reply to a mass incident's
alert is their note on each of its tickets. End to end over the emulation, in both languages
of the staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Direction, Requester, StaffLink, Ticket, TicketMessage
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    have_written,
    staff_speaking,
    until,
)
from tests.handlers.test_words_on_notices import COMPLAINTS, DISPATCHED, ON_INCIDENT

App = Application  # type: ignore[type-arg]
SUPERVISOR = 100190
SUPERVISORS = (100190, 100290, 100390)  # the departments' supervisors (config.yaml)
ADVICE = "请尽快联系诉求人,今天内给出答复"
KEPT = {"zh": "已记为工单 #1 的内部备注", "en": "Kept as an internal note on ticket #1"}
NOTED = {"zh": "张主任 的内部备注(未发给诉求人):", "en": "Internal note by 张主任 (not sent to"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _answer_to(
    emulator: Emulator, application: App, text: str, alert: int, who: int = SUPERVISOR
) -> str:
    """The bot's reply to the supervisor `who` replying `text` to the alert `alert` in
    private (once the alert is linked to its ticket, as it is when marked sent)."""
    world = emulator.world

    async def linked() -> bool:
        async with application.bot_data.desk.sessions() as session:
            return await session.get(StaffLink, (who, alert)) is not None

    await until(linked)
    heard = len(bot_said(world, who))
    sent = await world.user_sends(who, text, who, reply_to=alert)
    assert sent is not None
    # In a private chat the bot's answer is its next message (not a reply: bot/post.py).
    await until(lambda: len(bot_said(world, who)) > heard)
    return str(bot_said(world, who)[heard].text)


async def _notes(application: App, text: str) -> list[tuple[int, int | None]]:
    async with application.bot_data.desk.sessions() as session:
        rows = await session.execute(
            select(TicketMessage.ticket_id, TicketMessage.author_id).where(
                TicketMessage.direction == Direction.NOTE, TicketMessage.text == text
            )
        )
        return sorted((int(t), a) for t, a in rows)


async def _tickets_of_supervisor(application: App, who: int = SUPERVISOR) -> int:
    async with application.bot_data.desk.sessions() as session:
        found = await session.scalar(
            select(func.count())
            .select_from(Ticket)
            .join(Requester, Requester.id == Ticket.requester_id)
            .where(Requester.telegram_user_id == who)
        )
    return int(found or 0)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_reply_to_an_alert_in_private_is_the_supervisors_note_on_its_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    have_written(world, SUPERVISOR)
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    # Past its first-response deadline: the ladder reaches the supervisor in private; still
    # unclaimed past its resolution deadline, that ladder too (steps 2 and 3 of each: all
    # heard before the answer, which is the next message).
    desk_clock.now += timedelta(days=20)
    await sweep(DeskContext(application))
    await until(lambda: sum("#1" in e.text for e in bot_said(world, SUPERVISOR)) == 4)
    alert = next(e for e in bot_said(world, SUPERVISOR) if "#1" in e.text)
    told = await _answer_to(emulator, application, ADVICE, alert.message_id)
    assert KEPT[language] in told, told
    # Its staff read it under its card; the requester never sees it.
    await until(
        lambda: any(
            NOTED[language] in e.text and ADVICE in e.text for e in bot_said(world, GENERAL_GROUP)
        )
    )
    assert not any(ADVICE in e.text for e in bot_said(world, REQUESTER))
    assert await _notes(application, ADVICE) == [(1, SUPERVISOR)]
    assert await _tickets_of_supervisor(application) == 0  # no citizen's ticket in their name


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_reply_to_a_mass_incident_alert_in_private_is_a_note_on_each_ticket(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    have_written(world, *SUPERVISORS)
    for n, text in enumerate(COMPLAINTS, start=1):
        user_id = 700000 + n
        world.add_user(user_id, f"R{n}", "zh")
        await world.user_sends(user_id, text)
        await until(lambda u=user_id, n=n: any(f"#{n}" in e.text for e in bot_said(world, u)))

    def alerted() -> list[tuple[int, int]]:  # (supervisor, alert) of the incident's
        return [
            (who, e.message_id)
            for who in SUPERVISORS
            for e in bot_said(world, who)
            if "#5" in e.text
        ]

    await until(alerted)
    who, alert = alerted()[0]
    told = await _answer_to(emulator, application, DISPATCHED, alert, who)
    assert ON_INCIDENT[settings.languages.default] in told, told
    assert await _notes(application, DISPATCHED) == [(t, who) for t in range(1, 6)]
    assert not any(DISPATCHED in e.text for u in range(1, 6) for e in bot_said(world, 700000 + u))
    assert await _tickets_of_supervisor(application, who) == 0
