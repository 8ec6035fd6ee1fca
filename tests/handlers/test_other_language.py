"""A staff word in a language the requester does not write in (a fresh tester's finding,
issue 14): an English requester got the officer's Chinese resolution, and nobody on the staff
side knew. It still goes as written (the desk does not translate), and the ticket's staff are
told: once for replies, each time for a resolution summary (bot/other_language.py)."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.handing import GROUPS, OFFICERS, an_english_deposit_accepted

App = Application  # type: ignore[type-arg]
OFFICER = 100101
NOTE = "提示:诉求人使用英文"


def _notes(emulator: Emulator, thread: int, words: str = NOTE) -> list[str]:
    return [e.text for e in bot_said(emulator.world, GENERAL_GROUP, thread) if words in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_chinese_words_to_an_english_requester_are_pointed_out_to_the_staff(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(ENGLISH, "I want to apply for public rental housing")
    card = next(e for e in await bot_lines(emulator, GENERAL_GROUP, 1) if e.buttons)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    thread = int(topic.thread_id)
    await world.user_sends(OFFICER, "请带身份证到二楼窗口办理", GENERAL_GROUP, thread)
    await until(lambda: any("二楼窗口" in e.text for e in bot_said(world, ENGLISH)))
    await until(lambda: bool(_notes(emulator, thread)))
    assert "答复是中文" in _notes(emulator, thread)[0]
    # Told once for replies: the next Chinese one goes without a second note; an English one
    # needs none.
    await world.user_sends(OFFICER, "还需要户口本复印件", GENERAL_GROUP, thread)
    also = "Please also bring a copy of your household register"
    await world.user_sends(OFFICER, also, GENERAL_GROUP, thread)
    await until(lambda: any("household register" in e.text for e in bot_said(world, ENGLISH)))
    summary = "/resolve 已说明所需材料:身份证、户口本复印件"
    await world.user_sends(OFFICER, summary, GENERAL_GROUP, thread)
    await until(lambda: any("身份证、户口本" in e.text for e in bot_said(world, ENGLISH)))
    await until(lambda: bool(_notes(emulator, thread, "办结摘要是中文")))
    assert len(_notes(emulator, thread)) == 2


@pytest.mark.parametrize("store", ["sqlite"])
async def test_english_words_to_a_chinese_requester_are_pointed_out_too(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    card = next(e for e in await bot_lines(emulator, GENERAL_GROUP, 1) if e.buttons)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    thread = int(topic.thread_id)
    await world.user_sends(OFFICER, "请带身份证到二楼窗口办理", GENERAL_GROUP, thread)
    await world.user_sends(OFFICER, "Please bring your ID card to window 2", GENERAL_GROUP, thread)
    await until(lambda: any("window 2" in e.text for e in bot_said(world, REQUESTER)))
    await until(lambda: bool(_notes(emulator, thread, "提示:诉求人使用中文")))
    assert not _notes(emulator, thread)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_handling_department_that_wrote_is_told_where_it_wrote(
    running: tuple[Emulator, App],
) -> None:
    """陈静's case: the department the ticket was handed to answers an English requester in
    Chinese on its form, in its own group; the note goes to that group, naming the ticket,
    not to the owner's topic, where nobody wrote it."""
    emulator, application = running
    world = emulator.world
    to, form, department = await an_english_deposit_accepted(emulator, application)
    await world.user_sends(OFFICERS[to], "今天联系房东", GROUPS[to], reply_to=form.message_id)
    await until(lambda: any("今天联系房东" in e.text for e in bot_said(world, ENGLISH)))
    told = "工单 #1:提示:诉求人使用英文,这条答复是中文"
    await until(lambda: any(told in e.text for e in bot_said(world, GROUPS[to])))
    # The owner reads the reply (answered_elsewhere), not a note meant for its writer.
    await until(lambda: any("今天联系房东" in e.text for e in bot_said(world, GROUPS[department])))
    assert not any(NOTE in e.text for e in bot_said(world, GROUPS[department]))
