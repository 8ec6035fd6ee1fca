"""Issue 14, a fresh tester: follow-ups on a housing fund (公积金) or social security (社保)
matter went to the General department: after the answer of a fund template, "查不到怎么回事"
or "it says my account is frozen" were taken for new matters (or the ticket's department
looked for in their words alone), and a question naming 公积金 that no template came close
to had nothing to route it. A follow-up of an answered matter goes where the answered
template's department is (unless refused: test_rejected_routing.py); a question
naming a topic the knowledge base's keywords place in one department, nothing refused, goes
there. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]


async def _step(world: Any, user: int, step: str) -> None:
    """Send `step` (or press the button whose data follows "press:" under the bot's latest
    message) and wait for the bot's next message."""
    count = len(bot_said(world, user))
    if step.startswith("press:"):
        latest = next(e for e in reversed(bot_said(world, user)) if e.buttons)
        await world.user_presses(user, user, latest.message_id, step.removeprefix("press:"))
    else:
        await world.user_sends(user, step)
    await until(lambda: len(bot_said(world, user)) > count)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "steps", "not_said"),
    [
        (REQUESTER, ["公积金", "press:kb:fund-balance", "查不到怎么回事", "人工"], None),
        (
            ENGLISH,
            ["How do I check my housing fund balance?", "it says my account is frozen", "human"],
            None,
        ),
        (REQUESTER, ["社保卡丢了怎么办", "补办要多久", "人工"], "户口簿"),
        (REQUESTER, ["公积金的事情我想当面找人谈谈", "press:cat:consultation"], None),
        (
            ENGLISH,
            # A person asked for by the matter's name: the ticket opens at once (its kind told).
            ["I want to talk to someone in person about my housing fund"],
            None,
        ),
    ],
)
async def test_a_housing_fund_or_social_security_follow_up_goes_to_social_security(
    running: tuple[Emulator, App], user: int, steps: list[str], not_said: str | None
) -> None:
    emulator, application = running
    world = emulator.world
    for step in steps:
        await _step(world, user, step)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    (ticket,) = await all_tickets(application)
    assert ticket.department_key == "social_security", ticket.question
    if not_said is not None:  # "补办要多久" is the social security card's, not the ID card's
        assert not any(not_said in e.text for e in bot_said(world, user)[1:])
