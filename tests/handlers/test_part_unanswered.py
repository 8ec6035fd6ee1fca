"""Two questions in one message, the knowledge base answering one and not the other (issue 14:
"你们几点上班?另外…" answered the hours and said nothing of the rest): the requester gets the
answer it has, is told plainly which question could not be answered, and a person takes that
one, as any question the knowledge base cannot answer (a ticket, or the category asked first);
the ticket carries both. Either order, both languages. End to end over the emulation."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from bot.models import Ticket
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_said, until
from tests.handlers.looks import all_tickets

App = Application  # type: ignore[type-arg]

HOURS = {REQUESTER: "你们几点上班?", ENGLISH: "What are your opening hours?"}
OPEN = {REQUESTER: "9:00", ENGLISH: "9:00"}
ODD = {
    REQUESTER: "我家的鹦鹉可以带进市民服务中心吗?",
    ENGLISH: "can I bring my parrot into the service centre?",
}
ALSO = {REQUESTER: "另外", ENGLISH: " Also, "}


def _categories(world: Any, user: int) -> Any:
    return next(
        (
            e
            for e in bot_said(world, user)
            if any(b["callback_data"].startswith("cat:") for row in e.buttons or [] for b in row)
        ),
        None,
    )


async def _ticket_taken(emulator: Emulator, application: App, user: int) -> Ticket:
    """The ticket a person takes the unanswered question in (the category chosen first when
    the bot asks for it)."""
    world = emulator.world

    async def handed() -> bool:
        return bool(await all_tickets(application)) or _categories(world, user) is not None

    await until(handed)
    asked = _categories(world, user)
    if asked is not None:
        await world.user_presses(user, user, asked.message_id, "cat:consultation")
    await until(lambda: all_tickets(application))
    (ticket,) = await all_tickets(application)
    return ticket


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("user", [REQUESTER, ENGLISH])
@pytest.mark.parametrize("answerable_first", [True, False])
async def test_the_part_not_answered_is_named_and_taken_by_a_person(
    running: tuple[Emulator, App], user: int, answerable_first: bool
) -> None:
    emulator, application = running
    world = emulator.world
    first, second = (HOURS, ODD) if answerable_first else (ODD, HOURS)
    text = f"{first[user]}{ALSO[user]}{second[user]}"
    await world.user_sends(user, text)
    ticket = await _ticket_taken(emulator, application, user)
    odd = ODD[user].rstrip("?").rstrip("?")
    # The ticket is stored before its replies are sent: wait for the one naming the part.
    await until(
        lambda: any(odd in e.text and OPEN[user] not in e.text for e in bot_said(world, user))
    )
    said = [e.text for e in bot_said(world, user)]
    # The hours answered; the other question named, in their words, as not answered here.
    assert any(OPEN[user] in t for t in said)
    named = [t for t in said if odd in t and OPEN[user] not in t]
    assert named, said
    assert ("无法直接答复" if user == REQUESTER else "cannot answer") in named[0]
    # The ticket carries both questions: nothing of theirs dropped.
    assert odd in ticket.question and HOURS[user].rstrip("?").rstrip("?") in ticket.question
