"""A new-user trial: short sounds that say nothing were answered three ways: "Hmmmm", "mmm",
"hahaha", "zzz" not understood (as keys struck at random), "hmmm", "emmm" asked to say more,
"hmm", "啊啊啊啊啊啊" answered "ok". A sound of hesitation ("hmm", "emmm", "嗯嗯"), laughter
("hahaha", "哈哈哈"), a snore ("zzz") or a cry ("啊啊啊啊啊啊") however long is a filler, as
"hmm" is (bot/fillers.py `sound`): the one courtesy reply, in their language, no category
buttons, no ticket; keys struck at random stay not understood. End to end over the
emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of

App = Application  # type: ignore[type-arg]
COURTESY = {REQUESTER: "如果有什么需要办理或咨询的", ENGLISH: "If there is anything you need"}
SOUNDS = ["Hmmmm", "mmm", "hahaha", "zzz", "hmmm", "emmm", "hmm", "Hmm", "嗯嗯嗯", "哈哈哈"]
SOUNDS += ["啊啊啊啊啊啊", "呃呃"]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("sound", SOUNDS)
async def test_a_sound_is_answered_as_hmm(
    running: tuple[Emulator, App], user: int, sound: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, sound)
    await until(lambda: len(bot_said(emulator.world, user)) > 0)
    (reply,) = bot_said(emulator.world, user)
    # Chinese characters are Chinese words: answered in Chinese (bot/written.py).
    said_in = REQUESTER if any("\u4e00" <= ch <= "\u9fff" for ch in sound) else user
    assert COURTESY[said_in] in str(reply.text), reply.text
    assert not any(c.startswith("cat:") for c in callbacks_of(reply)), reply.text
    assert await all_tickets(application) == []
