"""First-inquiry responsibility across a recurrence (issue 14): a requester replying to a closed
ticket's message ("王芳你好,上次的问题又出现了…") brings its matter back; within config
`closure.recurrence_window` of its closing, the new ticket is its former owner's at once (they
are told in private, the requester who has it), not left in the queue for another officer to
claim; later, it waits in the department's queue, its card linking the old ticket. End to end
over the emulation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.ext import Application

from bot.models import Ticket, TicketStatus
from emulator.server import Emulator
from tests.handlers.closing import answered_and_closed
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    DeskClock,
    bot_lines,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
# the owner as the requester reads them: in their language
WANG_FANG = {REQUESTER: "王芳", ENGLISH: "Wang Fang"}
OFFICER = 100101  # 王芳
QUESTION = {REQUESTER: "我想申请公租房", ENGLISH: "I want to apply for public rental housing"}
AGAIN = {
    REQUESTER: "王芳你好,上次的问题又出现了,系统又报错了",
    ENGLISH: "Hello Wang Fang, the problem from last time is back, the system errors again",
}


async def _closed_then_again(
    emulator: Emulator, application: App, requester: int, clock: DeskClock, later: timedelta
) -> tuple[Ticket, int]:
    """Ticket #1 claimed by 王芳, answered, resolved and rated (closed); `later` on, the
    requester replies to her message with the matter again: ticket #2 (and how many lines the
    requester had before)."""
    world = emulator.world
    await world.user_sends(requester, QUESTION[requester])
    (line,) = await bot_lines(emulator, requester, 1)
    if "cat:" in str(line.buttons):
        await world.user_presses(requester, requester, line.message_id, "cat:service_request")
    await until(lambda: bool(bot_said(world, GENERAL_GROUP)))
    card = bot_said(world, GENERAL_GROUP)[0]
    await world.user_presses(OFFICER, GENERAL_GROUP, card.message_id, "claim:1")
    topic = await only_topic(world, GENERAL_GROUP)
    words = "材料清单已发给您" if requester == REQUESTER else "The list of documents is sent"
    theirs = await answered_and_closed(emulator, application, requester, topic, words)
    clock.now += later
    before = len(bot_said(world, requester))
    await world.user_sends(requester, AGAIN[requester], reply_to=theirs.message_id)
    await until(lambda: ticket_no(application, 2))
    ticket = await ticket_no(application, 2)
    assert ticket is not None and ticket.question == AGAIN[requester]
    return ticket, before


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_recurrence_goes_back_to_its_former_owner(
    running: tuple[Emulator, App], desk_clock: DeskClock, requester: int
) -> None:
    emulator, application = running
    world = emulator.world
    told = len(bot_said(world, OFFICER))
    ticket, before = await _closed_then_again(
        emulator, application, requester, desk_clock, timedelta(days=3)
    )
    assert ticket.owner_id == OFFICER and ticket.status is TicketStatus.CLAIMED
    # 王芳 is told in private, naming the closed ticket and the new one, with the words.
    await until(
        lambda: any(
            "#2" in e.text and "#1" in e.text and AGAIN[requester] in e.text
            for e in bot_said(world, OFFICER)[told:]
        )
    )

    # The requester learns who has it, after the promise that registers it (as a new
    # ticket's requester hears it: registered first, then who handles it).
    def heard() -> list[str]:
        return [e.text for e in bot_said(world, requester)[before:]]

    owner_name = WANG_FANG[requester]

    def both() -> bool:
        return any(owner_name in t for t in heard()) and any(
            "#2" in t and owner_name not in t for t in heard()
        )

    await until(both)
    promise = next(i for i, t in enumerate(heard()) if "#2" in t and owner_name not in t)
    owner = next(i for i, t in enumerate(heard()) if owner_name in t)
    assert promise < owner, heard()
    # Its owner works it in its own topic, opened at once as on a claim (a tester's 王芳 could
    # answer only by replying to the card until the requester wrote again).
    await until(lambda: len(world.chats[GENERAL_GROUP].topics) == 2)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_recurrence_after_the_window_waits_in_the_queue_linked(
    running: tuple[Emulator, App], desk_clock: DeskClock
) -> None:
    emulator, application = running
    world = emulator.world
    cards = len(bot_said(world, GENERAL_GROUP))
    ticket, _ = await _closed_then_again(
        emulator, application, REQUESTER, desk_clock, timedelta(days=45)
    )
    assert ticket.owner_id is None and ticket.status is TicketStatus.OPEN
    await until(lambda: any("#2" in e.text for e in bot_said(world, GENERAL_GROUP)[cards:]))
    card = next(e for e in bot_said(world, GENERAL_GROUP)[cards:] if "#2" in e.text)
    assert "#1" in card.text, card.text
