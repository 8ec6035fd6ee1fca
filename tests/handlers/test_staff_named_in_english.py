"""A new user's trial: config.yaml names staff in English too (`also_known_as`: "Sun Wei",
"Li Qiang"), yet an English requester read the Chinese names: "Your ticket #1 is now handled
by 李强", "/status": "owner 孙伟", "You complained about 李强 … 李强 will not handle it". A
requester reads a member of staff named in their own language: the English name configured
for an English requester, the Chinese name for a Chinese one. End to end over the emulation;
the names are read from config, as the desk reads them."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import said_text

App = Application  # type: ignore[type-arg]
UTILITIES_GROUP = -1000000000103
SUN_WEI, LI_QIANG = 100301, 100102
FAULT = {
    REQUESTER: "幸福路23号门口的路灯坏了三天了",
    ENGLISH: "The street light outside 23 Xingfu Road has been broken for three days",
}
COMPLAINT = {
    REQUESTER: "上周在窗口办事的时候李强态度很差,说话很冲,我要投诉他",
    ENGLISH: "I want to complain about Li Qiang, he was rude at the counter last week",
}
LANGUAGE = {REQUESTER: "zh", ENGLISH: "en"}


def _names(application: App, user_id: int) -> tuple[str, str]:
    """A member of staff's name as config.yaml gives it, and their English name there."""
    settings = application.bot_data.desk.settings
    person = next(
        p
        for d in settings.departments
        for p in [*d.officers, *d.supervisors]
        if p.user_id == user_id
    )
    return person.name, person.also_known_as[0]


def _expected(application: App, user_id: int, user: int) -> tuple[str, str]:
    """The name `user` should read of `user_id`, and the one they should not."""
    chinese, english = _names(application, user_id)
    return (english, chinese) if LANGUAGE[user] == "en" else (chinese, english)


async def _step(world: Any, user: int, text: str) -> str:
    """`user` sends `text`; what the bot answers them (all of it, a line a message)."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return "\n".join(line.text for line in bot_said(world, user)[count:])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_the_owner_is_named_in_the_requesters_language(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    shown, other = _expected(application, SUN_WEI, user)
    await _step(world, user, FAULT[user])
    await until(lambda: "#1" in said_text(world, user))
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    heard = len(bot_said(world, user))
    await world.user_presses(SUN_WEI, UTILITIES_GROUP, card.message_id, "claim:1")
    await until(lambda: len(bot_said(world, user)) > heard)
    claimed = "\n".join(e.text for e in bot_said(world, user)[heard:])
    assert shown in claimed and other not in claimed, claimed
    # The staff group reads the name as the staff do (their language: Chinese).
    chinese, _english = _names(application, SUN_WEI)
    await until(lambda: any(chinese in e.text for e in bot_said(world, UTILITIES_GROUP)))
    status = await _step(world, user, "/status")
    assert "#1" in status and shown in status and other not in status, status


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_complaint_names_the_one_complained_of_in_the_requesters_language(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    shown, other = _expected(application, LI_QIANG, user)
    await _step(world, user, COMPLAINT[user])
    await until(lambda: "#1" in said_text(world, user))
    reply = said_text(world, user)
    assert shown in reply and other not in reply, reply
    if user == ENGLISH:
        assert f"You complained about {shown}" in reply, reply
        assert f"{shown} will not handle it" in reply, reply
