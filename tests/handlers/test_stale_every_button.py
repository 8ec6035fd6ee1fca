"""Every kind of button the bot sends, pressed once its moment is over (its ticket closed, its
template decided, its inquiry dropped): each press is answered with a short reason, in the
presser's language, and nothing happens. A new kind of button fails here until it is
covered. Through the real bot and the emulation."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.models import InquiryOffer, Ticket, TicketStatus
from emulator.server import Emulator
from handlers.callbacks import Action
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.test_stale_buttons import press, recorded

App = Application  # type: ignore[type-arg]
OFFICER, SECOND_OFFICER, SUPERVISOR = 100101, 100102, 100190
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# A question the knowledge base answers, in each requester's language.
ANSWERED = {
    REQUESTER: ("社保卡丢了怎么补办", "挂失"),
    ENGLISH: ("What are your opening hours?", "Mon-Fri"),
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_every_button_pressed_too_late_says_why_and_changes_nothing(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    # Ticket #1: claimed, resolved, rated (closed), proposed as a template and approved.
    await world.user_sends(requester, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    await world.user_sends(OFFICER, "/resolve 请到二楼窗口办理", GENERAL_GROUP, topic.thread_id)
    resolution = (await bot_lines(emulator, requester, 3))[-1]
    await world.user_presses(requester, requester, resolution.message_id, "rate:1:5")
    await bot_lines(emulator, requester, 4)
    await world.user_sends(OFFICER, "/propose", GENERAL_GROUP, topic.thread_id)
    await until(lambda: any("ticket-1" in e.text for e in bot_said(world, SUPERVISOR)))
    await world.user_sends(SUPERVISOR, "/pending")
    await until(lambda: any(e.buttons for e in bot_said(world, SUPERVISOR)))
    proposal = next(e for e in bot_said(world, SUPERVISOR) if e.buttons)
    await world.user_presses(SUPERVISOR, SUPERVISOR, proposal.message_id, "tpl:ok:ticket-1")
    await until(lambda: proposal.buttons == [])
    # An answer whose inquiry /new dropped.
    question, answered = ANSWERED[requester]
    await world.user_sends(requester, question)
    answer = (await bot_lines(emulator, requester, 5))[-1]
    assert answered in answer.text
    await recorded(application, InquiryOffer, requester, answer.message_id)
    await world.user_sends(requester, "/new")
    await bot_lines(emulator, requester, 6)
    await until(lambda: answer.buttons == [])
    said_to_requester = len(bot_said(world, requester))

    # Each kind of button, as a client that still shows it would press it: who, where, data.
    on_answer = (requester, requester, answer.message_id)
    on_resolution = (requester, requester, resolution.message_id)
    on_card = (SECOND_OFFICER, GENERAL_GROUP, card.message_id)
    on_proposal = (SUPERVISOR, SUPERVISOR, proposal.message_id)
    stale = {
        Action.CLAIM: (*on_card, "claim:1"),
        Action.ACCEPT: (*on_card, "accept:1"),
        Action.ESCALATION_ASSIGN: (*on_proposal, "sv:a:1"),
        Action.ESCALATION_PRIORITY: (*on_proposal, "sv:p:1"),
        Action.ASSIGN: (*on_proposal, f"asg:1:{SECOND_OFFICER}"),
        Action.PRIORITY: (*on_proposal, "pri:1:urgent"),
        Action.PICK_OWNER: (*on_proposal, f"own:1:{SECOND_OFFICER}:{OFFICER}"),
        Action.PICK_PRIORITY: (*on_proposal, "prio:1:urgent:normal"),
        Action.TEMPLATE_APPROVE: (*on_proposal, "tpl:ok:ticket-1"),
        Action.TEMPLATE_REJECT: (*on_proposal, "tpl:no:ticket-1"),
        Action.RATE: (*on_resolution, "rate:1:4"),
        Action.REOPEN: (*on_resolution, "reopen:1"),
        Action.LANGUAGE: (*on_answer, "lang:xx"),  # a language no longer offered
        Action.ANSWER: (*on_answer, "kb:social-card-lost"),
        Action.CATEGORY: (*on_answer, "cat:complaint"),
        Action.HUMAN: (*on_answer, "human"),
        Action.SOLVED: (*on_answer, "solved"),
        Action.WHICH: (*on_answer, f"which:1:1:{answer.message_id}"),
        Action.ANEW: (*on_answer, f"anew:1:{answer.message_id}"),
        Action.WITHDRAW_NONE: (*on_answer, f"wdno:1:{answer.message_id}"),
        # Under the question whether to withdraw ticket #1, closed meanwhile.
        Action.WITHDRAW: (*on_resolution, "wd:1"),
        Action.KEEP: (*on_resolution, "keep:1"),
        # Under a mass incident's alert: no such incident (none was ever linked here).
        Action.INCIDENT_UPDATE: (*on_proposal, "upd:1"),
    }
    assert set(stale) == set(Action)  # every kind of button the bot sends
    for action, (who, chat_id, message_id, data) in stale.items():
        shown = await press(emulator, who, chat_id, message_id, data)
        assert shown.strip(), f"{action}: pressed {data!r}, no word why"
        assert len(shown) <= 200, f"{action}: {shown!r}"
        staff = who != requester  # staff read the desk's language (Chinese)
        in_chinese = bool(CHINESE.search(shown))
        assert in_chinese if staff or requester == REQUESTER else not in_chinese, shown
    # Nothing happened: one ticket, still closed, and nothing more said to the requester.
    async with desk.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Ticket)) == 1
        ticket = await session.get(Ticket, 1)
        assert ticket is not None and ticket.status is TicketStatus.CLOSED
    assert len(bot_said(world, requester)) == said_to_requester
