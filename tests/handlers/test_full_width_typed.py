"""Words typed on a full-width keyboard (a Chinese phone keyboard in full-width mode: "ｈｕｍａｎ",
"Ｔｈｅ　ｓｔｒｅｅｔ　ｌｉｇｈｔ…", "ｔｉｃｋｅｔ ＃１") are read as their half-width form
(bot/reading.py): "ｈｕｍａｎ" reaches a person as "human" does, a full-width question is
answered and routed as its half-width form, a ticket's number typed full-width names that
ticket; what they typed is kept as typed. End to end over the emulation, both languages."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.bot.test_full_width_read import full_width
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.looks import all_tickets, filed_texts
from tests.handlers.test_whose_answered import _linked

App = Application  # type: ignore[type-arg]
UTILITIES_GROUP = -1000000000103


async def _filed(application: App, words: str) -> bool:
    return words in await filed_texts(application, 1)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "typed", "asked"),
    [
        (ENGLISH, "human", "I will pass you to a person. First, what is it about?"),
        (ENGLISH, full_width("human"), "I will pass you to a person. First, what is it about?"),
        (
            ENGLISH,
            full_width("I want to talk to a person"),
            "I will pass you to a person. First, what is it about?",
        ),
        (REQUESTER, full_width("human"), "马上为您转人工。请先用一两句话说说是什么事"),
        (REQUESTER, full_width("HUMAN"), "马上为您转人工。请先用一两句话说说是什么事"),
    ],
)
async def test_full_width_human_reaches_a_person_as_human_does(
    running: tuple[Emulator, App], user: int, typed: str, asked: str
) -> None:
    emulator, application = running
    await emulator.world.user_sends(user, typed)
    (reply,) = await bot_lines(emulator, user, 1)
    assert asked in reply.text and reply.buttons == []
    assert await all_tickets(application) == []  # asked the matter first, as for "human"


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("full", [False, True], ids=["half-width", "full-width"])
@pytest.mark.parametrize(
    ("user", "question", "promise"),
    [
        (
            ENGLISH,
            "The street light outside my door has been broken for three days",
            "ticket #1",
        ),
        (REQUESTER, "和平小区3号楼停电了，整栋楼都没电 help", "工单 #1"),
    ],
)
async def test_a_full_width_question_is_matched_like_its_half_width_form(
    running: tuple[Emulator, App], user: int, question: str, promise: str, full: bool
) -> None:
    emulator, application = running
    world = emulator.world
    typed = full_width(question) if full else question
    await world.user_sends(user, typed)
    await until(lambda: any(promise in e.text for e in bot_said(world, user)))
    assert not any(
        e.buttons and "did you mean" in e.text.casefold() for e in bot_said(world, user)
    )
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == ("fault_report", "utilities")
    assert ticket.question == typed  # kept as typed
    (card,) = await bot_lines(emulator, UTILITIES_GROUP, 1)
    assert typed in card.text


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("full", [False, True], ids=["half-width", "full-width"])
async def test_a_ticket_number_typed_full_width_names_the_ticket(
    running: tuple[Emulator, App], full: bool
) -> None:
    """Words beside ticket #1 that name it and another thing are asked about ("about ticket
    #1, or a new matter?") whether typed half-width or full-width, and the ticket's number
    typed in answer, either way, files them in #1."""
    emulator, application = running
    world = emulator.world
    typed = full_width if full else str
    await world.user_sends(
        ENGLISH, "The street light outside my door has been broken for three days"
    )
    await until(lambda: any("ticket #1" in e.text for e in bot_said(world, ENGLISH)))
    said = len(bot_said(world, ENGLISH))
    words = typed("ticket #1: the rubbish bins next to it are full too")
    await world.user_sends(ENGLISH, words)
    await until(lambda: len(bot_said(world, ENGLISH)) > said)
    (question,) = bot_said(world, ENGLISH)[said:]
    assert "Is this about ticket #1, or a new matter?" in question.text, question.text
    await until(lambda: _linked(application, ENGLISH, question.message_id))
    await world.user_sends(ENGLISH, typed("ticket 1"))
    await until(lambda: _filed(application, words))
    assert "#1" in bot_said(world, ENGLISH)[-1].text
    assert len(await all_tickets(application)) == 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    "text", ["你们几点上班?另外社保卡丢了怎么补?", "你们几点上班？另外社保卡丢了怎么补？"]
)
async def test_two_questions_with_full_width_marks_are_both_answered(
    running: tuple[Emulator, App], text: str
) -> None:
    """ "？" parts two questions as "?" does (bot/intake/second.py read only ASCII marks): the
    hours and the lost card are both answered, no ticket."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(REQUESTER, text)
    await until(lambda: any("挂失" in e.text for e in bot_said(world, REQUESTER)))
    said = " ".join(e.text for e in bot_said(world, REQUESTER))
    assert "9:00" in said, said
    assert await all_tickets(application) == []
