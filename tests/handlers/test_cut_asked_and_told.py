"""Issue 14, a tester: "是不是停水了?幸福里3号楼一点水都没有" (a question whether the water is
off, then the fact: none at all) opened a ticket at "normal", while "幸福里3号楼停水了,一点水
都没有" is urgent: the question was read, the fact ("一点水都没有", the supply before "none")
was not. A clerk hears the cut told beside the question and handles it as the plain report:
the same priority, category and promise. The question alone stays a question. End to end
over the emulation, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets, said_text, ticket_no

App = Application  # type: ignore[type-arg]
OTHER = 900300  # a second requester, who tells the cut plainly


async def _opened(world: Any, application: App, user: int, text: str, number: int) -> Any:
    await world.user_sends(user, text)
    await until(lambda: f"#{number}" in said_text(world, user))
    ticket = await ticket_no(application, number)
    assert ticket is not None
    return ticket


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "language", "plain", "asked"),
    [
        (
            REQUESTER,
            "zh",
            "幸福里3号楼停水了,一点水都没有",
            "是不是停水了?幸福里5号楼一点水都没有",
        ),
        (REQUESTER, "zh", "幸福里3号楼停水了", "是不是停水了?幸福里5号楼水龙头不出水"),
        (REQUESTER, "zh", "幸福里3号楼停电了", "是不是停电了?幸福里5号楼家里一点电都没有"),
        (
            ENGLISH,
            "en",
            "The water is off in building 3 of Xingfu Li",
            "Is the water off? There's no water at all in building 5 of Xingfu Li",
        ),
        (
            ENGLISH,
            "en",
            "The water is off in building 3 of Xingfu Li",
            "Is the water off? Not a drop of water in building 5 of Xingfu Li",
        ),
    ],
)
async def test_a_cut_told_after_asking_whether_it_is_on_is_handled_as_the_cut(
    running: tuple[Emulator, App], user: int, language: str, plain: str, asked: str
) -> None:
    emulator, application = running
    world = emulator.world
    world.add_user(OTHER, "Plain", language)
    told = await _opened(world, application, OTHER, plain, 1)
    assert told.priority == "urgent", told.priority
    ticket = await _opened(world, application, user, asked, 2)
    assert (ticket.priority, ticket.category) == (told.priority, told.category), ticket
    assert ticket.first_response_due_at == told.first_response_due_at
    assert ticket.resolution_due_at == told.resolution_due_at


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "asked"), [(REQUESTER, "是不是停水了?"), (ENGLISH, "Is the water off?")]
)
async def test_the_question_alone_stays_a_question(
    running: tuple[Emulator, App], user: int, asked: str
) -> None:
    emulator, application = running
    world = emulator.world
    await world.user_sends(user, asked)
    await until(lambda: bool(bot_said(world, user)))
    assert not any(t.priority == "urgent" for t in await all_tickets(application))
