"""A danger to people told on the recurrence path (issue 14, SPEC rule 9): a requester replies
(in Telegram) to a message of their closed ticket with a gas smell or someone trapped. The
recurrence's ticket opened as any other (normal priority, no mark, no numbers first): the
danger reading was skipped there. Every path that opens or reopens a ticket from a
requester's words reads it: urgent, the card marked ⚠️, the emergency numbers told first.
End to end over the emulation, in each language."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import TicketStatus
from emulator.server import Emulator
from tests.handlers.closing import a_closed_ticket
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_said,
    only_topic,
    until,
)
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
OFFICER = 100101
OFFICERS_WORDS = "您好,我是王芳,材料清单已发给您"
DANGER = {
    REQUESTER: "王芳,楼道里又有很浓的煤气味了",
    ENGLISH: "Wang Fang, there is a strong smell of gas in the stairwell again",
}
NUMBERS_FIRST = {REQUESTER: "燃气抢修", ENGLISH: "Gas emergency"}
MARK = "⚠️ 危险"  # the staff's language: the card's head


async def _closed(emulator: Emulator, application: App, user: int) -> int:
    """Ticket #1 of `user`, answered by its officer, resolved and rated: the officer's message
    in their chat, to reply to."""
    world = emulator.world
    theirs = await a_closed_ticket(emulator, application, user, OFFICERS_WORDS)
    resolution = next(e for e in bot_said(world, user) if "已发材料清单" in e.text)
    await until(
        lambda: "#1" in bot_said(world, user)[-1].text and resolution != bot_said(world, user)[-1]
    )
    return theirs.message_id


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_danger_told_as_a_recurrence_is_an_emergency(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    replied_to = await _closed(emulator, application, user)
    heard, cards = len(bot_said(world, user)), len(bot_said(world, GENERAL_GROUP))
    await world.user_sends(user, DANGER[user], reply_to=replied_to)
    await until(lambda: any("#2" in e.text for e in bot_said(world, GENERAL_GROUP)[cards:]))
    ticket = await ticket_no(application, 2)
    assert ticket is not None and ticket.priority == "urgent", ticket and ticket.priority
    card = next(e.text for e in bot_said(world, GENERAL_GROUP)[cards:] if "#2" in e.text)
    assert card.startswith(MARK), card
    # The numbers first, those for a gas smell leading them, then the ticket's promise.
    await until(lambda: any("#2" in e.text for e in bot_said(world, user)[heard:]))
    said = [e.text for e in bot_said(world, user)[heard:]]
    assert NUMBERS_FIRST[user] in said[0] and "96777" in said[0], said


STAFF = {"general": (100101, -1000000000101), "utilities": (100301, -1000000000103)}
STOVE = {
    REQUESTER: "我家燃气灶点不着火,请派人来修",
    ENGLISH: "My gas stove will not light, please send someone",
}
STILL = {
    REQUESTER: "还是没解决,燃气灶那边现在有很浓的煤气味",
    ENGLISH: "Not solved, and now there is a strong smell of gas at the stove",
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_a_danger_told_in_not_solved_words_reopens_it_urgent(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, STOVE[user])
    await until(lambda: bool(bot_said(world, user)))
    asked = bot_said(world, user)[-1]
    await world.user_presses(user, user, asked.message_id, "cat:fault_report")
    await until(lambda: ticket_no(application, 1))
    first = await ticket_no(application, 1)
    assert first is not None
    officer, group = STAFF[first.handling_department_key]
    await until(lambda: any("#1" in e.text for e in bot_said(world, group)))
    card = next(e for e in bot_said(world, group) if "#1" in e.text)
    await world.user_presses(officer, group, card.message_id, "claim:1")
    topic = await only_topic(world, group)
    await world.user_sends(officer, "/resolve 已更换点火器", group, topic.thread_id)
    await until(lambda: any("已更换点火器" in e.text for e in bot_said(world, user)))
    heard = len(bot_said(world, user))
    await world.user_sends(user, STILL[user])

    async def reopened() -> bool:
        ticket = await ticket_no(application, 1)
        return ticket is not None and ticket.status is TicketStatus.CLAIMED

    await until(reopened)
    await until(lambda: len(bot_said(world, user)) >= heard + 2)
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent", ticket and ticket.priority
    said = [e.text for e in bot_said(world, user)[heard:]]
    assert "96777" in said[0], said
