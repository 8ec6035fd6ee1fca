"""What the bot sends that is longer than a Telegram message goes in several, cut where a
reader would cut (line ends, sentence ends, spaces), never inside a word that fits in one
(issue 14, input 2). Through the real Application against the emulation."""

from __future__ import annotations

import re

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]
OFFICER = 100101


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("store", ["sqlite"])
async def test_ticket_history_longer_than_a_message_keeps_every_word_whole(
    running: tuple[Emulator, App],
) -> None:
    emulator, _ = running
    world = emulator.world
    first = "I want to complain: " + " ".join(f"first{n:04d}" for n in range(330))
    await world.user_sends(ENGLISH, first)
    assert "#1" in (await bot_lines(emulator, ENGLISH, 1))[-1].text
    # Three more, each nearly as long as a message may be (a line of /ticket longer than one),
    # words without sentence ends.
    more = [" ".join(f"more{k}x{n:04d}" for n in range(371)) for k in range(3)]
    for text in more:
        assert _units(text) < 4096
        await world.user_sends(ENGLISH, text)
    await bot_lines(emulator, ENGLISH, 4)  # each filed, and the requester told

    before = len(bot_said(world, GENERAL_GROUP))
    await world.user_sends(OFFICER, "/ticket 1", GENERAL_GROUP)
    await until(lambda: more[-1][-9:] in "".join(e.text for e in bot_said(world, GENERAL_GROUP)))
    parts = [e.text for e in bot_said(world, GENERAL_GROUP)[before:]]
    assert len(parts) >= 4 and all(_units(p) <= 4096 for p in parts)
    # Every numbered word whole in one message: a word cut in two matches in neither.
    words = [w for p in parts for w in re.findall(r"\b(?:first|more\dx)\d{4}\b", p)]
    said = [w for text in [first, *more] for w in text.split()[(4 if text is first else 0) :]]
    assert sorted(words) == sorted(said)
