"""Someone bleeding heavily, end to end over the emulation (bot/hurt_words.py kind
"bleeding"): "他流了很多血" and "he is bleeding heavily" were alerted to the supervisors, and
carded, as "有人昏迷或无反应" (someone unconscious). The alert and the card now name someone
bleeding heavily, the ambulance (120) first, and the requester hears to press on the wound."""

from __future__ import annotations

import re

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
GENERAL = -1000000000101  # a danger to a person alone: the general window
BLEEDING = {"zh": "⚠️ 危险:有人大量出血", "en": "⚠️ DANGER: someone bleeding heavily"}
UNCONSCIOUS = {"zh": "昏迷", "en": "unconscious"}
PRESS = {REQUESTER: "按住伤口", ENGLISH: "press"}


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"), [(REQUESTER, "他流了很多血"), (ENGLISH, "he is bleeding heavily")]
)
async def test_heavy_bleeding_is_named_so_not_someone_unconscious(
    running: tuple[Emulator, App], settings: Settings, user: int, text: str
) -> None:
    emulator, application = running
    staff = settings.languages.default
    await emulator.world.user_sends(user, text)
    await until(lambda: any("#1" in t for t in _texts(emulator, user)))
    first = _texts(emulator, user)[0]
    listed = [line for line in first.splitlines() if line.startswith("·")]
    assert [re.findall(r"\d+", line)[-1] for line in listed][:1] == ["120"], first
    assert PRESS[user] in first, first
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    await until(lambda: any("#1" in t for t in _texts(emulator, MANAGEMENT)))
    alert = next(t for t in _texts(emulator, MANAGEMENT) if "#1" in t)
    assert BLEEDING[staff] in alert and UNCONSCIOUS[staff] not in alert, alert
    await until(lambda: any("#1" in t for t in _texts(emulator, GENERAL)))
    card = next(t for t in _texts(emulator, GENERAL) if "#1" in t)
    assert card.startswith(BLEEDING[staff]) and UNCONSCIOUS[staff] not in card, card
