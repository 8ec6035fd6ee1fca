"""Issue 14, what a requester says after an officer resolved their ticket, read as a careful
clerk would:

- "只修好了一半", "修了一半就走了", "they only fixed part of it": the work said done in part
  is not done. The ticket reopens to the same owner, as "还是没修好" does (only "只修了一半"
  was read so; the others were asked again).
- "路面还是坑坑洼洼的", "the road is still full of holes" after a pothole's repair: "still"
  and a state of the ticket's own thing is that thing not solved, never a new matter.
- "我家燃气表坏了", "燃气灶打不着火": an ordinary fault of a gas appliance tells no danger;
  the gas leak's emergency advice ("turn off the gas main, leave") is for a smell, a leak, a
  hiss told, never for a word of its template's ("煤气") or a fuzzy score alone.

End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]
QUESTION = {ENGLISH: "I want to apply for public rental housing", REQUESTER: "我想申请公租房"}
REOPENED = {REQUESTER: "重新打开", ENGLISH: "reopened"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "gas"),
    [
        (REQUESTER, "我家燃气表坏了", False),
        (REQUESTER, "我家煤气表坏了,不走字", False),
        (REQUESTER, "燃气灶打不着火", False),
        (REQUESTER, "煤气表坏了怎么办", False),
        (REQUESTER, "燃气表坏了", False),
        (REQUESTER, "煤气", False),
        (ENGLISH, "My gas meter is broken", False),
        (REQUESTER, "闻到煤气味", True),
        (REQUESTER, "燃气漏气了", True),
        (REQUESTER, "家里漏气了", True),
    ],
)
async def test_gas_advice_only_when_a_danger_is_told(
    running: tuple[Emulator, App], user: int, text: str, gas: bool
) -> None:
    """The gas leak's advice and an urgent ticket only for a danger told."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) >= 1)
    if gas:
        await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    else:  # whatever comes next (a question, a ticket), it comes without the advice
        await until(lambda: any(e.buttons or "#1" in e.text for e in bot_said(world, user)))
    said = " ".join(e.text for e in bot_said(world, user))
    advised = "gas main" in said or "燃气总阀" in said
    assert advised is gas, said
    for ticket in await all_tickets(application):
        assert (ticket.priority == "urgent") is gas, ticket.priority
