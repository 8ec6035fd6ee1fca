"""The buttons' callback data: what the bot encodes it reads back, within Telegram's 64
bytes, and anything else is refused as no button of ours. No database, no Telegram."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.callbacks import (
    FIELDS,
    MAX_BYTES,
    Action,
    Field,
    UnknownButton,
    Value,
    encode,
    fits,
    parse,
    pattern,
)

VALUES: dict[Field, st.SearchStrategy[Value]] = {
    Field.NUMBER: st.integers(0, 2**63),
    Field.STARS: st.integers(1, 5),
    Field.WORD: st.text(string.ascii_letters + string.digits + "_.-", min_size=1, max_size=60),
}
BUTTONS = st.sampled_from(list(Action)).flatmap(
    lambda action: st.tuples(st.just(action), st.tuples(*(VALUES[f] for f in FIELDS[action])))
)


@given(BUTTONS)
def test_what_is_encoded_is_parsed_back_within_64_bytes(
    button: tuple[Action, tuple[Value, ...]],
) -> None:
    action, values = button
    try:
        data = encode(action, *values)
    except ValueError:
        # Only a button over Telegram's limit may be refused, and fits() says so beforehand.
        assert not fits(action, *values)
        assert len(":".join([action.value, *map(str, values)]).encode()) > MAX_BYTES
        return
    assert len(data.encode()) <= MAX_BYTES
    assert parse(data) == (action, values)
    assert re.match(pattern(action), data)
    others = [a for a in Action if a is not action]
    assert not re.match(pattern(*others), data)


@given(st.text(max_size=80))
def test_anything_else_is_no_button_of_ours(data: str) -> None:
    try:
        button = parse(data)
    except UnknownButton:
        return
    assert encode(button.action, *button.values) == data  # the one way to write it


@pytest.mark.parametrize(
    ("data", "action", "values"),
    [  # buttons sent by earlier versions keep working
        ("claim:12", Action.CLAIM, (12,)),
        ("accept:3", Action.ACCEPT, (3,)),
        ("sv:a:7", Action.ESCALATION_ASSIGN, (7,)),
        ("sv:p:7", Action.ESCALATION_PRIORITY, (7,)),
        ("asg:7:100201", Action.ASSIGN, (7, 100201)),
        ("pri:7:urgent", Action.PRIORITY, (7, "urgent")),
        ("tpl:ok:ticket-1", Action.TEMPLATE_APPROVE, ("ticket-1",)),
        ("tpl:no:ticket-1", Action.TEMPLATE_REJECT, ("ticket-1",)),
        ("rate:1:5", Action.RATE, (1, 5)),
        ("reopen:1", Action.REOPEN, (1,)),
        ("lang:en", Action.LANGUAGE, ("en",)),
        ("kb:housing-fund-withdrawal", Action.ANSWER, ("housing-fund-withdrawal",)),
        ("cat:housing", Action.CATEGORY, ("housing",)),
        ("human", Action.HUMAN, ()),
        ("solved", Action.SOLVED, ()),
    ],
)
def test_the_wire_format_of_buttons_already_sent(
    data: str, action: Action, values: tuple[Value, ...]
) -> None:
    assert parse(data) == (action, values)
    assert encode(action, *values) == data


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "claim",
        "claim:",
        "claim:x",
        "claim:-1",
        "claim:01",
        "claim:1:2",
        "claim:1\n",
        "claim:١",  # a digit, but not one the bot writes
        "rate:1:6",
        "rate:1:0",
        "sv:x:1",
        "tpl:maybe:t",
        "kb:a b",
        "kb:a:b",
        "cat:住房",
        "human:1",
        "x" * 64,
        "kb:" + "a" * 62,  # over 64 bytes
    ],
)
def test_forged_garbled_or_unknown_data_is_refused(data: str | None) -> None:
    with pytest.raises(UnknownButton):
        parse(data)


@pytest.mark.parametrize(
    ("action", "values"),
    [
        (Action.CLAIM, ()),
        (Action.CLAIM, (1, 2)),
        (Action.CLAIM, ("1",)),
        (Action.CLAIM, (-1,)),
        (Action.CLAIM, (True,)),
        (Action.RATE, (1, 6)),
        (Action.ANSWER, (7,)),
        (Action.ANSWER, ("a:b",)),
        (Action.ANSWER, ("",)),
        (Action.ANSWER, ("a" * 62,)),
    ],
)
def test_values_that_are_not_the_actions_cannot_be_encoded(
    action: Action, values: tuple[Value, ...]
) -> None:
    with pytest.raises(ValueError):
        encode(action, *values)
    assert not fits(action, *values)


def test_the_longest_template_id_fits_a_suggestion_but_a_longer_one_does_not() -> None:
    assert len(encode(Action.ANSWER, "a" * 61).encode()) == MAX_BYTES
    assert not fits(Action.ANSWER, "a" * 62)


def test_a_pattern_matches_its_actions_only() -> None:
    steering = pattern(Action.ASSIGN, Action.PRIORITY)
    assert steering.match("asg:1:2") and steering.match("pri:1:high")
    assert not steering.match("asg:1:2:3") and not steering.match("claim:1")
    assert not steering.match("asg:1:2\n")
