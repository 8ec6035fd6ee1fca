"""The handoff form in the receiving group (SPEC rule 7): it shows the first inquiry as the
ticket's card does, it says who accepted or returned it and when once decided, and the
receiving officer's reply to it reaches the requester like a reply in the ticket. Through
the real Application against the emulation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.excerpt import MAX_MESSAGE, units
from bot.models import Direction, Handoff, Ticket, TicketMessage
from emulator.server import Emulator
from tests.conftest import MONDAY_9AM
from tests.handlers.conftest import (
    REQUESTER,
    DeskClock,
    bot_said,
    until,
)
from tests.handlers.handing import GROUPS, OFFICERS, WORDS, a_form, accept

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_form_shows_the_first_inquiry_as_the_card_does(
    running: tuple[Emulator, App],
) -> None:
    emulator, _application = running
    _to, form, _ = await a_form(emulator)
    # The inquiry turn by turn, every word of it: it fits in the message.
    assert "首问经过" in form.text and "机器人请其说得具体些" in form.text
    assert WORDS in form.text and "节选" not in form.text
    assert units(form.text) <= MAX_MESSAGE


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_accepted_form_says_who_accepted_it_and_when(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    desk = application.bot_data.desk
    to, form, _ = await a_form(emulator)
    receiver = OFFICERS[to]
    await emulator.world.user_presses(receiver, GROUPS[to], form.message_id, "accept:1")
    name = desk.rules.staff.shown_as(receiver)
    # The desk's clock, in the office's zone.
    when = desk.now().astimezone(desk.settings.zone).strftime("%Y-%m-%d %H:%M")
    await until(lambda: "接收办理" in form.text)
    assert form.text.endswith(f"\n✅ 已由 {name} 于 {when} 接收办理")
    assert WORDS in form.text and form.buttons == []
    assert units(form.text) <= MAX_MESSAGE


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_receiving_officers_reply_to_the_form_reaches_the_requester(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    to, form, department = await a_form(emulator)
    receiver = OFFICERS[to]
    await accept(emulator, application, to, form)
    desk = application.bot_data.desk
    reply = "您好,我们明天上午上门核实。"
    await world.user_sends(receiver, reply, GROUPS[to], reply_to=form.message_id)
    # Saying who speaks: not the owner the requester knows (tests/handlers/test_handler_speaks.py).
    zh = desk.settings.department(to).names["zh"]
    heard = f"{zh} {desk.rules.staff.shown_as(receiver)}:{reply}"
    await until(lambda: any(e.text == heard for e in bot_said(world, REQUESTER)))
    async with desk.sessions() as session:
        filed = await session.scalar(
            select(TicketMessage).where(TicketMessage.direction == Direction.OUT)
        )
    assert filed is not None and (filed.ticket_id, filed.author_id) == (1, receiver)
    # The owner, who stays accountable, reads it in the ticket's topic as if written there.
    name = desk.rules.staff.shown_as(receiver)
    told = f"{name}({desk.settings.department(to).names['zh']})答复了诉求人:{reply}"
    await until(lambda: any(told in e.text for e in bot_said(world, GROUPS[department])))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_returned_form_says_who_returned_it_when_and_why(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, form, _ = await a_form(emulator)
    await world.user_sends(OFFICERS[to], "/return 1 不属于本科室职责", GROUPS[to])
    name = desk.rules.staff.shown_as(OFFICERS[to])
    await until(lambda: "退回" in form.text)
    assert f"↩️ 已由 {name} 于 " in form.text and form.text.endswith("退回:不属于本科室职责")
    assert form.buttons == []


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_form_shows_its_deadline_in_working_hours(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    """A form sent on Friday at 17:00 for 8 hours, on a ticket whose service level runs on
    the working clock: due on Tuesday at 9:30 (half an hour on Friday, seven on Monday, the
    last on Tuesday), as the ticket's own 8 working hours would be, not on Saturday at 1:00;
    the form says so, and so does the ticket's record of it."""
    emulator, application = running
    desk = application.bot_data.desk
    desk_clock.now = MONDAY_9AM + timedelta(days=4, hours=8)  # Friday 17:00 in Shanghai
    _to, form, _ = await a_form(emulator)
    async with desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        handoff = await session.scalar(select(Handoff))
    assert ticket is not None and desk.rules.level(ticket).clock == "working"
    assert handoff is not None
    tuesday = datetime(2026, 12, 8, 9, 30, tzinfo=desk.settings.zone)
    assert handoff.due_at == tuesday
    assert "转办期限:2026-12-08 09:30" in form.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_returned_form_is_told_to_the_returner_the_supervisors_and_the_requester(
    running: tuple[Emulator, App],
) -> None:
    """Issue 14: /return only edited the form; the requester, told the other department was
    handling the ticket too, was never told otherwise; the supervisor copied on the handoff
    was not copied on its return."""
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, _form, department = await a_form(emulator)
    (supervisor,) = desk.rules.staff.supervisors_of(department)
    await until(lambda: bot_said(world, supervisor))  # copied on the handoff
    copies = len(bot_said(world, supervisor))
    heard = len(bot_said(world, REQUESTER))
    reason = "公积金归公积金中心管理,不属于本科室"
    sent = await world.user_sends(OFFICERS[to], f"/return 1 {reason}", GROUPS[to])
    assert sent is not None
    mine = sent["message"]["message_id"]
    owner = desk.rules.staff.shown_as(OFFICERS[department])

    def answered() -> list[str]:
        return [
            e.text
            for e in bot_said(world, GROUPS[to])
            if world.messages[(GROUPS[to], e.message_id)]
            .get("reply_to_message", {})
            .get("message_id")
            == mine
        ]

    await until(answered)
    (done,) = answered()
    assert "已将工单 #1 退回" in done and owner in done and reason in done, done
    # The owner reads why in the ticket's topic.
    await until(lambda: any(reason in e.text for e in bot_said(world, GROUPS[department])))
    # The requester hears the other department no longer handles it, and who does.
    their = desk.settings.department(to).names["zh"]
    # (What the handoff itself told them may still be arriving: the return's own words.)
    no_longer = f"不再由 {their} 协同办理"
    await until(lambda: any(no_longer in e.text for e in bot_said(world, REQUESTER)[heard:]))
    (told,) = [e.text for e in bot_said(world, REQUESTER)[heard:] if no_longer in e.text]
    assert owner in told, told
    # The supervisor copied on the handoff is copied on its return, with the reason.
    await until(lambda: any(reason in e.text for e in bot_said(world, supervisor)[copies:]))
    (copy,) = [e.text for e in bot_said(world, supervisor)[copies:] if reason in e.text]
    assert "退回" in copy, copy
