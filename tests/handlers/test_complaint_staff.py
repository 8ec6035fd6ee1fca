"""Issue 14, a tester: a complaint about a member of staff ("上周在窗口办事的时候李强态度很差,
说话很冲,我要投诉他") opened a complaint ticket in 李强's own department's queue, which 李强
could claim; no supervisor heard of it; the requester was asked for a staff number they had
given by name. A complaint about the owner of a ticket was copied word for word into the
owner's own topic, and a low rating's "still broken" after it went straight back to the
officer complained of. A clerk takes a complaint about a colleague to a supervisor: the name
is the identification, a supervisor has the complaint (never the one complained of), the
supervisors read the words (not the accused), and a recurrence goes to a supervisor to
assign. End to end over the emulation, in both languages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.lifecycle import COMPLAINT_RAISED
from bot.models import TicketEvent
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_lines, bot_said, until
from tests.handlers.looks import callbacks_of, said_text, ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT, MANAGER = -1000000000900, 900001  # the management chat, 钱局长
GENERAL_GROUP, UTILITIES_GROUP = -1000000000101, -1000000000103
LI_QIANG, DIRECTOR_ZHANG = 100102, 100190  # a general officer and the general supervisor
SUN_WEI, SECTION_CHIEF_ZHOU = 100301, 100390  # the utilities officer and supervisor


async def _step(world: Any, user: int, text: str) -> str:
    """`user` sends `text`; what the bot answers them (all of it, a line a message)."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return "\n".join(line.text for line in bot_said(world, user)[count:])


async def _complaints(application: App) -> list[TicketEvent]:
    async with application.bot_data.desk.sessions() as session:
        found = await session.scalars(
            select(TicketEvent).where(TicketEvent.kind == COMPLAINT_RAISED)
        )
        return list(found)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "complaint", "told", "never"),
    [
        (
            REQUESTER,
            "上周在窗口办事的时候李强态度很差,说话很冲,我要投诉他",
            ["李强", "主管", "#1"],
            ["工号", "哪类"],
        ),
        (
            ENGLISH,
            "I want to complain about Li Qiang, he was rude at the counter last week",
            ["complained", "supervisor", "#1"],
            ["staff number", "What kind"],
        ),
    ],
)
async def test_a_complaint_naming_staff_goes_to_a_supervisor(
    running: tuple[Emulator, App], user: int, complaint: str, told: list[str], never: list[str]
) -> None:
    emulator, application = running
    world = emulator.world
    reply = await _step(world, user, complaint)
    await until(lambda: "#1" in said_text(world, user))
    reply = "\n".join(line.text for line in bot_said(world, user))
    assert all(words in reply for words in told), reply
    assert not any(words in reply for words in never), reply
    # A complaint ticket, a supervisor's at once (never the queue's, never 李强's).
    await until(lambda: ticket_no(application, 1))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.category == "complaint"
    assert ticket.owner_id == DIRECTOR_ZHANG, ticket.owner_id
    # The supervisors hear it: whom it is about and the words.
    for chat in (DIRECTOR_ZHANG, MANAGEMENT):
        await until(
            lambda chat=chat: any(
                complaint[:12] in e.text and "李强" in e.text and "#1" in e.text
                for e in bot_said(world, chat)
            )
        )
    (event,) = await _complaints(application)
    assert event.ticket_id == 1 and event.data["about"] == LI_QIANG, event.data
    # 李强 can neither claim it nor be assigned it.
    cards = [e for e in bot_said(world, GENERAL_GROUP) if "claim:1" in callbacks_of(e)]
    for card in cards:
        await world.user_presses(LI_QIANG, GENERAL_GROUP, card.message_id, "claim:1")
    heard = len(bot_said(world, MANAGEMENT))
    await world.user_sends(DIRECTOR_ZHANG, "/assign 1 G-0102", MANAGEMENT)
    await until(lambda: len(bot_said(world, MANAGEMENT)) > heard)
    refused = bot_said(world, MANAGEMENT)[-1].text
    assert "投诉了 李强" in refused and "不能负责" in refused, refused
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.owner_id == DIRECTOR_ZHANG, ticket.owner_id


FAULT = {
    REQUESTER: "幸福路23号门口的路灯坏了三天了",
    ENGLISH: "The street light outside 23 Xingfu Road has been broken for three days",
}
OF_OWNER = {
    REQUESTER: "孙伟态度很差,一直拖着不办,我要投诉他",
    ENGLISH: "Officer Sun was rude and keeps stalling, I want to file a complaint about him",
}
WITHHELD = {REQUESTER: "原话已转主管督办", ENGLISH: "原话已转主管督办"}
STILL = {REQUESTER: "路灯还是不亮", ENGLISH: "The street light is still off"}
SUN_WEI_NAMED = {REQUESTER: "孙伟", ENGLISH: "Sun Wei"}  # in the requester's language


