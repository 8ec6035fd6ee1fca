"""The requester's buttons as a table: each press × whether its value is known × a question
waiting × the dialog step × a ticket in progress. No database, no Telegram."""

from __future__ import annotations

import itertools

import pytest

from bot.intake.buttons import Press, PressAction, decide_press
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
category  known    -        category  -       no_longer_open
category  known    waiting  -         -       no_longer_open
category  known    waiting  clarify   ticket  no_longer_open
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


# Where the pressed message stands: its inquiry in progress, ended, or taken by a ticket.
MESSAGE = {"current": (False, False), "ended": (True, False), "taken": (True, True)}
EVERY = list(
    itertools.product(
        PRESSES.values(),
        [True, False],
        [True, False],
        STEPS.values(),
        [True, False],
        [True, False],
        MESSAGE,
    )
)


@pytest.mark.parametrize(
    ("press", "known", "waiting", "step", "ticket", "inquiry", "message"), EVERY
)
def test_every_press_in_every_state(
    press: Press | None,
    known: bool,
    waiting: bool,
    step: DialogStep | None,
    ticket: bool,
    inquiry: bool,
    message: str,
) -> None:
    """Whatever the state: a person is always one tap away on the inquiry in progress (never
    stale), "solved" settles an inquiry in progress, a value the desk does not have is stale,
    a category is taken only while one is awaited for a waiting question, and data that is
    no button is stale. A button on a message whose inquiry ended changes nothing, and says
    so: the ticket that took it, or that it is no longer open."""
    ended, taken = MESSAGE[message]
    value = KNOWN[press] if press is not None and known else "no-such-thing"
    action = decide_press(
        press=press,
        value=value,
        languages=LANGUAGES,
        templates=TEMPLATES,
        categories=CATEGORIES,
        step=step,
        question_waiting=waiting,
        ticket_in_progress=ticket,
        inquiry_in_progress=inquiry,
        ended=ended,
        taken=taken,
    )
    if press in (Press.ANSWER, Press.PERSON, Press.CATEGORY, Press.SOLVED) and ended:
        if not taken:
            assert action is PressAction.NO_LONGER_OPEN
        elif press is Press.PERSON:
            assert action is PressAction.TICKET_IN_HAND
        else:
            assert action is PressAction.IN_TICKET
        return
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
            assert action is (PressAction.SOLVED if inquiry else PressAction.NO_LONGER_OPEN)
        case Press.CATEGORY:
            taken_now = known and waiting and step is DialogStep.CATEGORY
            otherwise = PressAction.NO_LONGER_OPEN if known else PressAction.STALE
            assert action is (PressAction.HANDOVER_IN_CATEGORY if taken_now else otherwise)
        case Press.LANGUAGE:
            assert action is (PressAction.SET_LANGUAGE if known else PressAction.STALE)
        case Press.ANSWER:
            assert action is (PressAction.ANSWER if known else PressAction.STALE)


@pytest.mark.parametrize("taken", [False, True])
def test_a_press_under_an_older_answer_set_aside_is_about_that_answer(taken: bool) -> None:
    """Issue 14: *Not solved* under an answer whose inquiry a new matter took the place of
    (its turns kept) hands that inquiry to a person, *Solved* drops its buttons; once a
    ticket took it, the press is told so, as for any inquiry taken."""
    pressed = {
        press: decide_press(
            press=press,
            value="",
            languages={"zh"},
            templates=set(),
            categories=set(),
            step=None,
            question_waiting=True,
            ticket_in_progress=False,
            ended=True,
            taken=taken,
            earlier=not taken,
        )
        for press in (Press.PERSON, Press.SOLVED)
    }
    if taken:
        assert pressed == {
            Press.PERSON: PressAction.TICKET_IN_HAND,
            Press.SOLVED: PressAction.IN_TICKET,
        }
    else:
        assert pressed == {
            Press.PERSON: PressAction.EARLIER_HANDOVER,
            Press.SOLVED: PressAction.EARLIER_SOLVED,
        }


@pytest.mark.parametrize("taken", [False, True])
def test_a_suggestion_under_an_offer_set_aside_answers_it(taken: bool) -> None:
    """A suggestion of a "did you mean" set aside for a new matter (bot/intake/after_offer.py)
    still gives its answer, for that question; once a ticket took it, it says which."""
    pressed = decide_press(
        press=Press.ANSWER,
        value="fund-withdraw-rent",
        languages={"zh", "en"},
        templates={"fund-withdraw-rent"},
        categories=set(),
        step=None,
        question_waiting=False,
        ticket_in_progress=True,
        ended=True,
        taken=taken,
        earlier=not taken,
    )
    assert pressed is (PressAction.IN_TICKET if taken else PressAction.EARLIER_ANSWER)
