"""What the requester says after a resolution is never lost (issue 14, a tester): a low rating
typed as a number ("2") leads where its star button leads, so the words that answer "what went
wrong?" are taken as that answer (the rating's comment, the owner and supervisors told), not
made a new consultation; and a problem written right after the auto-close notice ("If anything
is still wrong, just tell me") goes back to the closed ticket's owner as its recurrence.
End to end over the emulation, both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Rating, TicketStatus
from emulator.server import Emulator
from handlers.context import DeskContext
from handlers.runtime.jobs import sweep
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    until,
)
from tests.handlers.looks import all_tickets, callbacks_of, ticket_no
from tests.handlers.test_after_resolution import _resolved
from tests.handlers.test_after_resolution_words import QUESTION

App = Application  # type: ignore[type-arg]
OFFICER = 100101
MANAGEMENT = -1000000000900
CONFIRM = {REQUESTER: "解决了,谢谢", ENGLISH: "yes it's fixed now"}
WHY = {REQUESTER: "哪里没做好", ENGLISH: "what went wrong"}
HEARD = {REQUESTER: "已转告", ENGLISH: "passed"}
SLOW = {
    REQUESTER: "等了好几天才有人理我,太慢了",
    ENGLISH: "It took days for anyone to answer me, too slow",
}


async def _comment(application: App) -> str | None:
    async with DeskContext(application).desk.sessions() as session:
        return await session.scalar(select(Rating.comment).where(Rating.ticket_id == 1))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("confirmed", [True, False], ids=["confirmed", "under_resolution"])
async def test_a_low_rating_typed_hears_what_went_wrong(
    running: tuple[Emulator, App], requester: int, confirmed: bool
) -> None:
    emulator, application = running
    world = emulator.world
    desk = DeskContext(application).desk
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    if confirmed:  # "solved" in words first: the stars come with the confirmation
        await world.user_sends(requester, CONFIRM[requester])
        heard = len(await bot_lines(emulator, requester, heard + 1))
    await world.user_sends(requester, "2")
    asked = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert WHY[requester] in asked.text, asked.text
    first = await ticket_no(application, 1)
    assert first is not None and first.status is TicketStatus.CLOSED
    supervisor = desk.rules.staff.supervisors_of(first.department_key)[0]
    told = {chat: len(bot_said(world, chat)) for chat in (supervisor, MANAGEMENT)}
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, SLOW[requester])
    answered = (await bot_lines(emulator, requester, heard + 1))[-1]
    # Taken as the answer: thanked, passed on; no category buttons, no new ticket.
    assert not any(c.startswith("cat:") for c in callbacks_of(answered)), answered.text
    assert HEARD[requester] in answered.text and "#1" in answered.text, answered.text
    for chat, before in told.items():
        await until(
            lambda chat=chat, before=before: any(
                SLOW[requester] in e.text and "#1" in e.text and "2" in e.text
                for e in bot_said(world, chat)[before:]
            )
        )
    assert await _comment(application) == SLOW[requester]
    assert len(await all_tickets(application)) == 1


AFTER_CLOSE = {
    REQUESTER: "其实网站上显示我的账户不存在",
    ENGLISH: "Actually the website said my account does not exist.",
}
CLOSED = {REQUESTER: "如仍有问题", ENGLISH: "If anything is still wrong"}


SOCIAL = -1000000000102  # the Social Security department's group
LIU_YANG = 100202
FUND = {
    REQUESTER: "公积金的事情我想当面找人谈谈",
    ENGLISH: "I want to talk to someone in person about my housing fund",
}


async def _resolved_at(emulator: Emulator, requester: int, group: int, officer: int) -> None:
    """Ticket #1 of `requester`, in `group`'s department, claimed by `officer` and resolved."""
    world = emulator.world
    if group == SOCIAL:
        await world.user_sends(requester, FUND[requester])
        line = (await bot_lines(emulator, requester, 1))[-1]
        if any(c.startswith("cat:") for c in callbacks_of(line)):
            await world.user_presses(requester, requester, line.message_id, "cat:consultation")
    else:
        await world.user_sends(requester, QUESTION[requester])
    await until(lambda: bool(bot_said(world, group)))
    card = bot_said(world, group)[0]
    await world.user_presses(officer, group, card.message_id, "claim:1")
    await until(lambda: len(world.chats[group].topics) == 1)
    (topic,) = world.chats[group].topics.values()
    await world.user_sends(officer, "/resolve 已处理", group, topic.thread_id)
    await until(lambda: any("已处理" in e.text for e in bot_said(world, requester)))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
