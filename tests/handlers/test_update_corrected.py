"""A mass incident's update asked for in the management group (issue 14: only the private
chat's "post an update" was tested), and a supervisor who edits their update once it reached
the requesters: a clerk sends the correction to the same requesters, once, marked as one, in
their language (never the update again as if new), and tells the supervisor whom it reached.
End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import bot_said, until
from tests.handlers.test_incident_updates import MANAGEMENT_CHAT, MANAGER, _incident

App = Application  # type: ignore[type-arg]
FIRST = 708001  # test_incident_updates' requesters: the second reads English
UPDATE = {
    "zh": "维修人员已到场,预计今晚18点前恢复运行",
    "en": "The crew is on site, running by 6pm",
}
FIXED = {
    "zh": "维修人员已到场,预计今晚20点前恢复运行",
    "en": "The crew is on site, running by 8pm",
}
CORRECTION = {"zh": "更正", "en": "Correction"}


def _said(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_update_asked_in_the_management_group_and_its_edit_reach_each_requester_once(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    world = emulator.world
    languages = ["zh", "en", "zh", "zh", "zh"]
    incident_id = await _incident(emulator, application, languages)
    await until(
        lambda: any(f"/incident {incident_id}" in t for t in _said(emulator, MANAGEMENT_CHAT))
    )
    alert = next(
        e for e in bot_said(world, MANAGEMENT_CHAT) if f"/incident {incident_id}" in e.text
    )
    pressed = [b["callback_data"] for row in alert.buttons for b in row]
    assert f"upd:{incident_id}" in pressed, alert.buttons
    before = len(_said(emulator, MANAGEMENT_CHAT))
    await world.user_presses(MANAGER, MANAGEMENT_CHAT, alert.message_id, f"upd:{incident_id}")
    await until(
        lambda: any("回复本条消息" in t for t in _said(emulator, MANAGEMENT_CHAT)[before:])
    )
    asked = next(e for e in bot_said(world, MANAGEMENT_CHAT)[before:] if "回复本条消息" in e.text)
    assert asked.thread_id is None  # asked where it was pressed: the management group

    requesters = {FIRST + n: language for n, language in enumerate(languages)}
    heard = {user: len(_said(emulator, user)) for user in requesters}
    words = f"{UPDATE['zh']} | {UPDATE['en']}"
    sent = await world.user_sends(MANAGER, words, MANAGEMENT_CHAT, reply_to=asked.message_id)
    assert sent is not None
    update_id = sent["message"]["message_id"]
    await until(lambda: any("已将进展发给" in t for t in _said(emulator, MANAGEMENT_CHAT)))
    for user, language in requesters.items():
        await until(lambda u=user, s=UPDATE[language]: any(s in t for t in _said(emulator, u)))
    heard = {user: len(_said(emulator, user)) for user in requesters}

    told = len(_said(emulator, MANAGEMENT_CHAT))
    await world.user_edits(MANAGER, MANAGEMENT_CHAT, update_id, f"{FIXED['zh']} | {FIXED['en']}")
    await until(lambda: any("更正" in t for t in _said(emulator, MANAGEMENT_CHAT)[told:]))
    (reported,) = [t for t in _said(emulator, MANAGEMENT_CHAT)[told:] if "更正" in t]
    assert "5" in reported, reported
    for user, language in requesters.items():
        await until(lambda u=user, s=FIXED[language]: any(s in t for t in _said(emulator, u)))
        got = _said(emulator, user)[heard[user] :]
        assert len(got) == 1 and CORRECTION[language] in got[0], got
        assert FIXED["en" if language == "zh" else "zh"] not in got[0]

    # The same words again (Telegram sends an edit that changed nothing they read): no second.
    await world.user_edits(MANAGER, MANAGEMENT_CHAT, update_id, f"{FIXED['zh']} | {FIXED['en']}")
    later = len(_said(emulator, MANAGEMENT_CHAT))
    await world.user_sends(MANAGER, f"/incident {incident_id}", MANAGEMENT_CHAT)
    await until(lambda: len(_said(emulator, MANAGEMENT_CHAT)) > later)
    for user in requesters:
        assert len(_said(emulator, user)) == heard[user] + 1


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_edited_incident_command_corrects_the_update_it_posted(
    running: tuple[Emulator, App],
) -> None:
    """/incident N words, edited: the corrected words go out as a correction, not as a
    second update (and the edited command is not refused as one carried out again)."""
    emulator, application = running
    world = emulator.world
    incident_id = await _incident(emulator, application, ["zh"] * 5)
    before = len(_said(emulator, MANAGEMENT_CHAT))
    sent = await world.user_sends(
        MANAGER, f"/incident {incident_id} {UPDATE['zh']}", MANAGEMENT_CHAT
    )
    assert sent is not None
    await until(
        lambda: any("已将进展发给" in t for t in _said(emulator, MANAGEMENT_CHAT)[before:])
    )
    for user in range(FIRST, FIRST + 5):
        await until(lambda u=user: any(UPDATE["zh"] in t for t in _said(emulator, u)))
    heard = {user: len(_said(emulator, user)) for user in range(FIRST, FIRST + 5)}
    told = len(_said(emulator, MANAGEMENT_CHAT))
    fixed = f"/incident {incident_id} {FIXED['zh']}"
    await world.user_edits(MANAGER, MANAGEMENT_CHAT, sent["message"]["message_id"], fixed)
    await until(lambda: any("更正" in t for t in _said(emulator, MANAGEMENT_CHAT)[told:]))
    for user, count in heard.items():
        await until(lambda u=user, c=count: len(_said(emulator, u)) > c)
        (got,) = _said(emulator, user)[count:]
        assert got.startswith("更正") and FIXED["zh"] in got, got
