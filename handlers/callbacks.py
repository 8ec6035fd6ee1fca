"""The buttons' callback data: one codec for every inline button the bot sends.

Each button is an `Action` and its values, written `<action>:<value>:<value>` (at most 64
bytes, Telegram's limit). The wire format is the one buttons have always had, so a button
already sent before an upgrade keeps working. `encode` builds the data, `parse` reads it back
and raises `UnknownButton` on anything the bot could not have sent, and `pattern` gives a
`CallbackQueryHandler` the data of the actions it serves.

A button that parses may still be stale (its ticket closed, its template decided): that is for
the handler to find out, and to say politely (see handlers/refusals.py)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

MAX_BYTES = 64  # Telegram's limit for callback_data


class UnknownButton(ValueError):
    """Callback data that is no button of ours: forged, garbled, or from a button this
    version no longer has."""


class Action(StrEnum):
    """What a button does; the value is its prefix on the wire."""

    CLAIM = "claim"  # the card of a new ticket: (ticket)
    ACCEPT = "accept"  # the card of a handoff: (ticket)
    ESCALATION_ASSIGN = "sv:a"  # under an escalation, choose an owner: (ticket)
    ESCALATION_PRIORITY = "sv:p"  # under an escalation, choose a priority: (ticket)
    ASSIGN = "asg"  # this officer owns it: (ticket, officer's user id); sent before pickers
    PRIORITY = "pri"  # this priority: (ticket, priority key); knew what they showed
    # A picker's choice, with what the picker showed: a press once the ticket moved on since
    # (another choice made, by this picker or elsewhere) changes nothing (handlers/supervision.py).
    PICK_OWNER = "own"  # (ticket, officer's user id, the owner it showed: 0 for nobody)
    PICK_PRIORITY = "prio"  # (ticket, priority key, the priority it showed)
    TEMPLATE_APPROVE = "tpl:ok"  # a proposed template: (template id)
    TEMPLATE_REJECT = "tpl:no"  # (template id)
    RATE = "rate"  # the requester confirms a resolution: (ticket, stars 1-5)
    REOPEN = "reopen"  # the requester says it is not solved: (ticket)
    LANGUAGE = "lang"  # (language code)
    ANSWER = "kb"  # a suggested template's answer: (template id)
    CATEGORY = "cat"  # the category of the requester's question: (category key)
    HUMAN = "human"  # a person, please: ()
    SOLVED = "solved"  # the answer helped: ()
    WHICH = "which"  # this message is for this ticket: (ticket, update id, message id)
    WITHDRAW = "wd"  # the requester withdraws their ticket, as their words said: (ticket)
    KEEP = "keep"  # the requester keeps it open after all: (ticket)
    ANEW = "anew"  # this message is a new matter, not the ticket's: (update id, message id)
    # Words withdrawing beside several tickets: none of them withdrawn: (update id, message id)
    WITHDRAW_NONE = "wdno"
    INCIDENT_UPDATE = "upd"  # under a mass incident's alert, post an update: (incident)


class Field(StrEnum):
    """The kinds of value a button carries, each with the only form it takes on the wire."""

    NUMBER = r"0|[1-9][0-9]*"  # a ticket number or a Telegram user id
    STARS = r"[1-5]"
    WORD = r"[A-Za-z0-9_.-]+"  # a key of the configuration, a template id, a language code


FIELDS: dict[Action, tuple[Field, ...]] = {
    Action.CLAIM: (Field.NUMBER,),
    Action.ACCEPT: (Field.NUMBER,),
    Action.ESCALATION_ASSIGN: (Field.NUMBER,),
    Action.ESCALATION_PRIORITY: (Field.NUMBER,),
    Action.ASSIGN: (Field.NUMBER, Field.NUMBER),
    Action.PRIORITY: (Field.NUMBER, Field.WORD),
    Action.PICK_OWNER: (Field.NUMBER, Field.NUMBER, Field.NUMBER),
    Action.PICK_PRIORITY: (Field.NUMBER, Field.WORD, Field.WORD),
    Action.TEMPLATE_APPROVE: (Field.WORD,),
    Action.TEMPLATE_REJECT: (Field.WORD,),
    Action.RATE: (Field.NUMBER, Field.STARS),
    Action.REOPEN: (Field.NUMBER,),
    Action.LANGUAGE: (Field.WORD,),
    Action.ANSWER: (Field.WORD,),
    Action.CATEGORY: (Field.WORD,),
    Action.HUMAN: (),
    Action.SOLVED: (),
    Action.WHICH: (Field.NUMBER, Field.NUMBER, Field.NUMBER),
    Action.WITHDRAW: (Field.NUMBER,),
    Action.KEEP: (Field.NUMBER,),
    Action.ANEW: (Field.NUMBER, Field.NUMBER),
    Action.WITHDRAW_NONE: (Field.NUMBER, Field.NUMBER),
    Action.INCIDENT_UPDATE: (Field.NUMBER,),
}
Value = int | str


def _regex(action: Action) -> str:
    return re.escape(action.value) + "".join(f":({field.value})" for field in FIELDS[action])


_PARSERS = {action: re.compile(_regex(action)) for action in Action}


class Button(NamedTuple):
    """A parsed button: its action and its values (int for numbers and stars, else str)."""

    action: Action
    values: tuple[Value, ...]

    def number(self, index: int) -> int:
        """The value at `index` as a number (TypeError if it is a word)."""
        value = self.values[index]
        if not isinstance(value, int):
            raise TypeError(f"{self.action} value {index} is not a number")
        return value

    def word(self, index: int) -> str:
        """The value at `index` as a word (TypeError if it is a number)."""
        value = self.values[index]
        if not isinstance(value, str):
            raise TypeError(f"{self.action} value {index} is not a word")
        return value


def encode(action: Action, *values: Value) -> str:
    """The callback data of a button. ValueError if the values are not the action's (their
    number, kinds and forms, see FIELDS) or the data would be over 64 bytes."""
    fields = FIELDS[action]
    if len(values) != len(fields):
        raise ValueError(f"{action} takes {len(fields)} values, not {len(values)}")
    parts = [action.value]
    for field, value in zip(fields, values, strict=True):
        number = field is not Field.WORD
        if isinstance(value, bool) or isinstance(value, int) != number:
            raise ValueError(f"{action}: {value!r} is not a {field.name.lower()}")
        written = str(value)
        if not re.fullmatch(field.value, written):
            raise ValueError(f"{action}: {value!r} is not a {field.name.lower()}")
        parts.append(written)
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data {data!r} is over {MAX_BYTES} bytes")
    return data


def fits(action: Action, *values: Value) -> bool:
    """Whether `encode(action, *values)` makes a button (a long template id may not)."""
    try:
        encode(action, *values)
    except ValueError:
        return False
    return True


def parse(data: str | None) -> Button:
    """The action and values of callback data the bot sent; UnknownButton for anything else
    (no data, an unknown action, values of the wrong form, over 64 bytes)."""
    if data is None or len(data.encode()) > MAX_BYTES:
        raise UnknownButton(f"not a button of ours: {data!r}")
    for action, parser in _PARSERS.items():
        match = parser.fullmatch(data)
        if match is not None:
            values = tuple(
                match[number] if field is Field.WORD else int(match[number])
                for number, field in enumerate(FIELDS[action], 1)
            )
            return Button(action, values)
    raise UnknownButton(f"not a button of ours: {data!r}")


def pattern(*actions: Action) -> re.Pattern[str]:
    """What a CallbackQueryHandler for these actions matches: their data and nothing else."""
    return re.compile("(?:" + "|".join(_regex(action) for action in actions) + r")\Z")
