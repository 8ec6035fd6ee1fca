"""Withdrawing a ticket in words right after /new (issue 14): with a street-light ticket open,
"/new" and then "cancel it" (or "取消", or "/new cancel it" on the command's line) was asked
to "say more", and "I want to cancel my ticket" ("我想取消我的工单") taken as a new question
(a "did you mean", the category asked, a complaint ticket opened of it). The same words
without /new ask whether to withdraw the ticket in hand, or, two being worked on, which one;
after /new they do the same: /new begins a new question, it does not make the ticket in hand
unreachable. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets, callbacks_of

App = Application  # type: ignore[type-arg]
FAULT = {
    REQUESTER: "幸福路23号门口的路灯坏了三天了",
    ENGLISH: "The street light outside 23 Xingfu Road has been broken for three days",
}
OTHER = {
    REQUESTER: "我想申请公租房,家里三口人",
    ENGLISH: "I want to apply for public rental housing",
}
ASKED = {REQUESTER: "您是要撤销工单 #1", ENGLISH: "withdraw your request #1"}
WHICH = {REQUESTER: "您是要撤销哪一张", ENGLISH: "Which one do you want to withdraw?"}


async def _opened(emulator: Emulator, user: int, text: str, number: int) -> None:
    world = emulator.world
    count = len(bot_said(world, user))
    await world.user_sends(user, text)
    await until(lambda: any(f"#{number}" in e.text for e in bot_said(world, user)[count:]))


async def _answer(emulator: Emulator, user: int, *texts: str) -> Any:
    """`user` sends each of `texts` in turn; the bot's last message to them after the last."""
    world = emulator.world
    for text in texts:
        count = len(bot_said(world, user))
        await world.user_sends(user, text)
        await bot_lines(emulator, user, count + 1)
    return bot_said(world, user)[-1]


async def _asked_to_withdraw(emulator: Emulator, application: App, user: int, *said: str) -> None:
    asked = await _answer(emulator, user, *said)
    assert ASKED[user] in asked.text, asked.text
    assert callbacks_of(asked) == ["wd:1", "keep:1"]
    assert len(await all_tickets(application)) == 1  # no ticket opened of the words


CANCEL = [
    (ENGLISH, ("/new", "cancel it")),
    (REQUESTER, ("/new", "取消")),
    (ENGLISH, ("/new cancel it",)),
    (REQUESTER, ("/new 取消",)),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "said"), CANCEL)
async def test_cancel_it_after_new_asks_whether_to_withdraw(
    running: tuple[Emulator, App], user: int, said: tuple[str, ...]
) -> None:
    emulator, application = running
    await _opened(emulator, user, FAULT[user], 1)
    await _asked_to_withdraw(emulator, application, user, *said)


MY_TICKET = [
    (ENGLISH, ("I want to cancel my ticket",)),
    (REQUESTER, ("我想取消我的工单",)),
    (ENGLISH, ("/new", "I want to cancel my ticket")),
    (REQUESTER, ("/new", "我想取消我的工单")),
    (ENGLISH, ("/new I want to cancel my ticket",)),
    # A complaint begun after /new, its matter asked for: "cancel my ticket" is no matter of
    # it (a tester's became complaint ticket #2); nor after a question answered beside it.
    (ENGLISH, ("/new", "I want to complain", "I want to cancel my ticket")),
    (REQUESTER, ("/new", "我要投诉", "我想取消我的工单")),
    (REQUESTER, ("/new", "办公时间是几点", "我想取消我的工单")),
    (ENGLISH, ("/new", "How do I withdraw my housing fund?", "I want to cancel my ticket")),
]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(("user", "said"), MY_TICKET)
async def test_cancel_my_ticket_asks_whether_to_withdraw_it(
    running: tuple[Emulator, App], user: int, said: tuple[str, ...]
) -> None:
    """Never a question, a category, or a complaint ticket of the words."""
    emulator, application = running
    await _opened(emulator, user, FAULT[user], 1)
    await _asked_to_withdraw(emulator, application, user, *said)


NOISE = {
    REQUESTER: "楼下广场舞每天晚上十点还在放音乐,太吵了",
    ENGLISH: "My neighbour is very noisy at night",
}
COMPLAINT_WITHDRAWN = {REQUESTER: "撤销我的投诉", ENGLISH: "I want to withdraw my complaint"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_withdrawing_a_complaint_after_new_is_no_new_complaint(
    running: tuple[Emulator, App], user: int
) -> None:
    """A complaint after /new is a new matter, but "撤销我的投诉" withdraws the one in hand."""
    emulator, application = running
    await _opened(emulator, user, NOISE[user], 1)
    await _asked_to_withdraw(emulator, application, user, "/new", COMPLAINT_WITHDRAWN[user])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
async def test_with_two_open_after_new_asks_which(
    running: tuple[Emulator, App], user: int
) -> None:
    emulator, application = running
    await _opened(emulator, user, FAULT[user], 1)
    await _answer(emulator, user, "/new")
    await _opened(emulator, user, OTHER[user], 2)
    which = await _answer(emulator, user, "/new", "cancel it" if user == ENGLISH else "取消")
    assert WHICH[user] in which.text, which.text
    assert callbacks_of(which)[:2] and all(c.startswith("which:") for c in callbacks_of(which)[:2])
    assert len(await all_tickets(application)) == 2
