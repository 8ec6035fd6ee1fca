"""Issue 14, a second tester: a requester's NEW matter was filed into an unrelated open ticket
when their words led with a reply ("没用,我是想问…", "解决了,谢谢。另外…") or an opener
("还有,…", "Also, …"). A careful clerk takes the reply as said (the answer rejected, the
resolution confirmed) and the question after it as a question of its own: answered when the
knowledge base answers it, else a first inquiry of its own, never silently another ticket's.
End to end over the emulation."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.models import Ticket, TicketStatus
from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines, bot_said, until
from tests.handlers.fire_lane import a_claimed_complaint, a_resolved_complaint
from tests.handlers.looks import all_tickets, callbacks_of, filed_texts

App = Application  # type: ignore[type-arg]
FUND = {
    REQUESTER: "租房怎么提取公积金?",
    ENGLISH: "How do I withdraw my housing fund to pay rent?",
}
# The answer of the knowledge base's template on the fund after leaving a job.
LEAVING = {REQUESTER: "销户提取", ENGLISH: "close the account and withdraw"}


async def _not_in_ticket_one(application: App, words: str) -> None:
    assert all(words not in filed for filed in await filed_texts(application, 1))


def _answer_or_ticket_two(reply: object, tickets: list[Ticket], expected: str) -> None:
    """The question after the lead was taken alone: answered (with the answer's buttons and
    `expected` in its words), the knowledge base's close templates offered, or a ticket of its
    own (#2); never ticket #1's."""
    text = getattr(reply, "text", "")
    # Ticket #1 named only as the one it was not added to (bot/intake/second_matter.py).
    apart = text.replace("没有并入工单 #1", "").replace("not added to ticket #1", "")
    assert "#1" not in apart, text
    if len(tickets) > 1:
        assert "#2" in text, text
        return
    if any(c.startswith("kb:") for c in callbacks_of(reply)):  # "did you mean…"
        return
    assert expected in text, text
    assert any(c.startswith("solved") for c in callbacks_of(reply)), reply


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "rejected", "question"),
    [
        (REQUESTER, "没用,我是想问离职后怎么提取", "离职后怎么提取"),
        (
            ENGLISH,
            "That didn't help, I wanted to know how to withdraw it after leaving my job",
            "after leaving my job",
        ),
    ],
)
async def test_not_helped_then_a_question_after_an_aside_answer_is_the_question_s(
    running: tuple[Emulator, App], requester: int, rejected: str, question: str
) -> None:
    """Ticket #1 a fire-lane complaint; "租房怎么提取公积金?" answered beside it; "没用,我是想问
    离职后怎么提取": the answer is rejected and the question searched (the leaving template
    answers it), not filed into the fire-lane ticket."""
    emulator, application = running
    world = emulator.world
    _, heard = await a_claimed_complaint(emulator, requester)
    await world.user_sends(requester, FUND[requester])
    heard += 1
    answer = (await bot_lines(emulator, requester, heard))[-1]
    assert "#1" not in answer.text
    await world.user_sends(requester, rejected)
    heard += 1
    reply = (await bot_lines(emulator, requester, heard))[-1]
    await _not_in_ticket_one(application, question)
    _answer_or_ticket_two(reply, await all_tickets(application), LEAVING[requester])


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "first", "also", "expected"),
    [
        (REQUESTER, "社保卡丢了怎么补办", "还有,办公积金提取要本人去吗?", "公积金"),
        (
            ENGLISH,
            "How do I replace a lost social security card?",
            "Also, do I have to go in person to withdraw my housing fund?",
            "housing fund",
        ),
    ],
)
async def test_also_a_question_of_another_matter_after_solved_is_a_new_question(
    running: tuple[Emulator, App], requester: int, first: str, also: str, expected: str
) -> None:
    """Ticket #1 open; /new, a question answered, *Solved* pressed; "还有,办公积金提取要本人去
    吗?" is not the complaint's: answered, or a first inquiry of its own (ticket #2)."""
    emulator, application = running
    world = emulator.world
    _, heard = await a_claimed_complaint(emulator, requester)
    await world.user_sends(requester, "/new")
    heard += 1
    await bot_lines(emulator, requester, heard)
    await world.user_sends(requester, first)
    heard += 1
    answer = (await bot_lines(emulator, requester, heard))[-1]
    solved = next(c for c in callbacks_of(answer) if c.startswith("solved"))
    await world.user_presses(requester, requester, answer.message_id, solved)
    await until(lambda: world.find(requester, answer.message_id).get("reply_markup") is None)
    heard = len(bot_said(world, requester))
    await world.user_sends(requester, also)
    reply = (await bot_lines(emulator, requester, heard + 1))[-1]
    await _not_in_ticket_one(application, also)
    last = reply
    if any(c.startswith("cat:") for c in callbacks_of(reply)):  # a ticket of its own, asked
        await world.user_presses(requester, requester, reply.message_id, "cat:service_request")
        last = (await bot_lines(emulator, requester, heard + 2))[-1]
    _answer_or_ticket_two(last, await all_tickets(application), expected)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("requester", "words", "question", "expected"),
    [
        (REQUESTER, "解决了,谢谢。另外,租房怎么提取公积金?", "租房怎么提取公积金", "公积金"),
        (
            ENGLISH,
            "Solved, thanks. Also, how do I withdraw my housing fund to pay rent?",
            "housing fund",
            "housing fund",
        ),
    ],
)
async def test_solved_then_also_confirms_and_takes_the_question_alone(
    running: tuple[Emulator, App], requester: int, words: str, question: str, expected: str
) -> None:
    """Ticket #1 resolved, awaiting the requester's word; "解决了,谢谢。另外,租房怎么提取公积金?":
    the resolution is confirmed (closed, as a rating would) and the question is answered alone,
    no ticket of the solved matter opened."""
    emulator, application = running
    world = emulator.world
    _, heard = await a_resolved_complaint(emulator, requester)
    await world.user_sends(requester, words)
    await until(lambda: len(bot_said(world, requester)) > heard + 1)
    await until(lambda: _closed(application))
    lines = bot_said(world, requester)[heard:]
    tickets = await all_tickets(application)
    assert len(tickets) == 1 or question not in tickets[0].question
    assert tickets[0].status is TicketStatus.CLOSED
    await _not_in_ticket_one(application, question)
    if len(tickets) == 1:
        assert any(expected in line.text for line in lines), [line.text for line in lines]
    else:
        assert question in tickets[1].question and words not in tickets[1].question


async def _closed(application: App) -> bool:
    return (await all_tickets(application))[0].status is TicketStatus.CLOSED
