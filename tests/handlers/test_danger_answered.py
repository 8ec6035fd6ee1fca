"""Once its staff have written, a progress question into an emergency's ticket hears how it
stands, not the emergency reminder again (a new user's trial): two people trapped in one lift
were one incident, its update "已解救" (rescued); "有进展了吗?都过去这么久了" from one of them
was answered "⚠️ 本服务无法派出救护车…请您现在就自己拨打 电梯困人救援 96333". Words that tell
the danger again, or ask whether help is coming, still hear the numbers (bot/danger_asked.py).
End to end over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import DeskClock, bot_said, until
from tests.handlers.test_incident_age import HEARD, _rescued

App = Application  # type: ignore[type-arg]
ASKED = {"zh": "有进展了吗?都过去这么久了", "en": "Any news? It has been so long"}
AGAIN = {"zh": "还是困在里面,没人来", "en": "He is still trapped in the lift, nobody came"}
STATUS = {"zh": "最新进展", "en": "latest update"}


async def _reply(emulator: Emulator, user: int, text: str) -> str:
    world = emulator.world
    before = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)[before:]))
    return "\n".join(e.text for e in bot_said(world, user)[before:])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("language", ["zh", "en"])
async def test_asked_how_it_stands_after_the_rescue_they_hear_the_status(
    running: tuple[Emulator, App], desk_clock: DeskClock, language: str
) -> None:
    emulator, _ = running
    first = 746000 if language == "zh" else 747000
    await _rescued(emulator, first, language)
    desk_clock.now += timedelta(minutes=20)
    said = await _reply(emulator, first + 1, ASKED[language])
    assert STATUS[language] in said and HEARD[language] in said, said
    assert "96333" not in said and "⚠️" not in said, said
    desk_clock.now += timedelta(minutes=5)
    said = await _reply(emulator, first + 1, AGAIN[language])
    assert "96333" in said, said
