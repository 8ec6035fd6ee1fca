"""A requester whose Telegram client is set to a language the desk does not write (French,
Russian) is greeted on /start in English, as their words in that language would be answered
(bot/intake/language.py), never in the default Chinese and then switched to English; a client
set to nothing at all is greeted in the default language."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until

App = Application  # type: ignore[type-arg]
FRENCH = 730011


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


def _chinese(texts: list[str]) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for line in texts for ch in line)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("code", ["fr", "ru", "pt-br"])
async def test_start_in_another_language_is_greeted_in_english(
    running: tuple[Emulator, App], code: str
) -> None:
    emulator, _ = running
    world = emulator.world
    world.add_user(FRENCH, "Claire", code)
    await world.user_sends(FRENCH, "/start")
    await until(lambda: len(_texts(emulator, FRENCH)) >= 1)
    (greeting,) = _texts(emulator, FRENCH)
    assert "Hello, Claire!" in greeting and not _chinese([greeting]), greeting
    await world.user_sends(FRENCH, "Bonjour, le lampadaire devant chez moi est cassé")
    await until(lambda: len(_texts(emulator, FRENCH)) >= 3)
    assert not _chinese(_texts(emulator, FRENCH)), _texts(emulator, FRENCH)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_start_with_no_language_set_is_greeted_in_the_default(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    world.add_user(FRENCH, "Claire")
    await world.user_sends(FRENCH, "/start")
    await until(lambda: len(_texts(emulator, FRENCH)) >= 1)
    (greeting,) = _texts(emulator, FRENCH)
    assert _chinese([greeting]), greeting
