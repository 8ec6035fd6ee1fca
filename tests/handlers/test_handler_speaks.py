"""A ticket handed to another department (SPEC rule 7: the owner transferred the work, and
stays accountable): what the handling department writes to the requester says who speaks,
its department and officer, in the requester's language (they know the owner by name, not
the stranger now answering them), and the owner reads it too, in the ticket's topic.
Through the real Application against the emulation."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import StaffLink, Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, only_topic, until
from tests.handlers.test_handed_over import accepted, replies_to
from tests.handlers.test_handoff_form import GROUPS, OFFICERS, form_in
from tests.handlers.test_whole_input import to_a_person

App = Application  # type: ignore[type-arg]
PHOTO = {"photo": [{"file_id": "p-9", "file_unique_id": "u-9", "width": 90, "height": 90}]}


async def linked(application: App, chat_id: int, message_id: int) -> None:
    """Wait until the sender has recorded the link of a message it sent."""
    desk = application.bot_data.desk

    async def done() -> bool:
        async with desk.sessions() as session:
            return await session.get(StaffLink, (chat_id, message_id)) is not None

    await until(done)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_handling_departments_reply_names_its_department_and_officer(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, form, department, topic = await accepted(emulator, application)
    group = GROUPS[to]
    name = desk.rules.staff.shown_as(OFFICERS[to])
    zh = desk.settings.department(to).names["zh"]

    reply = "明天上午十点前到。"
    await world.user_sends(OFFICERS[to], reply, group, reply_to=form.message_id)
    await until(lambda: any(reply in e.text for e in bot_said(world, REQUESTER)))
    (heard,) = [e for e in bot_said(world, REQUESTER) if reply in e.text]
    assert heard.text == f"{zh} {name}:{reply}"
    # The owner reads it in the ticket's topic.
    told = f"{name}({zh})答复了诉求人:{reply}"
    await until(lambda: any(told in e.text for e in bot_said(world, GROUPS[department])))

    # A photo with a caption: the caption says who speaks.
    on_form = world.reply_to(group, {"message_id": form.message_id})
    await world.user_sends_content(
        OFFICERS[to], {**PHOTO, "caption": "这是维修单"}, group, extra=on_form
    )
    captioned = f"{zh} {name}:这是维修单"
    await until(lambda: any(e.text == captioned for e in bot_said(world, REQUESTER)))
    (photo,) = [e for e in bot_said(world, REQUESTER) if e.text == captioned]
    assert photo.kind == "photo"
    # The owner's own words stay as they are: the requester knows who owns the matter.
    own = "我是首问负责人,继续跟进。"
    await world.user_sends(OFFICERS[department], own, GROUPS[department], topic.thread_id)
    await until(lambda: any(e.text == own for e in bot_said(world, REQUESTER)))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_english_requester_reads_who_speaks_in_english(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    await world.user_sends(
        ENGLISH, "My landlord is keeping my deposit and will not answer my calls, what can I do?"
    )
    await to_a_person(emulator, ENGLISH, (await bot_lines(emulator, ENGLISH, 1))[-1])
    await until(lambda: any(bot_said(world, chat) for chat in GROUPS.values()))
    department = next(key for key, chat in GROUPS.items() if bot_said(world, chat))
    (card,) = bot_said(world, GROUPS[department])
    await world.user_presses(OFFICERS[department], GROUPS[department], card.message_id, "claim:1")
    topic = await only_topic(world, GROUPS[department])
    to = "utilities" if department != "utilities" else "social_security"
    await world.user_sends(
        OFFICERS[department],
        f"/transfer {to} deposit dispute | please contact the landlord | 8",
        GROUPS[department],
        topic.thread_id,
    )
    form = await form_in(emulator, GROUPS[to])
    await world.user_presses(OFFICERS[to], GROUPS[to], form.message_id, "accept:1")

    async def handled() -> bool:
        async with desk.sessions() as session:
            return await session.scalar(select(Ticket.handling_department_key)) == to

    await until(handled)
    reply = "We will call your landlord today."
    await world.user_sends(OFFICERS[to], reply, GROUPS[to], reply_to=form.message_id)
    await until(lambda: any(reply in e.text for e in bot_said(world, ENGLISH)))
    (heard,) = [e for e in bot_said(world, ENGLISH) if reply in e.text]
    name = desk.rules.staff.shown_as(OFFICERS[to])
    en = desk.settings.department(to).names["en"]
    assert heard.text == f"{name} ({en}): {reply}"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_reply_to_the_relayed_words_is_attributed_too(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, form, _department, _topic = await accepted(emulator, application)
    group = GROUPS[to]
    words = "请问什么时候上门?"
    await world.user_sends(REQUESTER, words)
    await until(lambda: any(words in e.text for e in replies_to(world, group, form.message_id)))
    (relayed,) = [e for e in bot_said(world, group) if words in e.text]
    await linked(application, group, relayed.message_id)
    reply = "下午两点。"
    await world.user_sends(OFFICERS[to], reply, group, reply_to=relayed.message_id)
    await until(lambda: any(reply in e.text for e in bot_said(world, REQUESTER)))
    name = desk.rules.staff.shown_as(OFFICERS[to])
    zh = desk.settings.department(to).names["zh"]
    (heard,) = [e for e in bot_said(world, REQUESTER) if reply in e.text]
    assert heard.text == f"{zh} {name}:{reply}"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_words_after_the_handlers_reply_are_told_as_seen_by_owner_and_handler(
    running: tuple[Emulator, App],
) -> None:
    """After 陈静 of the receiving department replied, the requester's next words go to the
    owner's topic and to that department's group: the acknowledgement names both (the owner
    stays accountable), not the owner alone as if nobody else read them."""
    emulator, application = running
    world = emulator.world
    desk = application.bot_data.desk
    to, form, department, _topic = await accepted(emulator, application)
    handler = desk.settings.department(to).names["zh"]
    owner = desk.rules.staff.shown_as(OFFICERS[department])
    reply = "明天上午十点前到。"
    await world.user_sends(OFFICERS[to], reply, GROUPS[to], reply_to=form.message_id)
    await until(lambda: any(reply in e.text for e in bot_said(world, REQUESTER)))
    words = "好的,我上午在家。"
    await world.user_sends(REQUESTER, words)
    await until(lambda: any("已记入工单" in e.text for e in bot_said(world, REQUESTER)))
    (ack,) = [e.text for e in bot_said(world, REQUESTER) if "已记入工单" in e.text]
    assert f"负责人 {owner}" in ack and handler in ack, ack
    group, form_id = GROUPS[to], form.message_id
    await until(lambda: any(words in e.text for e in replies_to(world, group, form_id)))
