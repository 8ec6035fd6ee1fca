"""Staff words in reply to any of the bot's messages about a ticket are words on that ticket
(issue 14's fresh tester): an officer replying to the bot's notice under a ticket's card (its
priority raised) got no answer and their words were kept nowhere. Such a reply is read as
bot/speaking.py `said_as` says: the department's officer on an unclaimed ticket claims it by
answering; anyone else's words are their note. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.config import Settings
from bot.models import Direction, StaffLink, TicketMessage
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    replied,
    staff_speaking,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190
MANAGEMENT_CHAT = -1000000000900
MINE = "收到,这户我来跟"
CLAIMED = {"zh": "现由您负责", "en": "is now yours"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return staff_speaking(request.param)


async def _linked(application: App, chat_id: int, message_id: int) -> bool:
    async with application.bot_data.desk.sessions() as session:
        return await session.get(StaffLink, (chat_id, message_id)) is not None


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_an_officer_replying_to_a_notice_under_a_card_claims_the_ticket(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(SUPERVISOR, "/priority 1 urgent", MANAGEMENT_CHAT)
    await until(lambda: len(bot_said(world, GENERAL_GROUP)) >= 2)
    notice = next(e for e in bot_said(world, GENERAL_GROUP) if e.message_id != card.message_id)
    heard = len(bot_said(world, REQUESTER))
    # A person answers a moment later: once sent, the notice stands for its ticket.
    await until(lambda: _linked(application, GENERAL_GROUP, notice.message_id))
    sent = await world.user_sends(OFFICER, MINE, GENERAL_GROUP, reply_to=notice.message_id)
    assert sent is not None
    # Their words reach the requester, after who owns it now; the ticket is theirs.
    await until(lambda: any(MINE in e.text for e in bot_said(world, REQUESTER)[heard:]))
    await until(lambda: world.chats[GENERAL_GROUP].topics)
    told = await replied(world, GENERAL_GROUP, sent["message"]["message_id"])
    assert CLAIMED[settings.languages.default] in told, told


COMPLAINTS = [
    "小区电梯又坏了,老人下不了楼",
    "我们小区电梯又坏了,老人没法下楼",
    "电梯又坏了 老人下不了楼!",
    "小区的电梯又坏了,家里老人下不了楼",
    "小区电梯又坏啦,老人下不了楼了",
]
DISPATCHED = "已联系供电公司调度,抢修车已出发"
ON_INCIDENT = {
    "zh": "已记为群体性事件 #1 各工单(#1、#2、#3、#4、#5)的内部备注",
    "en": "Kept as an internal note on each ticket of incident #1 (#1, #2, #3, #4, #5)",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_reply_to_a_mass_incident_alert_is_a_note_on_each_of_its_tickets(
    running: tuple[Emulator, App], settings: Settings
) -> None:
    emulator, application = running
    desk = DeskContext(application).desk
    world = emulator.world
    for n, text in enumerate(COMPLAINTS, start=1):
        user_id = 700000 + n
        world.add_user(user_id, f"R{n}", "zh")
        await world.user_sends(user_id, text)
        await until(lambda u=user_id, n=n: any(f"#{n}" in e.text for e in bot_said(world, u)))
    await until(lambda: any("#5" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    alert = next(e for e in bot_said(world, MANAGEMENT_CHAT) if "#5" in e.text)
    sent = await world.user_sends(
        SUPERVISOR, DISPATCHED, MANAGEMENT_CHAT, reply_to=alert.message_id
    )
    assert sent is not None
    told = await replied(world, MANAGEMENT_CHAT, sent["message"]["message_id"])
    assert ON_INCIDENT[settings.languages.default] in told, told
    async with desk.sessions() as session:
        notes = list(
            await session.execute(
                select(TicketMessage.ticket_id, TicketMessage.author_id).where(
                    TicketMessage.direction == Direction.NOTE, TicketMessage.text == DISPATCHED
                )
            )
        )
    assert sorted(tuple(n) for n in notes) == [(t, SUPERVISOR) for t in range(1, 6)]
    assert not any(DISPATCHED in e.text for u in range(1, 6) for e in bot_said(world, 700000 + u))


MANAGER = 900001
LIFT = "电梯这个要查一下维保记录"
BY_MANAGER = {
    "zh": "钱局长 的内部备注(未发给诉求人):",
    "en": "Internal note by 钱局长 (not sent to",
}
IN_HISTORY = {"zh": "钱局长 内部备注", "en": "internal note by 钱局长"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
async def test_a_managers_note_is_shown_under_their_name(
    running: tuple[Emulator, App], desk_clock: DeskClock, settings: Settings
) -> None:
    """Issue 14: management (in no department) replying to an alert about a ticket: the
    topic showed "- 的内部备注" and /ticket "机器人备注"; they are named as any writer is."""
    emulator, application = running
    world = emulator.world
    language = settings.languages.default
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, REQUESTER, 2)
    desk_clock.now += timedelta(days=20)
    await sweep(DeskContext(application))
    await until(lambda: any("#1" in e.text for e in bot_said(world, MANAGEMENT_CHAT)))
    alert = next(e for e in bot_said(world, MANAGEMENT_CHAT) if "#1" in e.text)
    sent = await world.user_sends(MANAGER, LIFT, MANAGEMENT_CHAT, reply_to=alert.message_id)
    assert sent is not None
    await replied(world, MANAGEMENT_CHAT, sent["message"]["message_id"])
    await until(
        lambda: any(
            BY_MANAGER[language] in e.text and LIFT in e.text
            for e in bot_said(world, GENERAL_GROUP)
        )
    )
    said = len(bot_said(world, GENERAL_GROUP))
    await world.user_sends(OFFICER, "/ticket 1", GENERAL_GROUP)
    await until(lambda: len(bot_said(world, GENERAL_GROUP)) > said)
    history = "\n".join(e.text for e in bot_said(world, GENERAL_GROUP)[said:])
    assert IN_HISTORY[language] in history, history
