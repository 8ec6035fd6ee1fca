"""Issue 14: complaints about staff said otherwise than "我要投诉李强" became ordinary tickets:
"我要投诉" then, as the next message, "综合窗口的王芳,办个居住证让我跑了三趟" opened an ordinary
card that 王芳 could claim, the requester told it went "直接转给 王芳"; a name in lower case
("wang fang"), a staff number without its hyphen ("G0101"), bad manners without a complaint
word ("王芳态度太差了!!"), a complaint about the officer of a resolved ticket (a reopen). A
clerk hears each as a complaint about that member of staff: a confidential complaint a
supervisor has (management, privately, when the one complained of is a supervisor), the one
complained of barred from it. End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.lifecycle import COMPLAINT_RAISED
from bot.models import TicketEvent, TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_lines, bot_said, until
from tests.handlers.looks import callbacks_of, said_text, ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT, MANAGER = -1000000000900, 900001
GENERAL_GROUP, SOCIAL_GROUP, UTILITIES_GROUP = -1000000000101, -1000000000102, -1000000000103
WANG_FANG, DIRECTOR_ZHANG = 100101, 100190
CHEN_JING, SECTION_CHIEF_ZHAO = 100201, 100290
SUN_WEI, SECTION_CHIEF_ZHOU = 100301, 100390
GROUPS = {DIRECTOR_ZHANG: GENERAL_GROUP, SECTION_CHIEF_ZHAO: SOCIAL_GROUP}


async def _step(world: Any, user: int, text: str) -> str:
    """`user` sends `text`; what the bot answers them (all of it, a line a message)."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return "\n".join(line.text for line in bot_said(world, user)[count:])


async def _about(application: App, ticket_id: int) -> list[int]:
    async with application.bot_data.desk.sessions() as session:
        found = await session.scalars(
            select(TicketEvent.data).where(
                TicketEvent.kind == COMPLAINT_RAISED, TicketEvent.ticket_id == ticket_id
            )
        )
        return [int(data["about"]) for data in found if data.get("about") is not None]


async def _kept_confidential(
    emulator: Emulator, application: App, ticket_id: int, accused: int, supervisor: int | None
) -> None:
    """Ticket `ticket_id` is a confidential complaint about `accused`, `supervisor`'s (None:
    waiting for management); its group's card shows no words of it."""
    world = emulator.world
    await until(lambda: ticket_no(application, ticket_id))
    ticket = await ticket_no(application, ticket_id)
    assert ticket is not None and ticket.confidential, ticket
    assert ticket.owner_id == supervisor and ticket.owner_id != accused, ticket.owner_id
    assert await _about(application, ticket_id) == [accused]
    group = GROUPS.get(supervisor or 0, GENERAL_GROUP)
    await until(lambda: any(f"#{ticket_id}" in e.text for e in bot_said(world, group)))
    card = "\n".join(e.text for e in bot_said(world, group))
    assert "🔒" in card and ticket.question[:6] not in card, card


TWO_STEPS = [
    (REQUESTER, "我要投诉", "综合窗口的王芳,办个居住证让我跑了三趟", WANG_FANG, DIRECTOR_ZHANG),
    (
        ENGLISH,
        "I want to complain",
        "Chen Jing at the social security desk made me come back three times for one form",
        CHEN_JING,
        SECTION_CHIEF_ZHAO,
    ),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "opener", "told", "accused", "supervisor"), TWO_STEPS)
async def test_a_complaint_whose_staff_member_is_named_next(
    running: tuple[Emulator, App],
    user: int,
    opener: str,
    told: str,
    accused: int,
    supervisor: int,
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, user, opener)
    await _step(world, user, told)
    await until(lambda: "#1" in said_text(world, user))
    await _kept_confidential(emulator, application, 1, accused, supervisor)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and told in ticket.question, ticket.question
    reply = said_text(world, user)
    assert "直接转给" not in reply and "passed straight" not in reply, reply
    await until(lambda: any(told[:10] in e.text for e in bot_said(world, supervisor)))
    assert not any(told[:10] in e.text for e in bot_said(world, accused))


ONE_STEP = [
    (ENGLISH, "wang fang at the general window was soooo rude to me yesterday"),
    (REQUESTER, "工号G0101的工作人员一直推诿,我要举报她"),
    (REQUESTER, "王芳态度太差了!!"),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "said"), ONE_STEP)
async def test_a_complaint_said_otherwise_is_a_complaint_about_staff(
    running: tuple[Emulator, App], user: int, said: str
) -> None:
    emulator, application = running
    world = emulator.world
    reply = await _step(world, user, said)
    pressed = [c for c in _callbacks(bot_said(world, user)) if c.startswith("complain")]
    if pressed:  # offered to make it a complaint: taken up
        await world.user_presses(user, user, bot_said(world, user)[-1].message_id, pressed[0])
    await until(lambda: "#1" in said_text(world, user))
    await _kept_confidential(emulator, application, 1, WANG_FANG, DIRECTOR_ZHANG)
    assert "直接转给" not in reply and "passed straight" not in reply, reply


