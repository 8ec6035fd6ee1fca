"""Full-width letters and digits are read as their ASCII forms (a Chinese phone keyboard in
full-width mode types "ｈｕｍａｎ", "３号楼", "ｔｉｃｋｅｔ ＃１"): every reader of the desk sees a
text's reading form (bot/reading.py), the full-width punctuation the rules look for ("，",
"！", "？") kept as typed, and what a reader gives back cut from what was written. Pure
functions, no database."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import faults, hazard
from bot.complaint_words import complains
from bot.intake.complaint_opener import complaint_told
from bot.intake.different_matter import points_back
from bot.intake.new_matter import closing_and_new, reads_as_question
from bot.intake.openers import wants_person
from bot.intake.second import two_questions
from bot.intake.small_words import is_opening
from bot.intake.two_matters import question_then_matter
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


def test_full_width_forms_and_the_ideographic_space_fold_to_ascii() -> None:
    written = "ＰＡＳＳＰＯＲＴ\u3000１２３４５，怎么办？！ｈｕｍａｎ：＃１２（３号楼）"
    assert reading(written) == "PASSPORT 12345,怎么办?!human:#12(3号楼)"
    assert len(reading(written)) == len(written)
    assert reading("路灯坏了。、") == "路灯坏了。、"  # no full-width forms of ASCII: kept


def test_traditional_and_full_width_together() -> None:
    assert reading("和平小區３號樓停電了") == "和平小区3号楼停电了"


_PUNCTUATION = str.maketrans({",": "，", "!": "！", "?": "？", ";": "；", ":": "："})


def _full_marks(found: object) -> object:
    """`found` (a part, a tuple of parts, or another value) with its ASCII marks full-width."""
    if isinstance(found, str):
        return found.translate(_PUNCTUATION)
    if isinstance(found, tuple):
        return tuple(_full_marks(item) for item in found)
    return found


# (a reader, words with ASCII marks): typed with "，！？；：" they read the same. Several
# readers' marks had lost their full-width forms ("[,,。" for "[,，。"), so "还有，" opened no
# new matter and "路灯又坏了？" asked nothing.
MARKED: list[tuple[str, Callable[[str], object], str]] = [
    ("question", reads_as_question, "路灯又坏了?"),
    ("closing", closing_and_new, "谢谢。还有,我家门口的路灯坏了"),
    ("two questions", two_questions, "你们几点上班?另外社保卡丢了怎么补?"),
    ("two matters", question_then_matter, "请问怎么办理居住证?另外我家楼下路灯坏了一个星期了。"),
    ("complaint opener", complaint_told, "你好!我想反映一个情况:小区门口的垃圾好几天没人清运了"),
]


@pytest.mark.parametrize(
    ("reader", "half"),
    [(reader, half) for _, reader, half in MARKED],
    ids=[f"{kind}-{half}" for kind, _, half in MARKED],
)
def test_full_width_marks_read_as_ascii_ones(reader: Callable[[str], object], half: str) -> None:
    heard = reader(half)
    assert heard
    assert reader(half.translate(_PUNCTUATION)) == _full_marks(heard)


def _literals(tree: ast.AST) -> list[str]:
    """The string literals of a module but its docstrings."""
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def test_every_full_width_mark_a_rule_names_has_its_ascii_one_beside_it() -> None:
    """The readers read full-width marks as ASCII ones (`reading`): a literal of the desk's
    code that names "，" without "," would never match what they read."""
    root = Path(__file__).resolve().parents[2]
    lonely = []
    for path in sorted([*root.glob("bot/**/*.py"), *root.glob("handlers/**/*.py")]):
        for literal in _literals(ast.parse(path.read_text(encoding="utf-8"))):
            if len(literal) == 1:  # a mark alone, named beside its ASCII one in the code
                continue
            for mark in {c for c in literal if 0xFF01 <= ord(c) <= 0xFF5E and not c.isalnum()}:
                if chr(ord(mark) - 0xFEE0) not in literal:
                    lonely.append((path.relative_to(root).as_posix(), mark, literal[:60]))
    assert lonely == []
