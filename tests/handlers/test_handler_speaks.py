"""A ticket handed to another department (SPEC rule 7: the owner transferred the work, and
stays accountable): what the handling department writes to the requester says who speaks,
its department and officer, in the requester's language (they know the owner by name, not
the stranger now answering them), and the owner reads it too, in the ticket's topic.
Through the real Application against the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.handing import GROUPS, OFFICERS, accepted, an_english_deposit_accepted, linked
from tests.handlers.test_handed_over import replies_to

App = Application  # type: ignore[type-arg]
PHOTO = {"photo": [{"file_id": "p-9", "file_unique_id": "u-9", "width": 90, "height": 90}]}


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
    to, form, _department = await an_english_deposit_accepted(emulator, application)
    reply = "We will call your landlord today."
    await world.user_sends(OFFICERS[to], reply, GROUPS[to], reply_to=form.message_id)
    await until(lambda: any(reply in e.text for e in bot_said(world, ENGLISH)))
    (heard,) = [e for e in bot_said(world, ENGLISH) if reply in e.text]
    # Named as config.yaml names them in English (`also_known_as`), not in Chinese.
    officer = next(p for p in desk.settings.department(to).officers if p.user_id == OFFICERS[to])
    name = officer.also_known_as[0]
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
