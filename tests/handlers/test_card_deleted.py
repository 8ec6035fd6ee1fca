"""A ticket's card that someone deleted in the staff group comes back: the next redraw finds no
message to edit, so the card is sent again as the ticket reads now, with its Claim button, and
the ticket keeps the new one (claimed by it, redrawn in it). Before, every later redraw was
refused ("message to edit not found") and given up, and nothing in the group showed the ticket
any more. Through the real Application and the emulation, a Chinese and an English requester."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]
OFFICER = 100101
SAID = {
    REQUESTER: ("我要投诉:窗口工作人员态度很差", "他还当着大家的面骂人"),
    ENGLISH: (
        "I want to complain: the clerk at the window was very rude",
        "He also shouted at me in front of everyone",
    ),
}


async def _ticket(application: App) -> Ticket:
    async with application.bot_data.desk.sessions() as session:
        ticket = await session.get(Ticket, 1)
        assert ticket is not None
        return ticket


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_deleted_card_is_sent_again_and_kept(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    first, more = SAID[requester]
    await world.user_sends(requester, first)
    (card,) = await bot_lines(emulator, GENERAL_GROUP, 1)
    assert card.text.startswith("🆕 新工单 #1")
    await until(lambda: len(bot_said(world, requester)) >= 1)
    # An administrator deletes the card in the group.
    world.bot_deletes(GENERAL_GROUP, card.message_id)
    assert _shown(world) == []

    await world.user_sends(requester, more)
    await until(lambda: any(more in e.text for e in _shown(world)))
    (again,) = [e for e in _shown(world) if e.text.startswith("🆕 新工单 #1")]
    assert more in again.text and first.split(":")[-1] in again.text
    assert again.buttons == [[{"callback_data": "claim:1", "text": "认领"}]]
    await until(lambda: _carded(application, again.message_id))

    # Claimed by the new card, which is redrawn as claimed.
    await world.user_presses(OFFICER, GENERAL_GROUP, again.message_id, "claim:1")
    await until(lambda: world.find(GENERAL_GROUP, again.message_id)["text"].endswith("认领"))
    claimed = world.find(GENERAL_GROUP, again.message_id)
    assert "✅ 已由 王芳 认领" in claimed["text"]
    assert (await _ticket(application)).owner_id == OFFICER


def _shown(world: Any) -> list[Any]:
    """What the bot has in the general staff group now (not what was deleted)."""
    return [e for e in bot_said(world, GENERAL_GROUP) if not e.deleted]


async def _carded(application: App, message_id: int) -> bool:
    return (await _ticket(application)).card_message_id == message_id
