"""Full-width letters and digits are read as their ASCII forms (a Chinese phone keyboard in
full-width mode types "ｈｕｍａｎ", "３号楼", "ｔｉｃｋｅｔ ＃１"): every reader of the desk sees a
text's reading form (bot/reading.py), the full-width punctuation the rules look for ("，",
"！", "？") kept as typed, and what a reader gives back cut from what was written. Pure
functions, no database."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot import faults, hazard
from bot.complaint_words import complains
from bot.intake.different_matter import points_back
from bot.intake.openers import wants_person
from bot.intake.small_words import is_opening
from bot.intake.which_named import ticket_named
from bot.places import where
from bot.progress_words import asks_progress
from bot.reading import reading
from bot.same_matter import subject
from bot.withdrawal_words import says_withdrawn

_FULL = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F)) if c.isalnum()}


def full_width(text: str) -> str:
    """`text` as a full-width keyboard types it: its ASCII letters and digits full-width, its
    spaces ideographic, "#" as "＃"; nothing else changed."""
    table = {**_FULL, " ": "\u3000", "#": "＃"}
    return "".join(table.get(c, c) for c in text)


# (a reader, the words as typed half-width)
READERS: list[tuple[str, Callable[[str], object], str]] = [
    ("person", wants_person, "human"),
    ("person", wants_person, "I want to talk to a person"),
    ("opener", is_opening, "I have a question"),
    ("fault", faults.reports_fault, "The street light outside my door is broken"),
    ("danger", hazard.kinds, "There is smoke in the stairwell, I think it is on fire"),
    ("progress", asks_progress, "any progress on my ticket?"),
    ("withdrawn", says_withdrawn, "please cancel it, no longer needed"),
    ("complaint", complains, "I want to complain about the clerk at window 3"),
    ("place", lambda t: where(t).places, "和平小区3号楼停电了"),
    ("surge", lambda t: subject(t, None).supplies, "3号楼停电了"),
    ("ticket named", lambda t: points_back(t), "ticket #1 is still not fixed"),
    ("number", lambda t: ticket_named(t, [1, 2]), "#2"),
    ("number", lambda t: ticket_named(t, [1, 2]), "ticket 2"),
]


@pytest.mark.parametrize(
    ("reader", "half"),
    [(reader, half) for _, reader, half in READERS],
    ids=[f"{kind}-{half}" for kind, _, half in READERS],
)
def test_full_width_words_are_read_as_their_ascii_form(
    reader: Callable[[str], object], half: str
) -> None:
    heard = reader(half)
    assert heard  # the reader hears something in the half-width words
    assert reader(full_width(half)) == heard


def test_letters_digits_and_the_ideographic_space_fold_the_punctuation_stays() -> None:
    written = "ＰＡＳＳＰＯＲＴ\u3000１２３４５，怎么办？！ｈｕｍａｎ：＃１２"
    assert reading(written) == "PASSPORT 12345，怎么办？！human：#12"
    assert len(reading(written)) == len(written)


def test_traditional_and_full_width_together() -> None:
    assert reading("和平小區３號樓停電了") == "和平小区3号楼停电了"
