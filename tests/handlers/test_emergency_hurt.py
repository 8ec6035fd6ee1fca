"""Someone hurt, named as what was said, end to end over the emulation (a new-user trial):
"孩子误吞了电池" (a battery swallowed) and "我家老人摔倒了起不来" (an old man fallen who cannot
get up) were alerted to the supervisors as "有人昏迷或无反应" (someone unconscious); the
alert, the card and the requester's /status now name someone poisoned or who swallowed
something, someone fallen or hurt who cannot get up, the ambulance (120) told first. And "我被
狗咬了,流血了" / "I was bitten by a dog and I'm bleeding" got the category buttons or an
ordinary complaint due on Monday: someone bitten and bleeding now hears the ambulance (120)
and what to do (wash the wound with soap and running water for 15 minutes, press it to stop
the bleeding, a hospital or a rabies vaccination clinic today), on an urgent ticket, the
supervisors alerted. A dog bitten, a fear of stray dogs, how to complain of biting dogs stay
ordinary."""

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
GENERAL = (100101, -1000000000101)  # a danger to a person alone: the general window
SWALLOWED = {
    "zh": "⚠️ 危险:有人中毒或误吞异物",
    "en": "⚠️ DANGER: someone poisoned or who swallowed something harmful",
}
FALLEN = {
    "zh": "⚠️ 危险:有人摔倒或受伤起不来",
    "en": "⚠️ DANGER: someone fallen or hurt who cannot get up",
}
BITTEN = {
    "zh": "⚠️ 危险:有人被动物咬伤流血",
    "en": "⚠️ DANGER: someone bitten by an animal and bleeding",
}
UNCONSCIOUS = {"zh": "昏迷", "en": "unconscious"}
SAID = {
    "swallowed": {REQUESTER: "孩子误吞了电池", ENGLISH: "My son swallowed a battery"},
    "fallen": {
        REQUESTER: "我家老人摔倒了起不来",
        ENGLISH: "My grandmother fell and can't get up",
    },
}
MARKS = {"swallowed": SWALLOWED, "fallen": FALLEN}
# What to do now, told as what was said: not someone unconscious's advice.
ADVICE = {
    "swallowed": {REQUESTER: "不要催吐", ENGLISH: "vomit"},
    "fallen": {REQUESTER: "不要强行把他扶起来", ENGLISH: "do not pull them up"},
}
AIRWAY = {REQUESTER: "呼吸通畅", ENGLISH: "airway"}
# What to do for a bite, in each language.
BITE_ADVICE = {
    REQUESTER: ("肥皂", "流动", "15分钟", "按压", "狂犬"),
    ENGLISH: ("soap", "running water", "15 minutes", "press", "rabies"),
}


def _texts(emulator: Emulator, chat_id: int) -> list[str]:
    return [e.text for e in bot_said(emulator.world, chat_id)]


def _numbers(text: str) -> list[str]:
    listed = [line for line in text.splitlines() if line.startswith("·")]
    return [re.findall(r"\d+", line)[-1] for line in listed]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("kind", ["swallowed", "fallen"])
@pytest.mark.parametrize(
    ("settings", "user"), [("zh", REQUESTER), ("en", ENGLISH)], indirect=["settings"]
)
async def test_the_alert_card_and_status_name_what_was_said(
    running: tuple[Emulator, App], settings: Settings, user: int, kind: str
) -> None:
    emulator, application = running
    world = emulator.world
    staff, requester = settings.languages.default, "zh" if user == REQUESTER else "en"
    mark = MARKS[kind]
    await world.user_sends(user, SAID[kind][user])
    await until(lambda: any("#1" in t for t in _texts(emulator, user)))
    first = _texts(emulator, user)[0]
    assert _numbers(first)[:1] == ["120"], first
    assert ADVICE[kind][user] in first and AIRWAY[user] not in first, first
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    # The supervisors' alert names it, and not someone unconscious.
    await until(lambda: any("#1" in t for t in _texts(emulator, MANAGEMENT)))
    alert = next(t for t in _texts(emulator, MANAGEMENT) if "#1" in t)
    assert mark[staff] in alert, alert
    assert UNCONSCIOUS[staff] not in alert, alert
    # The card.
    _, group = GENERAL
    await until(lambda: any("#1" in t for t in _texts(emulator, group)))
    card = next(t for t in _texts(emulator, group) if "#1" in t)
    assert card.startswith(mark[staff]), card
    # The requester's /status.
    heard = len(bot_said(world, user))
    await world.user_sends(user, "/status")
    await until(lambda: len(bot_said(world, user)) > heard)
    status = bot_said(world, user)[heard].text
    line = next(x for x in status.splitlines() if "#1" in x)
    assert mark[requester] in line and UNCONSCIOUS[requester] not in line, status


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("settings", "user", "text"),
    [
        ("zh", REQUESTER, "我被狗咬了,流血了"),
        ("en", ENGLISH, "I was bitten by a dog and I'm bleeding"),
        ("zh", REQUESTER, "孩子刚被邻居家的狗咬伤了,腿上一直在流血"),
        ("en", ENGLISH, "A dog just bit my daughter, her arm is bleeding"),
        # the bite's heavy bleeding: no one unconscious beside it
        ("zh", REQUESTER, "我被狗咬了,流血不止"),
        ("en", ENGLISH, "My son was bitten by a stray dog and is bleeding heavily"),
    ],
    indirect=["settings"],
)
async def test_someone_bitten_and_bleeding_hears_the_ambulance_and_what_to_do(
    running: tuple[Emulator, App], settings: Settings, user: int, text: str
) -> None:
    emulator, application = running
    world = emulator.world
    staff = settings.languages.default
    await world.user_sends(user, text)
    await until(lambda: any("#1" in t for t in _texts(emulator, user)))
    first = _texts(emulator, user)[0]
    assert _numbers(first)[:1] == ["120"], first
    assert all(words in first for words in BITE_ADVICE[user]), first
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    await until(lambda: any("#1" in t for t in _texts(emulator, MANAGEMENT)))
    alert = next(t for t in _texts(emulator, MANAGEMENT) if "#1" in t)
    assert BITTEN[staff] in alert and UNCONSCIOUS[staff] not in alert, alert


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "我家狗被咬了"),
        (REQUESTER, "我家狗被邻居的狗咬了,流血了"),
        (REQUESTER, "小区流浪狗很多,怕被咬"),
        (REQUESTER, "狗咬人怎么投诉"),
        (ENGLISH, "My dog was bitten by another dog and is bleeding"),
        (ENGLISH, "There are many stray dogs in our estate, I'm afraid of being bitten"),
        (ENGLISH, "How do I complain about a dog that bites people?"),
    ],
)
async def test_a_dog_bitten_or_a_bite_feared_or_asked_about_is_no_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    await no_emergency(emulator, application, user, text)
