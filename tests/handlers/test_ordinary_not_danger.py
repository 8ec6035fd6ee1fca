"""Ordinary repairs that name a danger's words are no emergency (issue 14, a tester's
findings): plaster peeling off a bathroom wall with mould was filed as a collapse (the fire
number, "keep away from the collapse", urgent, 15 minutes), and a stairwell smoke alarm
beeping because its battery is flat as a power cut (the breaker and 95598, "when did the cut
start", the supervisors alerted "含关键词(没电)"). Either, in either language, opens an
ordinary ticket: normal priority, no emergency numbers, no power cut's answer, nobody
alerted. End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.danger import MANAGEMENT, on_to_a_person
from tests.handlers.looks import ticket_no

App = Application  # type: ignore[type-arg]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "text"),
    [
        (REQUESTER, "我家卫生间的墙皮脱落了,墙面发霉,是楼上漏水渗下来的,幸福路4号楼302"),
        (
            ENGLISH,
            "The plaster is falling off my bathroom ceiling and it's all mouldy, "
            "4 Xingfu Road flat 302",
        ),
        (REQUESTER, "楼道里的烟雾报警器一直在响,应该是没电了,吵得睡不着,幸福路4号楼"),
        (
            ENGLISH,
            "The smoke alarm in the stairwell keeps beeping, I think it has no power, "
            "4 Xingfu Road",
        ),
    ],
)
async def test_peeling_plaster_and_a_flat_alarm_open_an_ordinary_ticket(
    running: tuple[Emulator, App], user: int, text: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, text)
    await until(lambda: bool(bot_said(world, user)))
    await until(lambda: any("#1" in e.text or e.buttons for e in bot_said(world, user)))
    if not any("#1" in e.text for e in bot_said(world, user)):
        await on_to_a_person(emulator, user)
    ticket = await ticket_no(application, 1)
    assert ticket is not None
    assert ticket.priority == "normal"
    said = "\n".join(e.text for e in bot_said(world, user))
    assert "119" not in said and "95598" not in said, said
    assert not bot_said(world, MANAGEMENT)
