"""A new matter is never lost in an old one (issue 14, "the first inquiry loses nothing"),
end to end over the emulation: a question of another matter asked in an open ticket's chat, or
while a resolution awaits the requester's word, is answered from the knowledge base as it is
for anyone else (the ticket and its confirmation untouched); words about the ticket still go
to it; thanks closing an answered matter do not carry it into the next one; /new with the
question on the same line takes it."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import (
    ENGLISH,
    GENERAL_GROUP,
    REQUESTER,
    bot_lines,
    until,
)
from tests.handlers.fire_lane import a_claimed_complaint, a_resolved_complaint
from tests.handlers.looks import all_tickets, callbacks_of

App = Application  # type: ignore[type-arg]
FUND = {REQUESTER: "公积金怎么提取?", ENGLISH: "How do I withdraw my housing fund?"}
DETAIL = {REQUESTER: "车现在还停在那里", ENGLISH: "The cars are still there now"}


def _in_topic(emulator: Emulator, thread: int) -> list[str]:
    return [
        e.text or ""
        for e in emulator.world.transcripts.get(GENERAL_GROUP, [])
        if e.thread_id == thread
    ]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize("requester", [REQUESTER, ENGLISH])
async def test_a_question_of_another_matter_in_an_open_tickets_chat_is_answered(
    running: tuple[Emulator, App], requester: int
) -> None:
    """Ticket #1 is a fire-lane complaint; "公积金怎么提取?" is answered from the knowledge
    base, with its buttons, and is not filed in the fire-lane topic; details of the complaint
    still go to the ticket."""
    emulator, application = running
    world = emulator.world
    thread, heard = await a_claimed_complaint(emulator, requester)
    await world.user_sends(requester, FUND[requester])
    answer = (await bot_lines(emulator, requester, heard + 1))[-1]
    assert "#1" not in answer.text
    assert any(c.startswith("solved") or "human" in c for c in callbacks_of(answer)), answer
    assert all(FUND[requester] not in t for t in _in_topic(emulator, thread))
    # Words about the complaint still reach its ticket and its topic.
    await world.user_sends(requester, DETAIL[requester])
    filed = (await bot_lines(emulator, requester, heard + 2))[-1]
    assert "#1" in filed.text
    await until(lambda: any(DETAIL[requester] in t for t in _in_topic(emulator, thread)))
    (ticket,) = await all_tickets(application)
    assert ticket.status is TicketStatus.CLAIMED


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "not_solved"),
    [
        (
            REQUESTER,
            "谢谢师傅。对了,我还想问一下社保卡丢了怎么补办?",
            "还是没解决,车还是堵着",
        ),
        (
            ENGLISH,
            "Thanks! By the way, I lost my social security card, how do I get a new one?",
            "No, it is still not solved, the cars are still there",
        ),
    ],
)
async def test_a_new_question_after_a_resolution_is_answered_and_the_resolution_waits(
    running: tuple[Emulator, App], requester: int, words: str, not_solved: str
) -> None:
    """After /resolve, a question of another matter is answered; the ticket still awaits the
    requester's word (resolved, not asked again), and "not solved" still reopens it."""
    emulator, application = running
    world = emulator.world
    _, heard = await a_resolved_complaint(emulator, requester)
    await world.user_sends(requester, words)
    heard += 1
    answer = (await bot_lines(emulator, requester, heard))[-1]
    assert "#1" not in answer.text and "reopen:1" not in callbacks_of(answer)
    (ticket,) = await all_tickets(application)
    assert ticket.status is TicketStatus.RESOLVED
    # The answer helped: their next words about the ticket are read as about the resolution.
    solved = next(c for c in callbacks_of(answer) if c.startswith("solved"))
    await world.user_presses(requester, requester, answer.message_id, solved)
    await until(lambda: world.find(requester, answer.message_id).get("reply_markup") is None)
    await world.user_sends(requester, not_solved)
    await until(lambda: _reopened(application))


