"""A tester's first messages (no ticket open) that got the category question, end to end over
the emulation (bot/harm_words.py): "我吞了半瓶安眠药" (sleeping pills swallowed), "my 4 year old
is missing at the Central Park, please help" and "我被骗了，刚转了5万块给一个自称公安的人" (5万
just sent to a fake policeman) each now open an urgent ticket at once, the numbers told first
(the ambulance for the pills, then the crisis line: an overdose taken; the police for the
child and the swindle, with the bank to call to stop the transfer), no category buttons, the
supervisors alerted. A package missing and a 10-yuan phone-bill trick to complain of stay
ordinary."""

from __future__ import annotations

import re

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.danger import no_emergency
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]
MANAGEMENT = -1000000000900


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text", "named", "advice"),
    [
        (REQUESTER, "我吞了半瓶安眠药", ["120", "12356", "110"], "不要催吐"),
        (ENGLISH, "my 4 year old is missing at the Central Park, please help", ["110"], ""),
        (REQUESTER, "我被骗了，刚转了5万块给一个自称公安的人", ["110"], "银行止付"),
    ],
)
async def test_a_testers_first_message_is_urgent_at_once(
    running: tuple[Emulator, App], user: int, text: str, named: list[str], advice: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)

    async def opened() -> bool:
        return await ticket_no(application, 1) is not None

    await until(opened)
    await until(lambda: any("#1" in e.text for e in bot_said(world, user)))
    ticket = await ticket_no(application, 1)
    assert ticket is not None and ticket.priority == "urgent"
    said = bot_said(world, user)
    listed = [line for line in said[0].text.splitlines() if line.startswith("·")]
    assert [re.findall(r"\d+", line)[-1] for line in listed] == named, listed
    assert advice in said[0].text, said[0].text
    assert not [line for line in said if line.buttons]
    alert = await bot_lines(emulator, MANAGEMENT, 1)
    assert any("#1" in line.text for line in alert)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [(ENGLISH, "my package is missing"), (REQUESTER, "我被骗了十块钱的话费怎么投诉")],
)
async def test_a_package_missing_or_a_small_trick_is_no_emergency(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    await no_emergency(emulator, application, user, text)
