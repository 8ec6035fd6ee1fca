"""Issue 14, "yes, solved, but" another thing: after an officer's /resolve of a street light,
the requester says it works ("Yes that one works now, thanks.", "解决了") and then, after
"but", tells another thing wrong ("the traffic light at the Jianshe Road crossing has been
stuck on red since yesterday", "我家门口的井盖也松了"). A clerk records the confirmation and
takes the other thing up as a first inquiry of its own, never filed into the resolved ticket.
Over the emulation."""

from __future__ import annotations

import pytest

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, until
from tests.handlers.looks import all_tickets, filed_texts
from tests.handlers.test_runs_two_tickets import Side
from tests.handlers.test_solved_but_new_thing import (
    App,
    _confirmed,
    _opened,
    _pending,
    _resolve,
)

YES_BUT = [
    (
        ENGLISH,
        "The street light outside 12 Xingfu Road is broken",
        "Yes that one works now, thanks. But the traffic light at the Jianshe Road crossing"
        " has been stuck on red since yesterday",
        "traffic light",
    ),
    (REQUESTER, "幸福路12号门口的路灯坏了", "解决了,但是我家门口的井盖也松了", "井盖"),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "first", "words", "thing"), YES_BUT)
async def test_yes_solved_but_another_thing_confirms_and_is_its_own_inquiry(
    running: tuple[Emulator, App],
    desk_clock: DeskClock,
    user: int,
    first: str,
    words: str,
    thing: str,
) -> None:
    """#1 confirmed (never reopened, never asked again); the other thing a first inquiry of
    its own (its words waiting in the inquiry, or a new ticket's question), not filed in #1."""
    emulator, application = running
    side = Side(emulator, application, desk_clock, user)
    opened = await _opened(side, first, 1)
    await _resolve(side, opened, "Done")
    said = await side.says(words)
    await _confirmed(side, said, user)
    assert not any(thing in t for t in await filed_texts(application, 1))

    async def taken_up() -> bool:
        tickets = await all_tickets(application)
        pending = await _pending(application, user)
        return thing in pending or any(thing in t.question for t in tickets[1:])

    try:
        await until(taken_up)
    except TimeoutError:
        raise AssertionError(
            (await _pending(application, user), await all_tickets(application))
        ) from None
