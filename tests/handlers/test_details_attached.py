"""Details a template asks for, given as an attachment with the question (a new-user trial):
a photo captioned "streetlight broken outside 45 Park Lane" was asked "please send here: a
photo; the pole number" while its card showed "照片×1"; a location shared, then "the
streetlight here is broken", was asked where the light is while its card showed "位置×1". A
photo given is "a photo" given, a location shared is the place given: the promise says them
noted, asks only for the rest, and the card lists them as given. End to end over the
emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.test_whole_input import photo

App = Application  # type: ignore[type-arg]

UTILITIES_GROUP = -1000000000103  # where a street light's ticket goes
LOCATION = {"location": {"latitude": 31.2, "longitude": 121.4}}
# The street light's template asks for these (knowledge/base/utilities.yaml), as the card
# (in the staff's language, Chinese) words them.
WHERE = "路灯的具体位置(街道、门牌号或附近地标)"
PHOTO = "现场照片"
POLE = "灯杆编号"
# As the requester's promise words them.
ASKS = {
    REQUESTER: {"where": "路灯的具体位置", "photo": "现场照片", "pole": "灯杆编号"},
    ENGLISH: {"where": "where the light is", "photo": "a photo", "pole": "the pole number"},
}
ASKED = {REQUESTER: "请在这里发送", ENGLISH: "please send here"}


def _card(world: Any, ticket_id: int) -> str:
    """The card of ticket `ticket_id` in the utilities staff group, as it reads now."""
    return next(
        (
            e.text
            for e in bot_said(world, UTILITIES_GROUP)
            if e.text.startswith(f"🆕 新工单 #{ticket_id}|")
        ),
        "",
    )


def _answered(card: str) -> str:
    """The card's line of the bot's answer."""
    return next(line for line in card.splitlines() if line.startswith("· 机器人答复:"))


def _replies(world: Any, user: int) -> list[str]:
    return [e.text for e in bot_said(world, user)]


def _asked_for(promise: str, user: int) -> str:
    """The part of the promise that asks for details (after "please send here")."""
    return promise.partition(ASKED[user])[2]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "caption"),
    [
        (REQUESTER, "路灯坏了,幸福路45号门口"),
        (ENGLISH, "streetlight broken outside 45 Park Lane, it has been dark for days"),
    ],
)
async def test_a_photo_with_the_question_is_not_asked_for(
    running: tuple[Emulator, App], user: int, caption: str
) -> None:
    """A photo captioned with the matter: the photo and the place are noted, only the pole
    number is asked for; the card lists the photo as given."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends_content(user, {**photo("P1"), "caption": caption})
    await until(lambda: _card(world, 1) != "" and "#1" in _replies(world, user)[-1])
    promise = _replies(world, user)[-1]
    asked = _asked_for(promise, user)
    assert ASKS[user]["pole"] in asked, promise
    assert ASKS[user]["photo"] not in asked and ASKS[user]["where"] not in asked, promise
    assert ASKS[user]["photo"] in promise.partition(ASKED[user])[0], promise  # said noted
    await until(lambda: "照片×1" in _card(world, 1))
    assert _answered(_card(world, 1)) == (
        f"· 机器人答复:路灯坏了找谁修;请其提供:{POLE};诉求人已补充:{PHOTO}"
    ), _card(world, 1)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question"),
    [(REQUESTER, "这里的路灯坏了"), (ENGLISH, "the streetlight here is broken")],
)
async def test_a_location_shared_before_the_question_is_the_place_given(
    running: tuple[Emulator, App], user: int, question: str
) -> None:
    """A location shared, then the matter: where the light is is not asked for; the card
    lists the place as given."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends_content(user, LOCATION)
    await until(lambda: len(_replies(world, user)) == 1)
    await world.user_sends(user, question)
    await until(lambda: _card(world, 1) != "" and "#1" in _replies(world, user)[-1])
    promise = _replies(world, user)[-1]
    asked = _asked_for(promise, user)
    assert ASKS[user]["photo"] in asked and ASKS[user]["pole"] in asked, promise
    assert ASKS[user]["where"] not in asked, promise
    assert ASKS[user]["where"] in promise.partition(ASKED[user])[0], promise  # said noted
    await until(lambda: "位置×1" in _card(world, 1))
    assert _answered(_card(world, 1)) == (
        f"· 机器人答复:路灯坏了找谁修;请其提供:{PHOTO};{POLE};诉求人已补充:{WHERE}"
    ), _card(world, 1)
