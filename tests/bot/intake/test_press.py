"""The requester's buttons as a table: each press × whether its value is known × a question
waiting × the dialog step × a ticket in progress. No database, no Telegram."""

from __future__ import annotations

import itertools

import pytest

from bot.intake.decision import Press, PressAction, decide_press
from bot.models import DialogStep

LANGUAGES, TEMPLATES, CATEGORIES = ("zh", "en"), {"lost-card": 1}, ("complaint", "consultation")
KNOWN = {
    Press.LANGUAGE: "en",
    Press.ANSWER: "lost-card",
    Press.CATEGORY: "complaint",
    Press.PERSON: "",
    Press.SOLVED: "",
}
STEPS = {
    "-": None,
    "new": DialogStep.NEW_QUESTION,
    "clarify": DialogStep.CLARIFY,
    "category": DialogStep.CATEGORY,
}
PRESSES = {"none": None, **{p.value: p for p in Press}}

# press, value known, question waiting, step, ticket in progress -> action
TABLE = """
language  known    -        -         -       set_language
language  known    waiting  category  ticket  set_language
language  unknown  waiting  -         ticket  stale
answer    known    -        -         -       answer
answer    known    waiting  clarify   ticket  answer
answer    unknown  -        -         -       stale
person    -        waiting  -         -       handover
person    -        waiting  category  ticket  handover
person    -        -        -         ticket  ticket_in_hand
person    -        -        new       ticket  ticket_in_hand
person    -        -        -         -       ask_first
person    -        -        clarify   -       ask_first
category  known    waiting  category  -       handover_in_category
category  known    waiting  category  ticket  handover_in_category
category  unknown  waiting  category  -       stale
category  known    -        category  -       stale
category  known    waiting  -         -       stale
category  known    waiting  clarify   ticket  stale
solved    -        -        -         -       solved
solved    -        waiting  category  ticket  solved
none      -        -        -         -       stale
none      -        waiting  category  ticket  stale
"""


def _press(
    press: Press | None, known: bool, waiting: bool, step: DialogStep | None, ticket: bool
) -> PressAction:
    value = KNOWN[press] if press is not None and known else "no-such-thing"
    return decide_press(
        press=press,
        value=value,
        languages=LANGUAGES,
        templates=TEMPLATES,
        categories=CATEGORIES,
        step=step,
        question_waiting=waiting,
        ticket_in_progress=ticket,
    )


def _rows() -> list[tuple[Press | None, bool, bool, DialogStep | None, bool, PressAction]]:
    rows = []
    for line in TABLE.strip().splitlines():
        press, known, waiting, step, ticket, action = line.split()
        rows.append(
            (
                PRESSES[press],
                known == "known",
                waiting == "waiting",
                STEPS[step],
                ticket == "ticket",
                PressAction(action),
            )
        )
    return rows


@pytest.mark.parametrize(("press", "known", "waiting", "step", "ticket", "expected"), _rows())
def test_the_table(
    press: Press | None,
    known: bool,
    waiting: bool,
    step: DialogStep | None,
    ticket: bool,
    expected: PressAction,
) -> None:
    assert _press(press, known, waiting, step, ticket) is expected


EVERY = list(
    itertools.product(
        PRESSES.values(), [True, False], [True, False], STEPS.values(), [True, False]
    )
)


@pytest.mark.parametrize(("press", "known", "waiting", "step", "ticket"), EVERY)
def test_every_press_in_every_state(
    press: Press | None, known: bool, waiting: bool, step: DialogStep | None, ticket: bool
) -> None:
    """Whatever the state: a person is always one tap away (never stale), "solved" always
    just drops the buttons, a value the desk does not have is stale, a category is taken only
    while one is awaited for a waiting question, and data that is no button is stale."""
    action = _press(press, known, waiting, step, ticket)
    match press:
        case None:
            assert action is PressAction.STALE
        case Press.PERSON:
            expected = (
                PressAction.HANDOVER
                if waiting
                else PressAction.TICKET_IN_HAND
                if ticket
                else PressAction.ASK_FIRST
            )
            assert action is expected
        case Press.SOLVED:
            assert action is PressAction.SOLVED
        case Press.CATEGORY:
            taken = known and waiting and step is DialogStep.CATEGORY
            assert action is (PressAction.HANDOVER_IN_CATEGORY if taken else PressAction.STALE)
        case Press.LANGUAGE:
            assert action is (PressAction.SET_LANGUAGE if known else PressAction.STALE)
        case Press.ANSWER:
            assert action is (PressAction.ANSWER if known else PressAction.STALE)