async def _owned_by_sun_wei(emulator: Emulator, user: int) -> Any:
    """The street-light ticket #1, claimed by 孙伟: its topic."""
    world = emulator.world
    await _step(world, user, FAULT[user])
    await until(lambda: "#1" in said_text(world, user))
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    await world.user_presses(SUN_WEI, UTILITIES_GROUP, card.message_id, "claim:1")
    await until(lambda: SUN_WEI_NAMED[user] in said_text(world, user))
    await until(lambda: len(world.chats[UTILITIES_GROUP].topics) == 1)
    (topic,) = world.chats[UTILITIES_GROUP].topics.values()
    return topic


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_owner_complained_of_reads_not_the_words_nor_gets_the_recurrence(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int
) -> None:
    emulator, application = running
    world = emulator.world
    topic = await _owned_by_sun_wei(emulator, user)
    await _step(world, user, OF_OWNER[user])
    words = OF_OWNER[user][:10]
    await until(lambda: any(words in e.text for e in bot_said(world, MANAGEMENT)))
    # The supervisors have the words; the accused's topic and chat do not.
    withheld = WITHHELD[user]  # the staff's language: zh
    await until(
        lambda: any(withheld in e.text for e in bot_said(world, UTILITIES_GROUP, topic.thread_id))
    )
    assert not any(words in e.text for e in bot_said(world, UTILITIES_GROUP)), [
        e.text for e in bot_said(world, UTILITIES_GROUP)
    ]
    assert not any(words in e.text for e in bot_said(world, SUN_WEI))
    # Resolved, rated 1 star, "still broken": a supervisor's to assign, not 孙伟's.
    desk_clock.now += timedelta(hours=2)
    await world.user_sends(SUN_WEI, "/resolve 已更换灯泡", UTILITIES_GROUP, topic.thread_id)
    await until(lambda: any("已更换灯泡" in e.text for e in bot_said(world, user)))
    resolution = next(e for e in bot_said(world, user) if "已更换灯泡" in e.text)
    heard = len(bot_said(world, user))
    await world.user_presses(user, user, resolution.message_id, "rate:1:1")
    await bot_lines(emulator, user, heard + 1)
    await world.user_sends(user, STILL[user])
    await until(lambda: ticket_no(application, 2))
    second = await ticket_no(application, 2)
    assert second is not None and second.owner_id != SUN_WEI, second.owner_id
    assert second.owner_id == SECTION_CHIEF_ZHOU, second.owner_id
    await until(lambda: "#2" in said_text(world, user))
    later = "\n".join(e.text for e in bot_said(world, user)[heard:])
    assert not [name for name in SUN_WEI_NAMED.values() if name in later], later


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaint_about_a_supervisor_goes_to_management_alone(
    running: tuple[Emulator, App],
) -> None:
    """张主任 is the general window's only supervisor: the complaint waits for management to
    assign it, each manager alone reads the words, in private (never the management chat,
    where 张主任 sits too), and 张主任 can never take it."""
    emulator, application = running
    world = emulator.world
    complaint = "张主任态度很差,当着大家的面训斥我,我要投诉他"
    await _step(world, REQUESTER, complaint)
    await until(lambda: "#1" in said_text(world, REQUESTER))
    assert "上级领导" in said_text(world, REQUESTER), said_text(world, REQUESTER)
    await until(lambda: any(complaint[:10] in e.text for e in bot_said(world, MANAGER)))
    # The alert says what the requester was told: management has it, not "a supervisor".
    alert = next(e.text for e in bot_said(world, MANAGER) if complaint[:10] in e.text)
    assert "已告知诉求人由上级领导处理" in alert, alert
    assert not any(complaint[:10] in e.text for e in bot_said(world, DIRECTOR_ZHANG))
    assert not any(complaint[:10] in e.text for e in bot_said(world, MANAGEMENT))
    (event,) = await _complaints(application)
    assert event.data["about"] == DIRECTOR_ZHANG, event.data
    cards = [e for e in bot_said(world, GENERAL_GROUP) if "claim:1" in callbacks_of(e)]
    assert cards
    await world.user_presses(DIRECTOR_ZHANG, GENERAL_GROUP, cards[0].message_id, "claim:1")
    heard = len(bot_said(world, MANAGEMENT))
    await world.user_sends(900001, "/assign 1 G-0190", MANAGEMENT)
    await until(lambda: len(bot_said(world, MANAGEMENT)) > heard)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.owner_id is None, ticket.owner_id
