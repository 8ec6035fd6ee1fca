"""Issue 14, the first inquiry's knowledge-base answers, end to end: an answer about one
matter is never given to a question about another (a marriage certificate is no certificate
of no criminal record, a school's enrolment no change of name): the question's subject and
the template's agree, or it goes honestly to a person; a template that exists answers the
ways it is commonly asked ("Where is your office?", "井盖松了", "医保卡在外地能用吗"); a
short request the base knows nothing of goes to a person rather than being asked to say
more; a bare topic several templates share is offered as choices, not answered blind."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import ENGLISH, REQUESTER, bot_lines
from tests.handlers.looks import all_tickets, callbacks_of, said_text
from tests.handlers.test_every_kind import control

App = Application  # type: ignore[type-arg]


async def _first(emulator: Emulator, user: int, text: str) -> Any:
    await control(emulator, "messages", {"user_id": user, "text": text})
    return (await bot_lines(emulator, user, 1))[0]


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "said", "not_said"),
    [
        (ENGLISH, "How do I get a marriage certificate?", "marriage registry", "criminal"),
        (ENGLISH, "Where is your office?", "Phone:", "Did you mean"),
        (REQUESTER, "你们在哪", "地址", "请选择"),
        (REQUESTER, "医保卡在外地能用吗", "异地就医", "请选择"),
    ],
)
async def test_a_question_is_answered_by_the_template_of_its_subject(
    running: tuple[Emulator, App], user: int, question: str, said: str, not_said: str
) -> None:
    """The template whose subject the question names answers it, with *Solved* under it."""
    emulator, _ = running
    answer = await _first(emulator, user, question)
    assert said in answer.text and not_said not in answer.text, answer.text
    assert "solved" in callbacks_of(answer)


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "report", "said", "kind"),
    [
        (REQUESTER, "人民路路口井盖松了", "井盖", ("fault_report", "utilities")),
        (
            ENGLISH,
            "The manhole cover at People Road is loose",
            "manhole",
            ("fault_report", "utilities"),
        ),
        (REQUESTER, "楼上邻居天天半夜装修", "噪音", ("complaint", "general")),
    ],
)
async def test_a_report_reaches_its_template_and_a_ticket(
    running: tuple[Emulator, App], user: int, report: str, said: str, kind: tuple[str, str]
) -> None:
    """Answered by its own matter's template and registered where that one is handled."""
    emulator, application = running
    answer = await _first(emulator, user, report)
    assert said in answer.text, answer.text
    await bot_lines(emulator, user, 2)
    (ticket,) = await all_tickets(application)
    assert (ticket.category, ticket.department_key) == kind


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "wrong"),
    [
        (ENGLISH, "How do I get a birth certificate for my baby?", "criminal record"),
        (REQUESTER, "孩子上小学报名需要什么材料", "变更姓名"),
        (REQUESTER, "出生证明怎么开", "无犯罪记录"),
        (REQUESTER, "办签证", "具体说说"),
        (ENGLISH, "renew visa", "more detail"),
    ],
)
async def test_a_question_no_template_is_about_goes_to_a_person(
    running: tuple[Emulator, App], user: int, question: str, wrong: str
) -> None:
    """No answer about another matter, no request to say more: it is passed to a person,
    at once (a ticket of the question) or by the kind of matter the requester picks."""
    emulator, application = running
    line = await _first(emulator, user, question)
    assert wrong not in said_text(emulator.world, user), line.text
    buttons = callbacks_of(line)
    if buttons:
        assert all(b.startswith("cat:") for b in buttons), (line.text, buttons)
    else:
        (ticket,) = await all_tickets(application)
        assert ticket.question == question and "#1" in line.text


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_bare_topic_several_templates_share_is_offered_as_choices(
    running: tuple[Emulator, App],
) -> None:
    """ "The pension" is the retirement claim's as much as the contribution record's: which?"""
    emulator, _ = running
    line = await _first(emulator, ENGLISH, "The pension")
    buttons = callbacks_of(line)
    assert "kb:pension-retirement-claim" in buttons, buttons
    assert "kb:pension-contribution-record" in buttons, buttons
    assert "solved" not in buttons


@pytest.mark.parametrize("store", ["sqlite"])
@pytest.mark.parametrize(
    ("user", "question", "wrong"),
    [
        (ENGLISH, "garbage not collected on our street", "kb:streetlight-fault"),
        (ENGLISH, "the rubbish hasn't been collected", "kb:"),
        (REQUESTER, "垃圾好几天没人收了", "kb:"),
    ],
)
async def test_did_you_mean_offers_no_template_of_another_subject(
    running: tuple[Emulator, App], user: int, question: str, wrong: str
) -> None:
    """Rubbish not collected is no street light's matter, however the street is named: no
    "did you mean" of another subject; a person takes it."""
    emulator, _ = running
    line = await _first(emulator, user, question)
    assert not any(b.startswith(wrong) for b in callbacks_of(line)), (
        line.text,
        callbacks_of(line),
    )
