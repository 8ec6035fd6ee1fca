"""A new-user tester, end to end in either language: the emergency reply let her believe the
office sends help ("so that help can find it quickly"); four minutes later "is the ambulance
coming? she is still not breathing" met silence (one acknowledgement per burst swallowed it).
The first reply says plainly, first, that this service sends no emergency help and they must
call the number themselves now, and the place asked is passed to the duty staff; a message
into the emergency ticket that still tells the danger or asks whether help is coming gets,
each time, the number to call and that the duty staff have it. Someone who wants to end their
life hears the crisis line with 120 and 110, and warm words, not "get to a safe place". Over
the emulation."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, bot_said, until

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900


async def _reply_to(emulator: Emulator, user: int, text: str) -> str:
    """What the bot says next to `user` after they send `text`."""
    world = emulator.world
    before = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > before)
    return "\n".join(e.text for e in bot_said(world, user)[before:])


# (user, the danger, where, the danger still told, help asked after, we send none, call
# yourself, the duty staff, the place passed on)
CASES = [
    (
        ENGLISH,
        "my grandmother collapsed and isn't breathing",
        "Building 3, 4 Xingfu Road",
        "is the ambulance coming? she is still not breathing",
        "is the ambulance coming?",
        "cannot send",
        "yourself",
        "duty staff",
    ),
    (
        REQUESTER,
        "我奶奶晕倒了,没有呼吸了",
        "幸福路4号3号楼",
        "救护车来了吗?她还是没有呼吸",
        "救护车来了吗",
        "无法派出",
        "自己拨打",
        "值班",
    ),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "danger", "place", "still", "coming", "no_dispatch", "yourself", "duty"), CASES
)
async def test_the_requester_hears_we_send_no_help_and_is_never_left_in_silence(
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    user: int,
    danger: str,
    place: str,
    still: str,
    coming: str,
    no_dispatch: str,
    yourself: str,
    duty: str,
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, danger)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    first = bot_said(world, user)[0].text
    # First of all: we send nobody, they call the number themselves now.
    assert no_dispatch in first.splitlines()[0] and yourself in first.splitlines()[0], first
    assert "120" in first
    everything = "\n".join(e.text for e in bot_said(world, user))
    for claim in ("help can find", "以便救援"):
        assert claim not in everything, everything
    assert duty in everything  # the place asked goes to the duty staff
    desk_clock.now += timedelta(minutes=1)
    await _reply_to(emulator, user, place)
    # Within the burst, the danger still told and help asked after: each time, an answer.
    for words in (still, coming):
        desk_clock.now += timedelta(minutes=2)
        said = await _reply_to(emulator, user, words)
        assert "120" in said and duty in said, said
        assert yourself in said, said


# (user, the wish to die, then, the warm words)
CRISIS = [
    (ENGLISH, "I want to kill myself", "nobody cares. I have the pills in my hand", "not alone"),
    (REQUESTER, "我不想活了", "没有人在乎我。药已经在我手里了", "不是一个人"),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "said", "then", "warm"), CRISIS)
async def test_someone_who_wants_to_die_hears_the_crisis_line_and_warm_words(
    running: tuple[Emulator, App], user: int, said: str, then: str, warm: str
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, said)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    first = bot_said(world, user)[0].text
    for number in ("12356", "120", "110"):
        assert number in first, first
    assert warm in first, first
    assert "safe place" not in first and "安全的地方" not in first, first
    again = await _reply_to(emulator, user, then)
    assert "12356" in again and "120" in again, again


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "danger", "place", "still", "coming"), [c[:5] for c in CASES])
async def test_the_same_asked_within_a_minute_is_answered_once(
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    user: int,
    danger: str,
    place: str,
    still: str,
    coming: str,
) -> None:
    """Asked again seconds later, filed without another reply (a cry sent twenty times is no
    twenty replies); a minute on, answered again."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, f"{danger}, {place}")
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    desk_clock.now += timedelta(minutes=1)
    await _reply_to(emulator, user, place)
    desk_clock.now += timedelta(minutes=2)
    assert "120" in await _reply_to(emulator, user, coming)
    desk_clock.now += timedelta(seconds=10)
    before = len(bot_said(world, user))
    await world.user_sends(user, coming)
    await asyncio.sleep(2)  # any reply would have come by now
    assert len(bot_said(world, user)) == before, bot_said(world, user)[before:]
    desk_clock.now += timedelta(minutes=1)
    assert "120" in await _reply_to(emulator, user, still)
