"""Words "yes, solved, but <another thing>" read by the pure readers (a tester after the
/resolve of a street light): the lead may point at the thing with "that one" / "this one"
("Yes that one works now, thanks."), and a thing come loose, bent or broken, "also" said, is
a thing wrong ("我家门口的井盖也松了"). End to end: tests/handlers/test_solved_yes_but.py."""

from __future__ import annotations

import pytest

from bot.but_words import thing_wrong
from bot.resolution_words import Said, read_after_resolution, solved_but, solved_then_more

TRAFFIC = "the traffic light at the Jianshe Road crossing has been stuck on red since yesterday"


@pytest.mark.parametrize(
    ("text", "lead", "rest"),
    [
        (
            f"Yes that one works now, thanks. But {TRAFFIC}",
            "Yes that one works now, thanks. But",
            TRAFFIC,
        ),
        (f"this one is fixed, but {TRAFFIC}", "this one is fixed, but", TRAFFIC),
        ("解决了,但是我家门口的井盖也松了", "解决了,但是", "我家门口的井盖也松了"),
        ("解决了,但是小区的栏杆歪了", "解决了,但是", "小区的栏杆歪了"),
    ],
)
def test_yes_solved_but_another_thing_is_split_off(text: str, lead: str, rest: str) -> None:
    """Solved, then the other thing alone: what the intake takes apart (`lead.apart`)."""
    assert solved_but(text) == (lead, rest)
    assert solved_then_more(text) == (lead, rest)


@pytest.mark.parametrize(
    "text", ["Yes that one works now, thanks.", "that one is fixed", "yes this one works now"]
)
def test_that_one_said_working_is_solved_alone(text: str) -> None:
    assert read_after_resolution(text) == read_after_resolution("it works now")
    assert read_after_resolution(text).said is Said.SOLVED


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("我家门口的井盖也松了", True),
        ("井盖松了", True),
        ("树枝断了", True),
        ("小区的栏杆歪了", True),
        ("也松了", False),
        ("我家门口的井盖修好了", False),
    ],
)
def test_a_thing_come_loose_is_a_thing_wrong(text: str, wrong: bool) -> None:
    assert thing_wrong(text) is wrong
