"""A command edited after it was sent is not carried out again (python-telegram-bot's
CommandHandler takes edited messages like new ones: an edited /incident would have reached
every requester twice, an edited /transfer handed a ticket off twice); whoever edited it hears
so, in their language. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, bot_said, until

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
