"""Issue 14: an officer's words quoted in a sentence of the bot's end with one full stop, theirs
(a tester read "…保持电话畅通。。" when the requester asked how their ticket stands). End to
end over the emulation, both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_said, until
from tests.handlers.fire_lane import OFFICER, a_claimed_complaint

App = Application  # type: ignore[type-arg]
UPDATE = {
    REQUESTER: "师傅明天上午上门检修,请保持电话畅通。",
    ENGLISH: "A technician comes tomorrow morning, please keep your phone on.",
}
ASKED = {REQUESTER: "现在进展怎么样了?", ENGLISH: "Any news on my ticket?"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_the_officers_update_is_quoted_with_its_own_full_stop(
    running: tuple[Emulator, App], requester: int
) -> None:
    emulator, _ = running
    world = emulator.world
    thread, _ = await a_claimed_complaint(emulator, requester)
    await world.user_sends(OFFICER, UPDATE[requester], GENERAL_GROUP, thread)
    await until(lambda: any(e.text == UPDATE[requester] for e in bot_said(world, requester)))
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, ASKED[requester])
    await until(
        lambda: any(UPDATE[requester] in e.text for e in bot_said(world, requester)[heard:])
    )
    told = next(e for e in bot_said(world, requester)[heard:] if UPDATE[requester] in e.text)
    assert "。。" not in told.text and ".." not in told.text, told.text
    assert "。." not in told.text, told.text