@pytest.mark.parametrize(("group", "officer"), [(GENERAL_GROUP, OFFICER), (SOCIAL, LIU_YANG)])
async def test_a_problem_after_the_auto_close_goes_back_to_its_owner(
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    requester: int,
    group: int,
    officer: int,
) -> None:
    emulator, application = running
    world = emulator.world
    desk = DeskContext(application).desk
    await _resolved_at(emulator, requester, group, officer)
    desk_clock.now += desk.settings.closure.auto_close_after + timedelta(minutes=1)
    await sweep(DeskContext(application))
    await until(lambda: any(CLOSED[requester] in e.text for e in bot_said(world, requester)))
    first = await ticket_no(application, 1)
    assert first is not None and first.status is TicketStatus.CLOSED
    desk_clock.now += timedelta(hours=5)
    told = len(bot_said(world, officer))
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, AFTER_CLOSE[requester])
    answered = (await bot_lines(emulator, requester, heard + 1))[-1]
    # No category buttons, no new consultation in the queue: #1's recurrence, its owner's.
    assert not any(c.startswith("cat:") for c in callbacks_of(answered)), answered.text
    await until(lambda: ticket_no(application, 2))
    second = await ticket_no(application, 2)
    assert second is not None and second.question == AFTER_CLOSE[requester]
    assert second.owner_id == officer and second.status is TicketStatus.CLAIMED
    assert second.department_key == first.department_key
    await until(
        lambda: any(
            "#2" in e.text and "#1" in e.text and AFTER_CLOSE[requester] in e.text
            for e in bot_said(world, officer)[told:]
        )
    )


OTHER = {REQUESTER: "公积金怎么提取?", ENGLISH: "How do I withdraw my housing provident fund?"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_another_matter_or_thanks_after_the_auto_close_is_no_recurrence(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    desk = DeskContext(application).desk
    await _resolved(emulator, requester, QUESTION[requester])
    desk_clock.now += desk.settings.closure.auto_close_after + timedelta(minutes=1)
    await sweep(DeskContext(application))
    await until(lambda: any(CLOSED[requester] in e.text for e in bot_said(world, requester)))
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, "谢谢" if requester == REQUESTER else "thanks")
    await world.user_sends(requester, OTHER[requester])  # a question of its own, answered
    await bot_lines(emulator, requester, heard + 2)
    # Then words of #1's matter are no longer right after the notice: read as any.
    await world.user_sends(requester, AFTER_CLOSE[requester])
    await bot_lines(emulator, requester, heard + 3)
    assert all(t.owner_id != OFFICER for t in (await all_tickets(application))[1:])


WRONGLY = {
    REQUESTER: "等等,那个没解决,没问过我怎么就给我关了",
    ENGLISH: "wait, that was not solved, you closed it without asking me",
}
LIGHT = {REQUESTER: "我家楼下路灯坏了", ENGLISH: "The street light outside my building is broken"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_the_closing_said_wrong_goes_back_to_its_owner_beside_a_ticket_in_hand(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    """A tester's "you closed it without asking me", with another ticket opened since, was
    filed in that other ticket (a gas leak's): the ticket that closed by itself is the one
    the words are about: its recurrence, back to its owner."""
    emulator, application = running
    world = emulator.world
    desk = DeskContext(application).desk
    await _resolved(emulator, requester, QUESTION[requester])
    desk_clock.now += desk.settings.closure.auto_close_after + timedelta(minutes=1)
    await sweep(DeskContext(application))
    await until(lambda: any(CLOSED[requester] in e.text for e in bot_said(world, requester)))
    await world.user_sends(requester, LIGHT[requester])  # ticket #2, in hand
    await until(lambda: any("#2" in e.text for e in bot_said(world, requester)))
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, WRONGLY[requester])
    answered = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert "#2" not in answered.text, answered.text  # not filed in the street light's
    await until(lambda: ticket_no(application, 3))
    third = await ticket_no(application, 3)
    assert third is not None and third.owner_id == OFFICER, third
    assert third.question == WRONGLY[requester]
