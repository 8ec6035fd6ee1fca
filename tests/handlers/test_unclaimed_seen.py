"""What staff see of an unclaimed ticket (issue 14, "the first inquiry loses nothing"): the
requester's answer to an officer who asked under the card (which claimed it: bot/speaking.py)
reaches that officer where they now work on it, and the card shows what the requester said
after it was opened. End to end over the emulation, in a forum staff group and in a group
without topics."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.ext import Application

from bot.excerpt import MAX_MESSAGE, units
from emulator.server import Emulator
from tests.handlers.conftest import (
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]
OFFICER = 100101
UTILITIES_GROUP, UTILITIES_OFFICER = -1000000000103, 100301


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("forum", [True, False])
async def test_the_answer_to_an_officer_who_asked_under_the_card_reaches_them(
    running: tuple[Emulator, App], forum: bool
) -> None:
    emulator, _ = running
    world = emulator.world
    world.chats[GENERAL_GROUP].is_forum = forum
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_sends(OFFICER, "请问您家几口人?", GENERAL_GROUP, reply_to=card.message_id)
    await until(lambda: any("几口人" in e.text for e in bot_said(world, REQUESTER)))
    await world.user_sends(REQUESTER, "三口人,月收入四千")
    # Asking claimed it: the answer is in its topic (a forum), else under its card.
    await until(lambda: any("月收入四千" in e.text for e in bot_said(world, GENERAL_GROUP)))
    (answer,) = [e for e in bot_said(world, GENERAL_GROUP) if e.text == "三口人,月收入四千"]
    if forum:
        assert answer.thread_id == (await only_topic(world, GENERAL_GROUP)).thread_id
    else:
        message = world.messages[(GENERAL_GROUP, answer.message_id)]
        assert message["reply_to_message"]["message_id"] == card.message_id
        assert world.chats[GENERAL_GROUP].topics == {}


def _card(world: Any) -> Any:
    return bot_said(world, GENERAL_GROUP)[0]


def _texts(world: Any, thread_id: int) -> list[str]:
    return [e.text for e in bot_said(world, GENERAL_GROUP, thread_id)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("forum", [True, False])
async def test_the_unclaimed_card_shows_what_the_requester_said_since(
    running: tuple[Emulator, App], desk_clock: DeskClock, forum: bool
) -> None:
    """A clerk picking up an unclaimed ticket reads on its card all the requester said: their
    later words, a later photo's caption, an edit as the message now reads."""
    emulator, _ = running
    world = emulator.world
    world.chats[GENERAL_GROUP].is_forum = forum
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    desk_clock.now += timedelta(minutes=5)
    sent = await world.user_sends(REQUESTER, "我家三口人")
    assert sent is not None
    await until(lambda: "诉求人(开单后):我家三口人" in _card(world).text)
    await world.user_sends_content(REQUESTER, {**photo("R1"), "caption": "这是租房合同"})
    await until(lambda: "诉求人(开单后,照片附言):这是租房合同" in _card(world).text)
    await world.user_edits(REQUESTER, REQUESTER, sent["message"]["message_id"], "我家四口人")
    await until(lambda: "诉求人(开单后修改,现为):我家四口人" in _card(world).text)
    text = _card(world).text
    assert text.startswith("🆕 新工单 #1") and "· 诉求人:我想申请公租房" in text
    assert "另附:照片×1(" in text  # the photo, not the edit, counted as attached
    assert _card(world).message_id == card.message_id  # the card itself, redrawn
    assert [b["callback_data"] for row in _card(world).buttons for b in row] == ["claim:1"]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_card_with_long_later_words_still_fits_one_message(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)
    long = "家里三口人挤在十平米的出租屋里,孩子上学也远。" * 150  # 3,450 characters
    for n in range(1, 4):
        desk_clock.now += timedelta(minutes=1)
        await world.user_sends(REQUESTER, f"第{n}段:{long}")
        await until(lambda n=n: f"第{n}段" in _card(world).text)  # type: ignore[misc]
    text = _card(world).text
    assert units(text) <= MAX_MESSAGE
    assert "诉求人(开单后):第3段" in text and "全文见 /ticket 1" in text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_handoff_form_shows_what_the_requester_said_up_to_the_handoff(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(REQUESTER, "我家三口人")
    await until(lambda: "我家三口人" in _card(world).text)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(REQUESTER, "现在租的房子条件很差")
    await until(lambda: "现在租的房子条件很差" in _texts(world, topic.thread_id))
    desk_clock.now += timedelta(minutes=1)
    order = "/transfer utilities 需上门查看住房条件 | 请安排查看 | 8"
    await world.user_sends(OFFICER, order, GENERAL_GROUP, topic.thread_id)
    (form,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert "· 诉求人:我想申请公租房" in form.text
    assert "诉求人(开单后):我家三口人" in form.text
    assert "诉求人(开单后):现在租的房子条件很差" in form.text
    # Decided later, it still shows what was said up to the handoff, no more.
    desk_clock.now += timedelta(minutes=1)
    await world.user_sends(REQUESTER, "什么时候来?")
    await until(lambda: "什么时候来?" in _texts(world, topic.thread_id))
    await world.user_presses(UTILITIES_OFFICER, UTILITIES_GROUP, form.message_id, "accept:1")
    await until(lambda: "接收办理" in form.text)
    assert "现在租的房子条件很差" in form.text and "什么时候来" not in form.text
