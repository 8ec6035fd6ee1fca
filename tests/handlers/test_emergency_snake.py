"""A snake bite, end to end over the emulation (bot/hurt_words.py kind "snake"): "我被蛇咬了",
"孩子被蛇咬了,腿肿了", "I was bitten by a snake" got the category question, no blood said;
now it is an emergency at once: the ambulance (120) first and what to do (keep still and
calm, the bitten limb still and low, do not cut the wound nor suck it), an urgent ticket,
the supervisors alerted of a snake bite. A dog bitten by a snake, how to complain of a
biting dog and a snake bite asked about stay ordinary."""

from __future__ import annotations

import re

import pytest
from telegram.ext import Application

from bot.config import Settings
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.danger import no_emergency
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900
SNAKE = {"zh": "⚠️ 危险:有人被蛇咬伤", "en": "⚠️ DANGER: someone bitten by a snake"}
ADVICE = {
    REQUESTER: ("不要走动", "不要切开伤口", "不要用嘴吸"),
    ENGLISH: ("keep still", "do not cut the wound", "do not suck"),
}
RABIES = {REQUESTER: "狂犬", ENGLISH: "rabies"}


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


def _numbers(text: str) -> list[str]:
    listed = [line for line in text.splitlines() if line.startswith("·")]
    return [re.findall(r"\d+", line)[-1] for line in listed]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "我被蛇咬了"),
        (REQUESTER, "孩子被蛇咬了,腿肿了"),
        (ENGLISH, "I was bitten by a snake"),
        (ENGLISH, "my son got bitten by a snake and his leg is swelling"),
    ],
)
async def test_a_snake_bite_hears_the_ambulance_and_to_keep_still(
    running: tuple[Emulator, App], settings: Settings, user: int, text: str
) -> None:
    emulator, application = running
    staff = settings.languages.default
    await emulator.world.user_sends(user, text)
    await until(lambda: any("#1" in t for t in _texts(emulator, user)))
    first = _texts(emulator, user)[0]
    assert _numbers(first)[:1] == ["120"], first
    assert all(words in first for words in ADVICE[user]), first
    assert RABIES[user] not in first, first
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    await until(lambda: any("#1" in t for t in _texts(emulator, MANAGEMENT)))
    alert = next(t for t in _texts(emulator, MANAGEMENT) if "#1" in t)
    assert SNAKE[staff] in alert, alert


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "狗咬人怎么投诉"),
        (REQUESTER, "我家狗被蛇咬了"),
        (ENGLISH, "My dog was bitten by a snake"),
        (ENGLISH, "How do I complain about a dog that bites people?"),
    ],
)
async def test_a_dog_bitten_or_a_bite_complained_of_is_no_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    await no_emergency(emulator, application, user, text)
