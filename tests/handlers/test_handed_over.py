"""A ticket handed to another department (SPEC rule 7, issue 14 "the first inquiry loses
nothing"): once the receiving department accepts the form, what the requester writes (text,
media, edits) reaches it too, as replies to the form with the ticket's number, and its reply
to them reaches the requester; its officers find the ticket in /mine; the flow stops when
the ticket is settled. Before accepting, its reply on the form is a question to the owner,
not refused and not sent to the requester. Through the real Application against the
emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Direction, OutboxMessage, TicketMessage
from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_said, until
from tests.handlers.handing import GROUPS, OFFICERS, a_form, accepted, linked

App = Application  # type: ignore[type-arg]
PHOTO = {"photo": [{"file_id": "p-1", "file_unique_id": "u-1", "width": 90, "height": 90}]}


def replies_to(world: Any, chat_id: int, message_id: int) -> list[Any]:
    """What the bot said in `chat_id` as replies to its message `message_id`."""
    return [
        e
        for e in bot_said(world, chat_id)
        if world.messages[(chat_id, e.message_id)].get("reply_to_message", {}).get("message_id")
        == message_id
    ]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_requesters_words_reach_the_department_that_accepted_the_handoff(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    to, form, department, topic = await accepted(emulator, application)
    group = GROUPS[to]

    words = "补充一下:我家在幸福路23号3单元,白天家里有人。"
    sent = await world.user_sends(REQUESTER, words)
    assert sent is not None
    await until(lambda: any(words in e.text for e in replies_to(world, group, form.message_id)))
    (relayed,) = [e for e in bot_said(world, group) if words in e.text]
    assert relayed.text == f"📩 工单 #1 诉求人:{words}"
    # The owner, who stays accountable, still reads it in the ticket's topic.
    owners = GROUPS[department]
    await until(lambda: any(e.text == words for e in bot_said(world, owners, topic.thread_id)))

    await world.user_sends_content(REQUESTER, {**PHOTO, "caption": "租房合同"})
    shown = "📩 工单 #1 诉求人:租房合同"
    await until(lambda: any(e.text == shown for e in replies_to(world, group, form.message_id)))
    (photo,) = [e for e in bot_said(world, group) if e.text == shown]
    assert photo.kind == "photo"

    edited = "补充一下:我家在幸福路25号3单元,白天家里有人。"
    await world.user_edits(REQUESTER, REQUESTER, sent["message"]["message_id"], edited)
    await until(lambda: any(e.text == edited for e in replies_to(world, group, form.message_id)))
    marks = [e for e in replies_to(world, group, form.message_id) if "修改" in e.text]
    assert len(marks) == 1 and "工单 #1" in marks[0].text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_accepting_departments_reply_to_the_relayed_words_reaches_the_requester(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, _form, department, _topic = await accepted(emulator, application)
    group = GROUPS[to]
    words = "请问什么时候上门?"
    await world.user_sends(REQUESTER, words)
    await until(lambda: any(words in e.text for e in bot_said(world, group)))
    (relayed,) = [e for e in bot_said(world, group) if words in e.text]

    await linked(application, group, relayed.message_id)  # recorded a moment after sent
    reply = "明天上午十点前到。"
    await world.user_sends(OFFICERS[to], reply, group, reply_to=relayed.message_id)
    name = desk.rules.staff.shown_as(OFFICERS[to])
    # Saying who speaks: not the owner the requester knows (tests/handlers/test_handler_speaks.py).
    heard = f"{desk.settings.department(to).names['zh']} {name}:{reply}"
    await until(lambda: any(e.text == heard for e in bot_said(world, REQUESTER)))
    told = f"{name}({desk.settings.department(to).names['zh']})答复了诉求人:{reply}"
    await until(lambda: any(told in e.text for e in bot_said(world, GROUPS[department])))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_accepting_officer_finds_the_ticket_in_mine(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, _form, department, _topic = await accepted(emulator, application)
    group = GROUPS[to]
    await world.user_sends(OFFICERS[to], "/mine", group)
    await until(lambda: any("转来本科室办理" in e.text for e in bot_said(world, group)))
    (listed,) = [e for e in bot_said(world, group) if "转来本科室办理" in e.text]
    owner = desk.rules.staff.shown_as(OFFICERS[department])
    assert "我没有在办的工单。" in listed.text
    assert "#1 " in listed.text and f"首问负责人 {owner}" in listed.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_flow_to_the_department_stops_when_the_ticket_is_settled(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, _form, department, topic = await accepted(emulator, application)
    owner = OFFICERS[department]
    await world.user_sends(owner, "/resolve 已上门核实并登记", GROUPS[department], topic.thread_id)
    await until(lambda: any("已上门核实并登记" in e.text for e in bot_said(world, REQUESTER)))
    words = "好的,谢谢"
    await world.user_sends(REQUESTER, words)

    async def filed() -> bool:
        async with desk.sessions() as session:
            texts = await session.scalars(
                select(TicketMessage.text).where(TicketMessage.direction == Direction.IN)
            )
            return words in list(texts)

    await until(filed)
    async with desk.sessions() as session:
        to_them = await session.scalars(
            select(OutboxMessage.template).where(OutboxMessage.chat_id == GROUPS[to])
        )
        assert "handed_relay" not in list(to_them)
    await until(lambda: any(e.text == words for e in bot_said(world, GROUPS[department])))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_question_on_the_form_before_accepting_goes_to_the_owner_who_answers_it(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, form, department = await a_form(emulator)
    (topic,) = world.chats[GROUPS[department]].topics.values()
    group = GROUPS[to]
    question = "请问诉求人是否已提交收入证明?"
    await world.user_sends(OFFICERS[to], question, group, reply_to=form.message_id)
    owner = desk.rules.staff.shown_as(OFFICERS[department])
    # The asker hears where it went: to the owner, not the requester.
    await until(lambda: any("已转给" in e.text for e in bot_said(world, group)))
    asked = [e for e in bot_said(world, group) if "已转给" in e.text]
    assert f"首问负责人 {owner}" in asked[0].text
    assert "不发给诉求人" in asked[0].text and "不允许" not in asked[0].text
    name = desk.rules.staff.shown_as(OFFICERS[to])
    shown = f"❓ {name}({desk.settings.department(to).names['zh']})就工单 #1 的转办单提问"
    await until(lambda: any(shown in e.text for e in bot_said(world, GROUPS[department])))
    (told,) = [e for e in bot_said(world, GROUPS[department]) if shown in e.text]
    assert f"{shown}(诉求人看不到):{question}" in told.text
    async with desk.sessions() as session:
        note = await session.scalar(select(TicketMessage).where(TicketMessage.text == question))
    assert note is not None and (note.direction, note.author_id) == (Direction.NOTE, OFFICERS[to])

    # The owner answers it by replying to it in the ticket's topic: it goes to the asking
    # department under the form, not to the requester.
    await linked(application, GROUPS[department], told.message_id)
    answer = "已提交,见附件材料清单第3项。"
    await world.user_sends(
        OFFICERS[department], answer, GROUPS[department], topic.thread_id, told.message_id
    )
    await until(lambda: any(answer in e.text for e in replies_to(world, group, form.message_id)))
    (answered,) = [e for e in bot_said(world, group) if answer in e.text]
    assert answered.text == f"💬 {owner} 就工单 #1 的转办单答复(诉求人看不到):{answer}"
    passed = f"已转给 {desk.settings.department(to).names['zh']}(诉求人看不到)"
    await until(lambda: any(passed in e.text for e in bot_said(world, GROUPS[department])))
    assert not any(w in e.text for e in bot_said(world, REQUESTER) for w in (question, answer))
