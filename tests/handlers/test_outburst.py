"""Anger alone, again and again: "你们这些人到底干什么吃的!!!", "This is ridiculous!!!" is
apologised for and asked what happened; more anger with no matter is asked once more, never a
third time (a clerk does not keep a furious requester in a loop): then a person takes what
was said. A matter told after it opens the ticket with it. End to end over the emulation,
both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, said_text

App = Application  # type: ignore[type-arg]

ANGER = {REQUESTER: "你们这些人到底干什么吃的!!!", ENGLISH: "This is ridiculous!!!"}
AGAIN = {REQUESTER: "气死我了!!!", ENGLISH: "Unbelievable!!!"}
THIRD = {REQUESTER: "什么破服务!!!", ENGLISH: "What a useless service!!!"}
ASKED = {REQUESTER: ["抱歉", "遇到了什么问题"], ENGLISH: ["sorry", "What happened?"]}


async def _step(world: Any, user: int, text: str) -> str:
    """`user` sends `text`; what the bot answers them (all of it, a line a message)."""
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    return "\n".join(line.text for line in bot_said(world, user)[count:])


def _asked(reply: str, user: int) -> bool:
    return all(words.casefold() in reply.casefold() for words in ASKED[user])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_anger_alone_is_asked_about_twice_at_most(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    assert _asked(await _step(world, user, ANGER[user]), user)
    assert _asked(await _step(world, user, AGAIN[user]), user)
    assert not await all_tickets(application)
    third = await _step(world, user, THIRD[user])
    assert not _asked(third, user), third
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    for said in (ANGER[user], AGAIN[user], THIRD[user]):
        assert said in ticket.question, ticket.question


HUMAN = {REQUESTER: "人工", ENGLISH: "human"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_anger_after_asking_for_a_person_reaches_the_person(
    running: tuple[Emulator, App], user: int
) -> None:
    """They asked for a person and were asked what it is about; anger then is not asked
    about again: the person they asked for takes it."""
    emulator, application = running
    world = emulator.world
    await _step(world, user, HUMAN[user])
    reply = await _step(world, user, ANGER[user])
    assert not _asked(reply, user), reply
    await until(lambda: "#1" in said_text(world, user))
    (ticket,) = await all_tickets(application)
    assert ANGER[user] in ticket.question, ticket.question


MANAGEMENT = -1000000000900  # config.yaml: the supervisors' / management chat
HEATED = {
    REQUESTER: "气死我了!!!水费又算错了,多扣了我两百块",
    ENGLISH: "This is ridiculous!!! My water bill is wrong again",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_anger_beside_a_matter_alerts_the_supervisors_as_anger_not_as_neglect(
    running: tuple[Emulator, App], user: int
) -> None:
    """Angry words with the matter open its ticket and the supervisors hear of it; the alert
    says the requester is angry, not that nobody handled the ticket (they were never
    ignored: it was just opened)."""
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, HEATED[user])
    await until(lambda: "#1" in said_text(world, user))

    def alerts() -> list[str]:
        return [e.text for e in bot_said(world, MANAGEMENT) if (e.text or "").startswith("📣")]

    await until(lambda: bool(alerts()))
    (alert,) = alerts()
    # The desk writes Chinese (config.yaml), whatever the requester's language.
    assert "强烈不满" in alert and "无人办理" not in alert, alert
    assert HEATED[user] in alert, alert
