"""A requester's command typed on a full-width keyboard ("/ｓｔａｔｕｓ", "／ｈｅｌｐ") is carried
out as its ASCII form: their tickets listed, the help given; never taken for a question nor
answered with the greeting (handlers/typed_commands.py). End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.bot.test_full_width_read import full_width
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "matter", "promise", "listed"),
    [
        (
            REQUESTER,
            "小区门口的路灯坏了三天了",
            "工单 #1",
            "您的工单:\n#1「小区门口的路灯坏了三天了」",
        ),
        (
            ENGLISH,
            "The street light outside my door has been broken for three days",
            "ticket #1",
            'Your tickets:\n#1 "The street light outside my door has',
        ),
    ],
)
# "／status": a Chinese keyboard's full-width slash before ASCII letters (a new user's trial).
@pytest.mark.parametrize(
    "command", ["/status", full_width("/status"), "／ＳＴＡＴＵＳ", "／status"]
)
async def test_status_typed_full_width_lists_their_tickets(
    running: tuple[Emulator, App],
    user: int,
    matter: str,
    promise: str,
    listed: str,
    command: str,
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, matter)
    await until(lambda: any(promise in e.text for e in bot_said(world, user)))
    said = len(bot_said(world, user))
    await world.user_sends(user, command)
    await until(lambda: len(bot_said(world, user)) > said)
    (reply,) = bot_said(world, user)[said:]
    assert reply.text.startswith(listed), reply.text
    assert len(await all_tickets(application)) == 1  # no question, nothing filed in #1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "help_says"), [(REQUESTER, "/status"), (ENGLISH, "/status")])
async def test_help_typed_full_width_gives_the_help(
    running: tuple[Emulator, App], user: int, help_says: str
) -> None:
    emulator, _ = running
    world = emulator.world
    await world.user_sends(user, "／ｈｅｌｐ")
    await until(lambda: bool(bot_said(world, user)))
    (reply,) = bot_said(world, user)
    assert help_says in reply.text, reply.text