async def _reopened(application: App) -> bool:
    (ticket,) = await all_tickets(application)
    return ticket.status is TicketStatus.CLAIMED and ticket.reopen_count == 1


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "first", "then", "kept", "left"),
    [
        (
            REQUESTER,
            "社保卡丢了",
            "谢谢。另外我家门口的路灯坏了,在幸福路12号",
            "路灯",
            ("社保卡", "谢谢", "另外"),
        ),
        (
            ENGLISH,
            "I lost my social security card",
            "Thanks. Also, the street light outside my door is broken, at 12 Xingfu Road",
            "street light",
            ("social security", "Thanks", "Also"),
        ),
    ],
)
async def test_thanks_then_another_matter_opens_a_ticket_of_the_new_matter_alone(
    running: tuple[Emulator, App],
    requester: int,
    first: str,
    then: str,
    kept: str,
    left: tuple[str, ...],
) -> None:
    """Answered about a lost card, "thanks. also, the street light…": the ticket's question
    (and title) is the street light alone, neither the answered card nor the thanks."""
    emulator, application = running
    world = emulator.world
    await world.user_sends(requester, first)
    answer = (await bot_lines(emulator, requester, 1))[-1]
    assert answer.buttons
    await world.user_sends(requester, then)
    reply = (await bot_lines(emulator, requester, 2))[-1]
    if any(c.startswith("cat:") for c in callbacks_of(reply)):
        await world.user_presses(requester, requester, reply.message_id, "cat:fault_report")
    await until(lambda: _has_ticket(application))
    (ticket,) = await all_tickets(application)
    assert kept in ticket.question
    for word in left:
        assert word not in ticket.question, ticket.question


async def _has_ticket(application: App) -> bool:
    return bool(await all_tickets(application))


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "question"),
    # Questions that name their matter: a bare "how do I withdraw my housing fund" is asked
    # which withdrawal (tests/handlers/test_close_calls.py).
    [
        (REQUESTER, "租房怎么提取公积金"),
        (ENGLISH, "How do I withdraw my housing fund to pay rent?"),
    ],
)
async def test_new_with_the_question_on_its_line_takes_the_question(
    running: tuple[Emulator, App], requester: int, question: str
) -> None:
    """ "/new 租房怎么提取公积金": the question is answered at once, not asked for."""
    emulator, _ = running
    await emulator.world.user_sends(requester, f"/new {question}")
    answer = (await bot_lines(emulator, requester, 1))[-1]
    assert "新问题" not in answer.text and "new question" not in answer.text.casefold()
    assert any(c.startswith("solved") for c in callbacks_of(answer)), answer


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "matter"),
    [
        (REQUESTER, "我家门口的路灯坏了,在幸福路12号"),
        (ENGLISH, "The street light outside my door is broken, at 12 Xingfu Road"),
    ],
)
async def test_new_with_a_matter_on_its_line_beside_a_ticket_opens_its_own(
    running: tuple[Emulator, App], requester: int, matter: str
) -> None:
    """A ticket open, "/new 路灯坏了…": the matter is taken at once as a new question (its
    own ticket), not asked for and not filed in the ticket in hand."""
    emulator, application = running
    world = emulator.world
    thread, heard = await a_claimed_complaint(emulator, requester)
    await world.user_sends(requester, f"/new {matter}")
    reply = (await bot_lines(emulator, requester, heard + 1))[-1]
    if any(c.startswith("cat:") for c in callbacks_of(reply)):
        await world.user_presses(requester, requester, reply.message_id, "cat:fault_report")
    await until(lambda: _count(application, 2))
    first, second = await all_tickets(application)
    assert second.question == matter
    assert matter not in first.question
    assert all(matter not in t for t in _in_topic(emulator, thread))


async def _count(application: App, tickets: int) -> bool:
    return len(await all_tickets(application)) == tickets
