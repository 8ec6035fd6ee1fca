"""A yes typed under the question whether to withdraw a ticket withdraws it as its Withdraw
button does: "嗯,撤了吧", "撤吧", "yes withdraw", "please withdraw" were filed into the ticket as
more words, the ticket left open and the question's buttons standing. "撤离" (evacuate) is no
yes: it stays words to the ticket, the question standing. End to end over the emulation."""

from __future__ import annotations

import asyncio

import pytest
from telegram.ext import Application

from bot.models import CloseReason, TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, GENERAL_GROUP, REQUESTER, bot_lines, bot_said, until
from tests.handlers.test_withdraw_answered_in_words import _asked, _buttons, _ticket

App = Application  # type: ignore[type-arg]
OPENING = {REQUESTER: "我想申请公租房", ENGLISH: "The street light outside number 23 is broken"}
WITHDRAWING = {REQUESTER: "算了,不用了", ENGLISH: "never mind, cancel it"}
WITHDRAWN = {REQUESTER: "工单 #1 已撤销并关闭", ENGLISH: "#1 is withdrawn and closed"}


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("who", "said"),
    [
        (REQUESTER, "嗯,撤了吧"),
        (REQUESTER, "撤吧"),
        (ENGLISH, "yes withdraw"),
        (ENGLISH, "please withdraw"),
    ],
)
async def test_a_typed_yes_withdraws_as_the_button_does(
    running: tuple[Emulator, App], who: int, said: str
) -> None:
    emulator, application = running
    asked, heard = await _asked(running, who, OPENING[who], WITHDRAWING[who])
    await emulator.world.user_sends(who, said)
    told = (await bot_lines(emulator, who, heard + 1))[-1]
    assert WITHDRAWN[who] in told.text, told.text
    ticket = await _ticket(application)
    assert (ticket.status, ticket.close_reason) == (TicketStatus.CLOSED, CloseReason.WITHDRAWN)
    await until(lambda: not _buttons(emulator, who, asked.message_id))


@pytest.mark.parametrize("store", ["sqlite"])
async def test_evacuate_is_no_yes(running: tuple[Emulator, App]) -> None:
    emulator, application = running
    world = emulator.world
    asked, _ = await _asked(running, REQUESTER, OPENING[REQUESTER], WITHDRAWING[REQUESTER])
    card = bot_said(world, GENERAL_GROUP)[0].message_id
    await world.user_sends(REQUESTER, "楼里的人要撤离吗")
    await until(lambda: "撤离" in world.find(GENERAL_GROUP, card)["text"])
    await asyncio.sleep(0.3)  # anything it would have done, done
    assert (await _ticket(application)).status is not TicketStatus.CLOSED
    assert _buttons(emulator, REQUESTER, asked.message_id)
