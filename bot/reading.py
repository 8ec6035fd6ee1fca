"""The reading form of a requester's words: what the desk's readers see (danger and peril,
faults and supply cuts, resolution, progress and withdrawal words, places, details, cue
words, the surge check), their words being written in Simplified Chinese. Traditional
characters read as Simplified ("和平小區3號樓停電了" is "和平小区3号楼停电了"), with the knowledge
base's own conversion (`knowledge.text.simplified`, OpenCC `tw2s`), so the matcher and the
readers agree. Full-width forms (U+FF01-FF5E: a Chinese phone keyboard in full-width mode
types "ｈｕｍａｎ", "３号楼", "＃１２", "？") and the ideographic space (U+3000) read as their
ASCII forms, as NFKC folds them, and a phone's curly apostrophe ("haven’t") reads as
the straight one: the rules are written with ASCII marks, and every rule that
names a full-width mark ("，", "！", "？", "：", "；") names its ASCII one beside it
(tests/bot/test_full_width_read.py checks), so none is lost. Only read: what the requester
wrote is stored and shown as written.

The form is as long as the text, character for character: a position a reader finds in it is
the same in what was written, and a reader returning part of the words (the question after a
lead, a notice's own words) cuts it from what was written (`as_written`)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache, wraps
from typing import Concatenate, ParamSpec, TypeVar, cast

from bot.remembered import remembered
from knowledge.text import simplified

P = ParamSpec("P")
R = TypeVar("R")

_KEPT = 4096  # texts remembered, the least recently read forgotten first

# The full-width forms of ASCII ("！" to "～") and the ideographic space, each to its ASCII
# form (one character for one: the reading form stays as long as the text).
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: ord(" ")}
# A phone's curly apostrophes ("haven’t", "I‘m") read as the straight one the rules name.
_FOLDED = _HALF_WIDTH | {0x2018: ord("'"), 0x2019: ord("'")}


@lru_cache(maxsize=_KEPT)
def reading(text: str) -> str:
    """`text` as the readers read it: its traditional characters simplified, its full-width
    forms and ideographic spaces in ASCII, curly apostrophes straight, nothing else changed,
    as long as `text`."""
    if text.isascii():
        return text
    return simplified(text.translate(_FOLDED))


def as_written(part: str, read: str, written: str) -> str:
    """The words of `written` that `part` is in `read` (`reading(written)`): `part` found in
    `read` and cut from `written` at the same place; `part` itself when it is not there (a
    reader's words of its own)."""
    if read == written or len(read) != len(written) or not part:
        return part
    if read.startswith(part):  # a lead
        return written[: len(part)]
    if read.endswith(part):  # what follows it
        return written[len(read) - len(part) :]
    at = read.find(part)
    return part if at < 0 else written[at : at + len(part)]


def read(reader: Callable[Concatenate[str, P], R]) -> Callable[Concatenate[str, P], R]:
    """`reader` (of a text first, then anything) reading the text's reading form; a reader
    of the text alone remembers what it read (`bot.remembered`: one message's first inquiry
    asks `wants_person` of its words seven times), its result being immutable."""
    kept = remembered(reader) if len(inspect.signature(reader).parameters) == 1 else None

    @wraps(reader)
    def reading_form(text: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if kept is not None and not args and not kwargs:
            return kept(reading(text))
        return reader(reading(text), *args, **kwargs)

    return reading_form


def cut_from_written(reader: Callable[[str], R]) -> Callable[[str], R]:
    """`reader` (a text in; None, a part of it, a tuple or a dataclass of parts and other
    values out) reading the text's reading form, each part it returns cut from what was
    written (`as_written`): "謝謝。另外,路燈壞了" is read as "谢谢。另外,路灯坏了", its question
    kept as "路燈壞了"."""

    @wraps(reader)
    def reading_form(text: str) -> R:
        seen = reading(text)
        found = reader(seen)
        if seen == text or found is None:
            return found
        return cast("R", _written_parts(found, seen, text))

    return reading_form


def _written_parts(found: object, seen: str, text: str) -> object:
    if type(found) is str:  # a part (an enumeration's str value is no part)
        return as_written(found, seen, text)
    if type(found) is tuple:
        return tuple(_written_parts(item, seen, text) for item in found)
    if is_dataclass(found) and not isinstance(found, type):
        kept = {f.name: _written_parts(getattr(found, f.name), seen, text) for f in fields(found)}
        return replace(found, **kept)
    return found
