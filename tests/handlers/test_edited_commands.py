"""A command edited after it was sent is not carried out again (python-telegram-bot's
CommandHandler takes edited messages like new ones: an edited /incident would have reached
every requester twice, an edited /transfer handed a ticket off twice); whoever edited it hears
so, in their language. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from telegram.ext import Application

from bot.config import Settings, load_settings
from bot.models import Direction, TicketMessage
from emulator.server import Emulator
from tests.conftest import ROOT
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    bot_said,
    only_topic,
    until,
)

App = Application  # type: ignore[type-arg]
OFFICER = 100101


def _said(emulator: Emulator, chat_id: int, words: str) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id) if words in e.text]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_edited_staff_command_is_not_run_again(running: tuple[Emulator, App]) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    await bot_lines(emulator, GENERAL_GROUP, 1)  # the card
    sent = await world.user_sends(OFFICER, "/ticket 1", GENERAL_GROUP)
    assert sent is not None
    await until(lambda: len(_said(emulator, GENERAL_GROUP, "经过:")) == 1)
    await world.user_edits(OFFICER, GENERAL_GROUP, sent["message"]["message_id"], "/ticket 1 ")
    await until(lambda: bool(_said(emulator, GENERAL_GROUP, "修改过的指令不会执行")))
    (told,) = _said(emulator, GENERAL_GROUP, "修改过的指令不会执行")
    assert "/ticket" in told
    assert len(_said(emulator, GENERAL_GROUP, "经过:")) == 1  # not shown twice


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_requesters_edited_command_is_answered_in_their_language(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    sent = await world.user_sends(ENGLISH, "/help")
    assert sent is not None
    heard = len(await bot_lines(emulator, ENGLISH, 1))
    await world.user_edits(ENGLISH, ENGLISH, sent["message"]["message_id"], "/status")
    lines = await bot_lines(emulator, ENGLISH, heard + 1)
    assert lines[-1].text.startswith("An edited command is not carried out"), lines[-1]
    assert "(/status)" in lines[-1].text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_edited_command_in_a_group_the_desk_does_not_serve_gets_silence(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    stranger = world.add_group(-1000000000777, "闲聊群", [REQUESTER, ENGLISH])
    sent = await world.user_sends(ENGLISH, "/status", stranger.id)
    assert sent is not None
    await world.user_edits(ENGLISH, stranger.id, sent["message"]["message_id"], "/help")
    # Something the bot does answer, after: by then the edit was handled (in silence).
    await world.user_sends(ENGLISH, "/help")
    await bot_lines(emulator, ENGLISH, 1)
    assert not bot_said(world, stranger.id)


# What an officer who edited a reply into a command hears: not carried out, and the reply as
# first written already went to the requester.
INTO_COMMAND = {
    "zh": ("修改后的指令不会执行(/note)", "已经发给工单 #1 的诉求人"),
    "en": ("An edit into a command is not carried out (/note)", "requester of ticket #1"),
}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    """config.yaml, the staff's language as the test says (zh unless parametrized)."""
    configured = load_settings(ROOT / "config.yaml")
    language = getattr(request, "param", "zh")
    languages = configured.languages.model_copy(update={"default": language})
    return configured.model_copy(update={"languages": languages})


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("settings", ["zh", "en"], indirect=True)
@pytest.mark.parametrize("entities", [True, False])
async def test_a_reply_edited_into_a_command_is_told_it_is_not_carried_out(
    running: tuple[Emulator, App], settings: Settings, entities: bool
) -> None:
    """However Telegram marks the edit (a leading /command as an entity, or not), the officer
    hears that the edit is not carried out and that the reply as first written reached the
    requester; nothing more reaches the requester, and no note is filed."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "我想申请公租房")
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    reply = await world.user_sends(OFFICER, "请明天上午来窗口", GENERAL_GROUP, topic.thread_id)
    assert reply is not None
    await until(lambda: bool(_said(emulator, REQUESTER, "请明天上午来窗口")))
    heard = len(bot_said(world, REQUESTER))
    reply_id = reply["message"]["message_id"]
    if entities:
        await world.user_edits(OFFICER, GENERAL_GROUP, reply_id, "/note 已电话联系")
    else:  # an edit whose command Telegram did not mark as one
        await _edit_unmarked(world, reply_id, "/note 已电话联系")
    not_carried, reached = INTO_COMMAND[settings.languages.default]
    await until(lambda: bool(_said(emulator, GENERAL_GROUP, not_carried)))
    (told,) = _said(emulator, GENERAL_GROUP, not_carried)
    assert reached in told, told
    assert len(bot_said(world, REQUESTER)) == heard
    async with application.bot_data.desk.sessions() as session:
        notes = await session.scalar(
            select(func.count()).where(TicketMessage.direction == Direction.NOTE)
        )
    assert notes == 0


async def _edit_unmarked(world: Any, message_id: int, text: str) -> None:
    """The officer's edit of their message in the general group to `text`, as an
    edited_message update without entities."""
    message = world.find(GENERAL_GROUP, message_id)
    message["text"], message["edit_date"] = text, int(world.clock())
    message.pop("entities", None)
    await world.push_message(world.chat(GENERAL_GROUP), dict(message), "edited_message")


# What a requester hears when their question, filed in ticket #1, is edited.
PASSED_ON = {
    REQUESTER: "已将您修改后的内容记入工单 #1",
    ENGLISH: "Your edit has been added to ticket #1",
}
MATTER = {
    REQUESTER: "小区门口的路灯坏了三天了",
    ENGLISH: "The street light outside my door has been broken for three days",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_message_edited_into_a_bare_slash_is_taken_like_any_edit(
    running: tuple[Emulator, App], requester: int
) -> None:
    """A bare "/" names no command (Telegram may still mark it as one): the edit reaches the
    ticket as any edit does, and the requester hears so; never silence."""
    emulator, _ = running
    world = emulator.world
    sent = await world.user_sends(requester, MATTER[requester])
    assert sent is not None
    await until(lambda: any("#1" in t for t in _said(emulator, requester, "")))
    await world.user_edits(requester, requester, sent["message"]["message_id"], "/")
    await until(lambda: bool(_said(emulator, requester, PASSED_ON[requester])))
