"""Issue 14, a fresh tester: words of another matter were taken as more of the one in hand. A
new matter right after a knowledge-base answer inherited the answer's category, department and
title; thanks for a resolution, then "另外" and a street light, was filed into the resolved
ticket; "Also, …" beside an open ticket was added to it; a second question in a first message
was dropped. A careful clerk takes each matter by its own words. End to end over the emulation.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from handlers.context import DeskContext
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until

App = Application  # type: ignore[type-arg]


async def _tickets(application: App) -> list[Ticket]:
    async with DeskContext(application).desk.sessions() as session:
        return list(await session.scalars(select(Ticket).order_by(Ticket.id)))


def _callbacks(line: object) -> list[str]:
    return [b["callback_data"] for row in getattr(line, "buttons", []) for b in row]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "answered", "fault", "old", "new"),
    [
        (
            REQUESTER,
            "社保卡丢了怎么补办?",
            "幸福里3号楼也停电了,冰箱里东西都要坏了",
            "社保卡",
            "停电",
        ),
        (REQUESTER, "居住证怎么办理?", "我们楼的下水道堵了,污水冒出来了", "居住证", "下水道"),
        (
            ENGLISH,
            "How do I replace a lost social security card?",
            "The drain in our building is blocked and sewage is coming up",
            "social security",
            "drain",
        ),
    ],
)
async def test_a_fault_after_an_answer_is_a_matter_of_its_own(
    running: tuple[Emulator, App], requester: int, answered: str, fault: str, old: str, new: str
) -> None:
    """A question answered from the knowledge base, then a fault report: the report is a first
    inquiry of its own, routed by its own words (a fault report, to the utilities), its
    question and title without the answered question's words."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(requester, answered)
    answer = (await bot_lines(emulator, requester, 1))[-1]
    assert any(c.startswith("solved") for c in _callbacks(answer)), answer.text
    await world.user_sends(requester, fault)
    reply = (await bot_lines(emulator, requester, 2))[-1]
    if any(c.startswith("cat:") for c in _callbacks(reply)):
        await world.user_presses(requester, requester, reply.message_id, "cat:fault_report")
        await bot_lines(emulator, requester, 3)
    await until(lambda: _has_ticket(application))
    (ticket,) = await _tickets(application)
    assert old not in ticket.question and new in ticket.question, ticket.question
    assert ticket.category == "fault_report", ticket.category
    assert ticket.department_key == "utilities", ticket.department_key
    assert not any(old in line.text for line in bot_said(world, requester)[1:]), [
        line.text for line in bot_said(world, requester)
    ]


async def _has_ticket(application: App) -> bool:
    return bool(await _tickets(application))
