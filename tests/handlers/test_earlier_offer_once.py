"""A tester's finding: "a live 'did you mean' can open a duplicate ticket". A requester asked
something vague ("户口", "my pension payment did not arrive this month") and was offered "did
you mean"; they asked on and were answered (the same inquiry: both messages carry its
buttons), then asked about another matter, which set that inquiry aside with its buttons
(`offers.set_aside`). *Not solved* under the answer took the older question to a person, in a
ticket; "none of these" pressed afterwards under the older "did you mean" opened a second
ticket with the same question. A careful clerk files one matter once: once the set-aside
inquiry is in a ticket, every message of it loses its buttons, and a press on any of them
says which ticket has it, opening nothing. End to end over the emulation, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import InquiryOffer
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of
from tests.handlers.test_stale_buttons import press, recorded

App = Application  # type: ignore[type-arg]

ASKED = {
    REQUESTER: ["户口", "户口迁移怎么办理", "我的社保卡丢了怎么补办"],
    ENGLISH: [
        "my pension payment did not arrive this month",
        "How do I claim my retirement pension?",
        "How do I replace a lost social security card?",
    ],
}
IN_TICKET = {REQUESTER: "工单 #1", ENGLISH: "ticket #1"}
# A suggestion of the older "did you mean", as its button carried it.
SUGGESTED = {REQUESTER: "kb:hukou-transfer-out", ENGLISH: "kb:pension-retirement-claim"}


async def _said(emulator: Emulator, application: App, user: int, text: str) -> Any:
    """`text` sent; the bot's reply, once recorded as the inquiry's if it carries buttons."""
    world = emulator.world
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: len(bot_said(world, user)) > count)
    reply = bot_said(world, user)[-1]
    if reply.buttons:
        await recorded(application, InquiryOffer, user, reply.message_id)
    return reply


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_none_of_these_under_an_older_offer_in_a_ticket_opens_no_second(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    offered, answered, _ = [await _said(emulator, application, user, t) for t in ASKED[user]]
    assert "human" in callbacks_of(offered) and "human" in callbacks_of(answered)
    assert SUGGESTED[user] in callbacks_of(offered)
    await press(emulator, user, user, answered.message_id, "human")
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    (ticket,) = await all_tickets(application)
    assert ASKED[user][0] in ticket.question and ASKED[user][2] not in ticket.question
    # The older question is in ticket #1: its "did you mean" loses its buttons too.
    await until(lambda: callbacks_of(offered) == [])
    heard = len(bot_said(emulator.world, user))
    for data in ("human", SUGGESTED[user]):
        shown = await press(emulator, user, user, offered.message_id, data)
        assert IN_TICKET[user] in shown, shown
    assert len(await all_tickets(application)) == 1
    assert not any("#2" in e.text for e in bot_said(emulator.world, user)[heard:])


# "Did you mean" live, then the same matter handed over in words before any press: a
# complaint about it, a person asked for, or the question written on until a person takes it.
VAGUE = {REQUESTER: "户口", ENGLISH: "my pension payment did not arrive this month"}
THEN = {
    REQUESTER: [
        ["我要投诉,户口迁移的事办了三个月还没办好,窗口工作人员态度很差"],
        ["人工"],
    ],
    ENGLISH: [
        [
            "I want to complain, my pension payment did not arrive and nobody at the office"
            " answers the phone"
        ],
        ["human"],
        ["it still has not arrived"],
    ],
}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "then"), [(user, then) for user, runs in THEN.items() for then in runs]
)
async def test_an_offer_pressed_after_its_matter_is_in_a_ticket_says_which(
    running: tuple[Emulator, App], user: int, then: list[str]
) -> None:
    """The offer's words went into ticket #1 with what followed them: its buttons go, and a
    press under it ("none of these", a suggestion that needs a person or not) says the
    question is in ticket #1, in the requester's language, opening nothing."""
    emulator, application = running
    offered = await _said(emulator, application, user, VAGUE[user])
    suggested = [d for d in callbacks_of(offered) if d.startswith("kb:")]
    assert suggested and "human" in callbacks_of(offered)
    for text in then:
        await _said(emulator, application, user, text)
    await until(lambda: any("#1" in e.text for e in bot_said(emulator.world, user)))
    (ticket,) = await all_tickets(application)
    assert VAGUE[user] in ticket.question
    await until(lambda: callbacks_of(offered) == [])
    for data in ("human", *suggested):
        shown = await press(emulator, user, user, offered.message_id, data)
        assert IN_TICKET[user] in shown, shown
    assert len(await all_tickets(application)) == 1