def _callbacks(lines: list[Any]) -> list[str]:
    return callbacks_of(lines[-1]) if lines else []


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaint_named_next_about_a_supervisor_goes_to_each_manager(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    told = "综合窗口的张主任当着大家的面训斥我"
    await _step(world, REQUESTER, "我要投诉")
    await _step(world, REQUESTER, told)
    await until(lambda: "#1" in said_text(world, REQUESTER))
    await _kept_confidential(emulator, application, 1, DIRECTOR_ZHANG, None)
    await until(lambda: any(told[:8] in e.text for e in bot_said(world, MANAGER)))
    for chat in (MANAGEMENT, DIRECTOR_ZHANG, GENERAL_GROUP):
        assert not any(told[:8] in e.text for e in bot_said(world, chat)), chat
    # An officer under 张主任 cannot take a complaint about their supervisor: management
    # assigns it.
    cards = [e for e in bot_said(world, GENERAL_GROUP) if "claim:1" in callbacks_of(e)]
    pressed = await world.user_presses(WANG_FANG, GENERAL_GROUP, cards[0].message_id, "claim:1")
    query = pressed["callback_query"]["id"]
    await until(lambda: query in world.answered)
    assert "保密" in world.answered[query], world.answered[query]
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.owner_id is None, ticket.owner_id


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_complaint_about_the_officer_of_a_resolved_ticket(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, REQUESTER, "幸福路23号门口的路灯坏了三天了")
    await until(lambda: "#1" in said_text(world, REQUESTER))
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    await world.user_presses(SUN_WEI, UTILITIES_GROUP, card.message_id, "claim:1")
    await until(lambda: len(world.chats[UTILITIES_GROUP].topics) == 1)
    (topic,) = world.chats[UTILITIES_GROUP].topics.values()
    desk_clock.now += timedelta(hours=2)
    await world.user_sends(SUN_WEI, "/resolve 已更换灯泡", UTILITIES_GROUP, topic.thread_id)
    await until(lambda: "已更换灯泡" in said_text(world, REQUESTER))
    await _step(world, REQUESTER, "孙伟修灯的时候态度很差,还骂人,我要投诉他")
    await until(lambda: "#2" in said_text(world, REQUESTER))
    GROUPS[SECTION_CHIEF_ZHOU] = UTILITIES_GROUP
    await _kept_confidential(emulator, application, 2, SUN_WEI, SECTION_CHIEF_ZHOU)
    first = await ticket_no(application, 1)
    assert first is not None and first.status is TicketStatus.RESOLVED, first.status


OPEN_MATTER = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
OPENER = {REQUESTER: "我要投诉", ENGLISH: "I want to complain"}
WHAT = {
    REQUESTER: "综合窗口的王芳,办个居住证让我跑了三趟",
    ENGLISH: "Wang Fang at the general window made me come three times for a residence permit",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_complaint_opener_beside_an_open_ticket_asks_what_happened_first(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await _step(world, user, OPEN_MATTER[user])
    await until(lambda: "#1" in said_text(world, user))
    asked = await _step(world, user, OPENER[user])
    assert "?" in asked or "?" in asked, asked
    assert not await _about(application, 1)
    async with application.bot_data.desk.sessions() as session:
        kinds = list(
            await session.scalars(select(TicketEvent.kind).where(TicketEvent.ticket_id == 1))
        )
    assert COMPLAINT_RAISED not in kinds, kinds
    await _step(world, user, WHAT[user])
    await until(lambda: "#2" in said_text(world, user))
    await _kept_confidential(emulator, application, 2, WANG_FANG, DIRECTOR_ZHANG)
    assert not await _about(application, 1)


LI_QIANG = 100102
NAMED_LATER = [
    (REQUESTER, "我要投诉", "上周去办居住证,被拖了三次都没办好", "就是窗口那个姓李的,李强"),
    (
        ENGLISH,
        "I want to complain",
        "I waited three hours for a residence permit and nobody helped",
        "It was Li Qiang at the general window",
    ),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("claimed", [True, False])
@pytest.mark.parametrize(("user", "opener", "what", "whom"), NAMED_LATER)
async def test_a_complaint_ticket_whose_staff_member_is_named_later(
    running: tuple[Emulator, App], user: int, opener: str, what: str, whom: str, claimed: bool
) -> None:
    """Whom it is about, named once the complaint ticket is open (and claimed by them), makes
    it the complaint about them: confidential, a supervisor's, taken from the one named."""
    emulator, application = running
    world = emulator.world
    await _step(world, user, opener)
    await _step(world, user, what)
    await until(lambda: "#1" in said_text(world, user))
    cards = [e for e in bot_said(world, GENERAL_GROUP) if "claim:1" in callbacks_of(e)]
    if claimed:  # the one named later had claimed it
        await world.user_presses(LI_QIANG, GENERAL_GROUP, cards[0].message_id, "claim:1")
        await until(lambda: len(world.chats[GENERAL_GROUP].topics) == 1)
        had = await ticket_no(application, 1)
        assert had is not None and had.owner_id == LI_QIANG, had
    reply = await _step(world, user, whom)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.confidential, ticket
    assert ticket.owner_id == DIRECTOR_ZHANG, ticket.owner_id
    assert await _about(application, 1) == [LI_QIANG]
    # Its card, redrawn, says a confidential complaint is there; what was said before it
    # was one stays where it was (the topic opened at the claim).
    await until(lambda: any("🔒" in e.text for e in bot_said(world, GENERAL_GROUP)))
    card = [e.text for e in bot_said(world, GENERAL_GROUP) if e.text.startswith("🔒")]
    assert card and not any(what[:6] in c or whom[-6:] in c for c in card), card
    assert "直接转给" not in reply and "passed straight" not in reply, reply
    await until(lambda: any(whom[-6:] in e.text for e in bot_said(world, DIRECTOR_ZHANG)))
    for chat in (LI_QIANG, GENERAL_GROUP):
        assert not any(whom[-6:] in e.text for e in bot_said(world, chat)), chat
    assert not await _about(application, 2)
