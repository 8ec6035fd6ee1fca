"""Words a requester types after a resolution, instead of pressing a button (issue 14, input
5): clear "not solved" words reopen the ticket to the same owner; anything else asks again
with the buttons, tells the staff, and stops the auto-close: the owner follows it up."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from bot.models import CloseReason, StaffLink, Ticket, TicketStatus
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
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101


async def _resolved(emulator: Emulator, requester: int, question: str) -> tuple[int, int]:
    """A ticket of `requester`, claimed and resolved: (the topic's thread, bot lines so far)."""
    world = emulator.world
    await world.user_sends(requester, question)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    await bot_lines(emulator, requester, 2)
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/resolve 已安排检修", GENERAL_GROUP, topic.thread_id)
    lines = await bot_lines(emulator, requester, 3)
    assert "已安排检修" in lines[-1].text
    return topic.thread_id, len(lines)


async def _ticket(application: App) -> Ticket:
    async with DeskContext(application).desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        assert ticket is not None
        return ticket


@pytest.mark.parametrize("store", ["sqlite"])
async def test_not_solved_in_words_reopens_to_the_same_owner(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    thread, heard = await _resolved(emulator, ENGLISH, "我想申请公租房")
    await world.user_sends(ENGLISH, "No, it is still not solved, the water is still brown")
    told = (await bot_lines(emulator, ENGLISH, heard + 1))[-1]
    assert "reopened" in told.text and "Wang Fang" in told.text
    ticket = await _ticket(application)
    assert ticket.status is TicketStatus.CLAIMED and ticket.owner_id == OFFICER
    assert ticket.reopen_count == 1
    # The staff read the words in the topic and that it is open again.
    await until(
        lambda: any(
            "still not solved" in e.text and e.thread_id == thread
            for e in world.transcripts[GENERAL_GROUP]
        )
    )
    await until(lambda: any("重新打开" in e.text for e in world.transcripts[GENERAL_GROUP]))
    # Long after the auto-close time nothing closes it: it is being worked on again.
    desk_clock.now += timedelta(days=5)
    await sweep(DeskContext(application))
    assert (await _ticket(application)).status is not TicketStatus.CLOSED


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "asked_mark"),
    [
        (REQUESTER, "我今晚看看情况再说吧", "您的留言已转给工单 #1 的负责人"),
        (ENGLISH, "I will see how it goes tonight", "Your message went to"),
    ],
)
async def test_other_words_stop_the_auto_close_and_the_owner_follows_up(
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    requester: int,
    words: str,
    asked_mark: str,
) -> None:
    """A tester's requester wrote "我今晚看看情况再说吧" after /resolve: asked again and the
    owner told, but the auto-close only moved later and then closed the ticket "已视为确认解决"
    (counted solved). Unclear words stop the auto-close: silence after them never closes it
    as solved; at the time it would have closed its owner is reminded to follow up, and the
    requester's press of a rating later still closes it as confirmed."""
    emulator, application = running
    world = emulator.world
    after = DeskContext(application).desk.settings.closure.auto_close_after
    thread, heard = await _resolved(emulator, requester, "我想申请公租房")
    desk_clock.now += after - timedelta(hours=1)  # just before the auto-close
    await world.user_sends(requester, words)
    asked = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert asked_mark in asked.text
    assert [b["callback_data"] for b in asked.buttons[-1]] == ["reopen:1"]
    await until(
        lambda: any(
            "再次确认" in e.text and "不会自动关闭" in e.text and e.thread_id == thread
            for e in world.transcripts[GENERAL_GROUP]
        )
    )
    # The first auto-close time passes, and the one counted from the new question too.
    desk_clock.now += timedelta(hours=2)
    await sweep(DeskContext(application))
    desk_clock.now += after
    await sweep(DeskContext(application))
    ticket = await _ticket(application)
    assert ticket.status is TicketStatus.RESOLVED and ticket.close_reason is None
    # Its owner is reminded, once, in private (in the staff's language), to follow it up.
    await until(lambda: any("工单 #1" in e.text for e in world.transcripts.get(OFFICER, [])))
    reminded = [e.text for e in world.transcripts[OFFICER] if "工单 #1" in e.text]
    assert len(reminded) == 1 and "尚未确认" in reminded[0] and "不会自动关闭" in reminded[0]
    desk_clock.now += after * 3
    await sweep(DeskContext(application))
    assert (await _ticket(application)).status is TicketStatus.RESOLVED
    assert len([e for e in world.transcripts[OFFICER] if "工单 #1" in e.text]) == 1
    # Nothing told the requester it was closed as solved.
    said = [e.text for e in bot_said(world, requester)]
    assert not any("视为确认解决" in text or "closed as solved" in text for text in said)
    # Their later press of a rating closes it as confirmed, as ever.
    await world.user_presses(requester, requester, asked.message_id, "rate:1:4")
    await until(lambda: _status(application, TicketStatus.CLOSED))
    assert (await _ticket(application)).close_reason is CloseReason.CONFIRMED


