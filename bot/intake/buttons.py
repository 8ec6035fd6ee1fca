"""The requester's buttons, decided: what the desk does with a press, as a pure function (the
first inquiry's other decision, for texts, is bot/intake/decision.py).

The table, `decide_press` (each row wins over those below it; "known": the button's value is
a supported language, a template the desk has, or a configured category; yes*: a template
that needs a person; "waiting": a question of theirs awaits a person or a category):

| press    | known | waiting | step     | ticket | action               |
| -------- | ----- | ------- | -------- | ------ | -------------------- |
| LANGUAGE | yes   |         |          |        | SET_LANGUAGE         |
| PERSON on a message whose inquiry a new matter   | EARLIER_HANDOVER     |
| took the place of (its turns kept, `earlier`)    |                      |
| SOLVED on such a message                         | EARLIER_SOLVED       |
| ANSWER (known) on such a message                 | EARLIER_ANSWER       |
| PERSON on a message whose inquiry a ticket took  | TICKET_IN_HAND (it)  |
| ANSWER, CATEGORY, SOLVED: likewise               | IN_TICKET            |
| ANSWER, PERSON, CATEGORY, SOLVED on a message    | NO_LONGER_OPEN       |
| whose inquiry ended otherwise (bot/intake/offers.py)                    |
| ANSWER   | yes*  | yes     |          |        | REGISTER             |
| ANSWER   | yes   |         |          |        | ANSWER               |
| PERSON   |       | yes     |          |        | HANDOVER             |
| PERSON   |       | no      |          | yes    | TICKET_IN_HAND       |
| PERSON   |       | no      |          | no     | ASK_FIRST            |
| CATEGORY | yes   | yes     | CATEGORY |        | HANDOVER_IN_CATEGORY |
| CATEGORY | yes   | (otherwise)                  | NO_LONGER_OPEN       |
| SOLVED   | no inquiry in progress               | NO_LONGER_OPEN       |
| SOLVED   |       |         |          |        | SOLVED               |
| any other (or no button of ours)              | STALE                |

A STALE press (data nobody sent, a template or category no longer configured), an IN_TICKET
one (the question is in a ticket already) and a NO_LONGER_OPEN one (a category no longer asked
for, an inquiry settled or dropped) change nothing: the requester is told why, politely.
"""

from __future__ import annotations

from collections.abc import Container
from enum import StrEnum

from bot.models import DialogStep


class Press(StrEnum):
    """A button under the bot's messages to a requester, as the desk knows it (the front's
    callback codec names them on the wire)."""

    LANGUAGE = "language"  # a language chosen (its code)
    ANSWER = "answer"  # a suggested template's answer, please (its id)
    PERSON = "person"  # a person, please (not solved, none of these)
    CATEGORY = "category"  # the category of the question waiting (its key)
    SOLVED = "solved"  # the answer helped


# The buttons that act on the inquiry they were offered in (bot/intake/offers.py).
INQUIRY_PRESSES = frozenset({Press.ANSWER, Press.PERSON, Press.CATEGORY, Press.SOLVED})


class PressAction(StrEnum):
    """What the desk does with a requester's button."""

    SET_LANGUAGE = "set_language"  # the requester reads this language from now on
    ANSWER = "answer"  # the template's answer, with "solved" / "not solved"
    REGISTER = "register"  # the template's answer, and a ticket at once (it needs a person)
    HANDOVER = "handover"  # the question waiting, to a person (its category inferred or asked)
    HANDOVER_IN_CATEGORY = "handover_in_category"  # the question waiting, in the chosen category
    TICKET_IN_HAND = "ticket_in_hand"  # nothing waits, a ticket is in progress: who has it
    ASK_FIRST = "ask_first"  # nothing waits and no ticket: write the question first
    SOLVED = "solved"  # nothing to do but drop the used buttons
    IN_TICKET = "in_ticket"  # the inquiry it was offered in is a ticket now: nothing changes
    NO_LONGER_OPEN = "no_longer_open"  # its inquiry or choice is over: nothing changes
    STALE = "stale"  # a forged or unknown button: said politely, nothing changes
    # Under an older answer whose inquiry a new matter took the place of (bot/intake/earlier.py):
    EARLIER_HANDOVER = "earlier_handover"  # *Not solved*: that inquiry to a person
    EARLIER_SOLVED = "earlier_solved"  # *Solved*: its buttons go, nothing else changes
    EARLIER_ANSWER = "earlier_answer"  # a suggestion of its "did you mean": that answer


def decide_press(
    *,
    press: Press | None,
    value: str,
    languages: Container[str],
    templates: Container[str],
    categories: Container[str],
    step: DialogStep | None,
    question_waiting: bool,
    ticket_in_progress: bool,
    needing_person: Container[str] = (),
    inquiry_in_progress: bool = True,
    ended: bool = False,
    taken: bool = False,
    earlier: bool = False,
) -> PressAction:
    """The table of the module's description for one press. `press` None: data that is no
    button of ours; `value` the button's word ("" for those without); `languages`,
    `templates`, `categories` what the desk has (supported language codes, template ids,
    category keys); `needing_person` the ids of templates whose matter needs a person;
    `inquiry_in_progress` whether the requester's first inquiry has turns; `ended` whether
    the pressed message's inquiry is known to have ended, `taken` whether a ticket took it,
    `earlier` whether a new matter took its place, its turns kept (`offers.set_aside`)."""
    if press in INQUIRY_PRESSES and ended:
        if earlier and not taken and press is Press.PERSON:
            return PressAction.EARLIER_HANDOVER
        if earlier and not taken and press is Press.SOLVED:
            return PressAction.EARLIER_SOLVED
        if earlier and not taken and press is Press.ANSWER and value in templates:
            return PressAction.EARLIER_ANSWER
        if not taken:
            return PressAction.NO_LONGER_OPEN
        return PressAction.TICKET_IN_HAND if press is Press.PERSON else PressAction.IN_TICKET
    match press:
        case Press.LANGUAGE if value in languages:
            return PressAction.SET_LANGUAGE
        case Press.ANSWER if value in templates and value in needing_person and question_waiting:
            return PressAction.REGISTER
        case Press.ANSWER if value in templates:
            return PressAction.ANSWER
        case Press.PERSON if question_waiting:
            return PressAction.HANDOVER
        case Press.PERSON if ticket_in_progress:
            return PressAction.TICKET_IN_HAND
        case Press.PERSON:
            return PressAction.ASK_FIRST
        case Press.CATEGORY if (
            value in categories and step is DialogStep.CATEGORY and question_waiting
        ):
            return PressAction.HANDOVER_IN_CATEGORY
        case Press.CATEGORY if value in categories:
            return PressAction.NO_LONGER_OPEN
        case Press.SOLVED if inquiry_in_progress:
            return PressAction.SOLVED
        case Press.SOLVED:
            return PressAction.NO_LONGER_OPEN
    return PressAction.STALE
