"""A ticket's card in its staff group shows as much of the first inquiry as one message holds
(4,096 characters), not a fixed budget; so does its edit once claimed. Through the real
Application against the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.excerpt import MAX_MESSAGE, units
from emulator.server import Emulator
from tests.handlers.conftest import REQUESTER, bot_lines, bot_said, until
from tests.handlers.test_whole_input import UTILITIES_GROUP, UTILITIES_OFFICER

App = Application  # type: ignore[type-arg]
# 3,505 characters: more than the 3,000 a card used to show of a turn, less than a card holds.
WORDS = ("小区门口的路灯连续三天不亮,晚上出行很危险。" * 160)[:3490] + "电话13800001234,下午在家。"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_turn_that_fits_the_card_is_shown_whole_there_and_once_claimed(
    running: tuple[Emulator, App],
) -> None:
    emulator, _application = running
    world = emulator.world
    await world.user_sends(REQUESTER, "你好")
    await bot_lines(emulator, REQUESTER, 1)  # what is it about?
    await world.user_sends(REQUESTER, WORDS)
    # The street-light template needs a person: the bot answers and opens the ticket itself.
    await until(lambda: any("#1" in e.text for e in bot_said(world, REQUESTER)))
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert "首问经过" in card.text  # the inquiry turn by turn: more than the question happened
    assert WORDS in card.text and "节选" not in card.text
    assert units(card.text) <= MAX_MESSAGE

    await world.user_presses(UTILITIES_OFFICER, UTILITIES_GROUP, card.message_id, "claim:1")
    await until(lambda: "认领" in card.text)  # the card, edited in place
    assert WORDS in card.text and "节选" not in card.text
    assert units(card.text) <= MAX_MESSAGE
