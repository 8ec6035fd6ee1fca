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

from bot.models import TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, DeskClock, bot_said, until
from tests.handlers.looks import all_tickets, filed_texts
from tests.handlers.test_after_resolution import OFFICER, _resolved
from tests.handlers.test_runs_two_tickets import MINUTE, Side

App = Application  # type: ignore[type-arg]
QUESTION = {ENGLISH: "I want to apply for public rental housing", REQUESTER: "我想申请公租房"}
REOPENED = {REQUESTER: "重新打开", ENGLISH: "reopened"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words"),
    [
        (REQUESTER, "只修好了一半"),
        (REQUESTER, "只弄好了一半"),
        (REQUESTER, "修了一半就走了"),
        (REQUESTER, "修好了,不过只修好了一半"),
        (ENGLISH, "only half of it was fixed"),
        (ENGLISH, "they only fixed part of it"),
    ],
)
async def test_work_done_in_part_reopens_to_the_same_owner(
    running: tuple[Emulator, App], requester: int, words: str
) -> None:
    """Done in part: reopened to its owner, who reads the words in the topic; never closed."""
    emulator, application = running
    world = emulator.world
    thread, heard = await _resolved(emulator, requester, QUESTION[requester])
    await world.user_sends(requester, words)
    await until(lambda: len(bot_said(world, requester)) > heard)
    told = bot_said(world, requester)[heard:]
    assert any(REOPENED[requester] in e.text for e in told), [e.text for e in told]
    (ticket,) = await all_tickets(application)
    assert ticket.status is TicketStatus.CLAIMED and ticket.owner_id == OFFICER
    assert ticket.reopen_count == 1
    await until(
        lambda: any(
            words in e.text and e.thread_id == thread for e in world.transcripts[GENERAL_GROUP]
        )
    )


POTHOLE = {REQUESTER: "我家门口的路上有个大坑", ENGLISH: "There is a big pothole in the road"}
FILLED = {REQUESTER: "坑已填平", ENGLISH: "The pothole was filled"}
STILL_HOLES = {
    REQUESTER: ["路面还是坑坑洼洼的", "路面仍然坑坑洼洼", "修好了,但是路面还是坑坑洼洼的"],
    ENGLISH: [
        "the road is still full of holes",
        "The road surface is still bumpy",
        "Fixed, but the road is still full of holes",
    ],
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "words"), [(user, words) for user, said in STILL_HOLES.items() for words in said]
)
async def test_the_road_still_full_of_holes_reopens_the_pothole(
    running: tuple[Emulator, App], desk_clock: DeskClock, user: int, words: str
) -> None:
    """The pothole's ticket reopens to its owner, the words filed there; no other ticket."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, user)
    road = await side.opened(POTHOLE[user], 1)
    side.clock.now += MINUTE
    count = len(side.heard())
    await side.world.user_sends(road[0], f"/resolve {FILLED[user]}", road[1], road[2])
    await side.hears(count, FILLED[user])
    said = await side.says(words)
    try:
        await side.hears(said, REOPENED[user])
    except AssertionError:
        raise AssertionError(await all_tickets(application)) from None
    (ticket,) = await all_tickets(application)
    assert ticket.status is TicketStatus.CLAIMED and ticket.reopen_count == 1
    assert ticket.owner_id == road[0]
    assert words in await filed_texts(application, 1)


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
