"""A new-user trial: a Chinese speaker (client set to zh) sending "Wi-Fi" or "e-mail" was
answered in English, "WiFi" in Chinese. A hyphen joins one word (bot/written.py): a lone Latin
word is too few to tell a language, so the requester keeps the one they had. End to end over
the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until

App = Application  # type: ignore[type-arg]
ASKED = {REQUESTER: "能再具体说说吗", ENGLISH: "Could you tell me a little more"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("word", ["Wi-Fi", "e-mail", "WiFi"])
async def test_a_lone_hyphenated_word_keeps_their_language(
    running: tuple[Emulator, App], user: int, word: str
) -> None:
    emulator, _application = running
    await emulator.world.user_sends(user, word)
    await until(lambda: len(bot_said(emulator.world, user)) > 0)
    reply = str(bot_said(emulator.world, user)[-1].text)
    assert ASKED[user] in reply, reply
