"""Issue 14: "好的,谢谢" / "ok thanks" written after /resolve (instead of a button) accepts the
resolution: it is confirmed, as "解决了" is, and the requester is asked to rate once, not asked
again whether it is solved. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines
from tests.handlers.test_after_resolution import _resolved, _ticket
from tests.handlers.test_after_resolution_words import QUESTION

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "told"),
    [
        (REQUESTER, "好的,谢谢", "已确认解决"),
        (REQUESTER, "收到,谢谢师傅!", "已确认解决"),
        (ENGLISH, "ok thanks", "confirmed solved"),
        (ENGLISH, "Okay, thank you so much!", "confirmed solved"),
    ],
)
async def test_ok_thanks_after_a_resolution_confirms_it(
    running: tuple[Emulator, App], requester: int, words: str, told: str
) -> None:
    emulator, application = running
    world = emulator.world
    _, heard = await _resolved(emulator, requester, QUESTION[requester])
    await world.user_sends(requester, words)
    confirmed = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert told in confirmed.text, confirmed.text
    assert (await _ticket(application)).status is TicketStatus.CLOSED
