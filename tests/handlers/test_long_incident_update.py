"""An /incident update too long to reach every requester in one message with the words
before it (which ticket, when posted, the language it was written in): Telegram refused the
English requester's "(This update was written in Chinese.) Update on ticket #1: ..." as "message
is too long", and the manager had been told it went to all five. The poster is told at once
that it is too long and by how much, no requester gets any of it, and the shortened update
reaches every one; an edit back to the long words is refused alike, and nobody is "corrected".
End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import until
from tests.handlers.test_incident_updates import FIRST, MANAGEMENT_CHAT, MANAGER, _incident, _said

App = Application  # type: ignore[type-arg]
LONG = "".join(f"第{n}项:维修人员已到场,请住户配合。" for n in range(300))[:4070] + "完毕。"
SHORT = LONG[:3000] + "完毕。"


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_update_too_long_for_a_message_is_refused_at_once_saying_by_how_much(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    incident_id = await _incident(emulator, application, ["en", "zh", "zh", "zh", "zh"])
    command = f"/incident {incident_id} {LONG}"
    assert len(command) <= 4096  # what a Telegram app sends in one message
    before = len(_said(emulator, MANAGEMENT_CHAT))
    await emulator.world.user_sends(MANAGER, command, MANAGEMENT_CHAT)
    await until(lambda: len(_said(emulator, MANAGEMENT_CHAT)) > before)
    (refused,) = _said(emulator, MANAGEMENT_CHAT)[before:]
    assert "太长" in refused and "3900" in refused and f"{len(LONG) - 3900}" in refused
    assert not any("第0项" in t for n in range(5) for t in _said(emulator, FIRST + n))

    short = f"/incident {incident_id} {SHORT}"
    posted = await emulator.world.user_sends(MANAGER, short, MANAGEMENT_CHAT)
    assert posted is not None
    for n in range(5):
        await until(lambda n=n: any(SHORT in t for t in _said(emulator, FIRST + n)))
    (heard,) = [t for t in _said(emulator, FIRST) if SHORT in t]
    assert "in Chinese" in heard

    # Edited to the long words again: refused at once the same way, nobody corrected.
    heard_before = [len(_said(emulator, FIRST + n)) for n in range(5)]
    before = len(_said(emulator, MANAGEMENT_CHAT))
    message_id = posted["message"]["message_id"]
    await emulator.world.user_edits(MANAGER, MANAGEMENT_CHAT, message_id, command)
    await until(lambda: len(_said(emulator, MANAGEMENT_CHAT)) > before)
    (refused,) = _said(emulator, MANAGEMENT_CHAT)[before:]
    assert "太长" in refused and f"{len(LONG) - 3900}" in refused
    assert [len(_said(emulator, FIRST + n)) for n in range(5)] == heard_before
    # The same refusal in English, for a desk whose staff read English.
    english = application.bot_data.desk.texts.render(
        "refused", "en", reason="too_long", limit=3900, over=173
    )
    assert "at most 3900 characters, 173 too many" in english