@pytest.mark.parametrize("store", ["sqlite"])
async def test_asked_again_in_an_earlier_round_leaves_the_next_resolutions_auto_close(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """Words that left one resolution open stop its auto-close, not the next one's: "not
    solved" pressed, resolved again, and unanswered, it closes by itself as ever."""
    emulator, application = running
    world = emulator.world
    after = DeskContext(application).desk.settings.closure.auto_close_after
    thread, heard = await _resolved(emulator, REQUESTER, "我想申请公租房")
    await world.user_sends(REQUESTER, "我今晚看看情况再说吧")
    asked = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    await world.user_presses(REQUESTER, REQUESTER, asked.message_id, "reopen:1")
    await until(lambda: _status(application, TicketStatus.CLAIMED))
    desk_clock.now += timedelta(hours=1)
    await world.user_sends(OFFICER, "/resolve 已更换水管", GENERAL_GROUP, thread)
    await until(lambda: _status(application, TicketStatus.RESOLVED))
    desk_clock.now += after + timedelta(minutes=1)
    await sweep(DeskContext(application))
    ticket = await _ticket(application)
    assert ticket.status is TicketStatus.CLOSED and ticket.close_reason is CloseReason.TIMEOUT
    assert not any("尚未确认" in e.text for e in world.transcripts.get(OFFICER, []))


async def _status(application: App, status: TicketStatus) -> bool:
    return (await _ticket(application)).status is status


def _buttons(emulator: Emulator, chat_id: int, message_id: int) -> Any:
    return emulator.world.find(chat_id, message_id).get("reply_markup")


async def _linked(application: App, chat_id: int, message_id: int) -> bool:
    """The bot has recorded what it sent (its link to the ticket), as it has long before a
    person answers it."""
    async with DeskContext(application).desk.sessions() as session:
        return await session.get(StaffLink, (chat_id, message_id)) is not None


@pytest.mark.parametrize("store", ["sqlite"])
async def test_answered_in_words_a_resolutions_buttons_go(
    running: tuple[Emulator, App],
) -> None:
    """The rating and reopen buttons of a resolution the requester answered in words go, as a
    press takes its own: pressed later they would act on a ticket reopened, or on a question
    asked again below them."""
    emulator, application = running
    world = emulator.world
    _, heard = await _resolved(emulator, REQUESTER, "我想申请公租房")
    first = (await bot_lines(emulator, REQUESTER, heard))[-1]
    assert _buttons(emulator, REQUESTER, first.message_id) is not None
    await until(lambda: _linked(application, REQUESTER, first.message_id))
    # Other words: asked again below; the first question's buttons go, the new one has them.
    await world.user_sends(REQUESTER, "检修的师傅什么时候来?")
    again = (await bot_lines(emulator, REQUESTER, heard + 1))[-1]
    assert again.buttons
    await until(lambda: _buttons(emulator, REQUESTER, first.message_id) is None)
    await until(lambda: _linked(application, REQUESTER, again.message_id))
    # "Not solved" in words: reopened, and no button is left to press.
    await world.user_sends(REQUESTER, "还是没修好,水还是黄的")
    assert "重新打开" in (await bot_lines(emulator, REQUESTER, heard + 2))[-1].text
    await until(lambda: _buttons(emulator, REQUESTER, again.message_id) is None)
    assert (await _ticket(application)).status is TicketStatus.CLAIMED
