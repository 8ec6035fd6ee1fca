"""Words "solved, but <a new thing or state>" read by the pure readers (issue 14): a thing in
the way said gone is solved ("the car is gone", "车拖走了"), a supply said gone is not ("the
power is gone"); a thing gone, dug up, wrong or left undone is a thing in a bad state ("井盖不
见了", "the pavement is dug up", "the bins have not been collected", "my water bill is wrong");
the place a ticket's question names, as written, for the new matter to carry. End to end:
tests/handlers/test_solved_but_new_thing.py."""

from __future__ import annotations

import pytest

from bot.but_words import thing_wrong
from bot.intake.lead import place_named
from bot.intake.new_matter import led_question
from bot.intake.reply import Reply
from bot.resolution_words import Said, read_after_resolution

# (words, the lead, the new thing after it)
SOLVED_BUT_NEW = [
    (
        "Fixed, but now the pavement outside is dug up and nobody put up a sign",
        "Fixed, but now",
        "the pavement outside is dug up and nobody put up a sign",
    ),
    (
        "ok the car is gone, thanks. but now the bins have not been collected for a week",
        "ok the car is gone, thanks. but now",
        "the bins have not been collected for a week",
    ),
    (
        "its fixed thanks!! but my water bill is wrong",
        "its fixed thanks!! but",
        "my water bill is wrong",
    ),
    ("车拖走了,谢谢。不过垃圾一周没人收了", "车拖走了,谢谢。不过", "垃圾一周没人收了"),
    ("修好了,但是门口的路被挖开了", "修好了,但是", "门口的路被挖开了"),
]


@pytest.mark.parametrize(("text", "lead", "rest"), SOLVED_BUT_NEW)
def test_solved_but_a_new_thing_is_split_off(text: str, lead: str, rest: str) -> None:
    led = led_question(text)
    assert led is not None and led.reply is Reply.SOLVED, led
    assert (led.lead, led.rest) == (lead, rest)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the car is gone, thanks", Said.SOLVED),
        ("ok the rubbish has been cleared away", Said.SOLVED),
        ("车拖走了,谢谢", Said.SOLVED),
        ("the power is gone", Said.OTHER),
        ("the water is gone, thanks", Said.OTHER),
    ],
)
def test_a_thing_gone_is_solved_a_supply_gone_is_not(text: str, said: Said) -> None:
    assert read_after_resolution(text).said is said


@pytest.mark.parametrize(
    "text",
    [
        "小区东门那个井盖不见了",
        "门口的路被挖开了",
        "垃圾一周没人收了",
        "the pavement outside is dug up",
        "the bins have not been collected for a week",
        "the bins haven't been emptied",
        "my water bill is wrong",
    ],
)
def test_a_thing_gone_or_left_undone_is_a_thing_wrong(text: str) -> None:
    assert thing_wrong(text)


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("幸福路12号门口的路灯坏了", "幸福路12号"),
        ("幸福里3号楼从早上开始停电了", "幸福里3号楼"),
        ("The street light outside 12 Xingfu Road is broken", "12 Xingfu Road"),
        ("路灯坏了", None),
    ],
)
def test_the_place_a_question_names_as_written(question: str, place: str | None) -> None:
    assert place_named(question) == place
