"""A supervisor answering an alert in the supervisors' chat (issue 14's tester: a reply to an
escalation there got no answer and was kept nowhere). A reply to an alert about ticket N is
the supervisor's internal note on ticket N: its staff read it where they work on the ticket,
the requester never sees it, and the supervisor hears it was kept. A reply to one of the
bot's messages there that stands for no ticket is answered with what can be done there
(SPEC rule 2: no silence). End to end over the emulation, in both languages of the staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    answer_to,
    bot_lines,
    bot_said,
    only_topic,
    staff_speaking,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190
MANAGEMENT_CHAT = -1000000000900
ADVICE = "请尽快联系诉求人,今天内给出答复"
KEPT = {"zh": "已记为工单 #1 的内部备注", "en": "Kept as an internal note on ticket #1"}
NOTED = {"zh": "张主任 的内部备注(未发给诉求人):", "en": "Internal note by 张主任 (not sent to"}
NOT_TIED = {"zh": ("没有关联到工单", "/assign"), "en": ("not tied to a ticket", "/assign")}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("claimed", [False, True])
async def test_a_reply_to_an_alert_is_the_supervisors_note_on_its_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings, claimed: bool
) -> None:
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    if claimed:
        await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
        await bot_lines(emulator, REQUESTER, 2)
    # Well past its deadline (first response, or resolution once claimed): the ladder reaches
    # the supervisors' chat.
    desk_clock.now += timedelta(days=20)
    await sweep(DeskContext(application))
    await until(lambda: any("#1" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    alert = next(e for e in bot_said(world, MANAGEMENT_CHAT) if "#1" in e.text)
    told = await answer_to(
        emulator, MANAGEMENT_CHAT, SUPERVISOR, ADVICE, reply_to=alert.message_id
    )
    assert KEPT[language] in told, told
    # Its staff read it where they work on the ticket: its topic, or under its card.
    thread = (await only_topic(world, GENERAL_GROUP)).thread_id if claimed else None

    def read_there() -> bool:
        lines = bot_said(world, GENERAL_GROUP, thread)
        return any(NOTED[language] in e.text and ADVICE in e.text for e in lines)

    await until(read_there)
    if not claimed:  # nobody's yet: in the General topic, as a reply to the ticket's card
        (line,) = [e for e in bot_said(world, GENERAL_GROUP) if ADVICE in e.text]
        assert line.thread_id is None
        replied = world.messages[(GENERAL_GROUP, line.message_id)]["reply_to_message"]
        assert replied["message_id"] == card.message_id
    assert not any(ADVICE in e.text for e in bot_said(world, REQUESTER))
    async with application.bot_data.desk.sessions() as session:
        notes = list(
            await session.execute(
                select(TicketMessage.ticket_id, TicketMessage.author_id, TicketMessage.text).where(
                    TicketMessage.direction == Direction.NOTE,
                    TicketMessage.author_id.is_not(None),
                )
            )
        )
    assert [tuple(n) for n in notes] == [(1, SUPERVISOR, ADVICE)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_reply_the_bot_cannot_tie_to_a_ticket_is_answered_with_what_can_be_done(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    desk_clock.now += timedelta(days=8)
    await sweep(DeskContext(application))
    await until(lambda: any("#1" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    alert = next(e for e in bot_said(world, MANAGEMENT_CHAT) if "#1" in e.text)
    kept = await answer_to(
        emulator, MANAGEMENT_CHAT, SUPERVISOR, ADVICE, reply_to=alert.message_id
    )
    # The bot's answer itself stands for no ticket: replying to it gets what can be done.
    (kept_line,) = [e for e in bot_said(world, MANAGEMENT_CHAT) if e.text == kept]
    told = await answer_to(
        emulator, MANAGEMENT_CHAT, SUPERVISOR, "收到", reply_to=kept_line.message_id
    )
    assert all(part in told for part in NOT_TIED[language]), told
    # Supervisors replying to one another: the bot stays out of it.
    said = len(bot_said(world, MANAGEMENT_CHAT))
    sent = await world.user_sends(SUPERVISOR, "大家注意", MANAGEMENT_CHAT)
    assert sent is not None
    await world.user_sends(100290, "好的", MANAGEMENT_CHAT, reply_to=sent["message"]["message_id"])
    await world.user_sends(SUPERVISOR, "/ticket 1", MANAGEMENT_CHAT)
    await bot_lines(emulator, MANAGEMENT_CHAT, said + 1)
    assert len(bot_said(world, MANAGEMENT_CHAT)) == said + 1  # only /ticket 1 was answered
