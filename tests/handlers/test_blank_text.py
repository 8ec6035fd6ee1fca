"""Issue 14: text that carries no words (spaces, line breaks, invisible characters only) is not
kept: nothing is held for a later ticket, whose card lists no attachment for it (a tester's
whitespace message reached an unrelated ticket as "其他×1"). End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]
GROUPS = (-1000000000101, -1000000000102, -1000000000103)
COMPLAINT = {
    REQUESTER: "我家楼上每天晚上装修到12点,吵得孩子没法睡觉,物业也不管,我要投诉",
    ENGLISH: "My neighbours sing KTV until 2 am every night and nobody acts, I want to complain",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("blank", ["   ", " \n\t ", "\u3000\u200b", ""])
async def test_a_blank_text_is_not_kept_for_a_later_ticket(
    running: tuple[Emulator, App], requester: int, blank: str
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(requester, blank)
    await bot_lines(emulator, requester, 1)
    await world.user_sends(requester, COMPLAINT[requester])
    reply = (await bot_lines(emulator, requester, 2))[-1]
    calls = [b["callback_data"] for row in reply.buttons or [] for b in row]
    for call in ("cat:complaint", "human"):  # its kind asked, or "did you mean"
        if call in calls:
            await world.user_presses(requester, requester, reply.message_id, call)
            break
    await until(lambda: any("#1" in e.text for g in GROUPS for e in bot_said(world, g)))
    card = next(e for g in GROUPS for e in bot_said(world, g) if "#1" in e.text)
    assert "另附" not in card.text and "其他" not in card.text, card.text
    assert "Attached" not in card.text, card.text
