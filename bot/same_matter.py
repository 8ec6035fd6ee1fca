"""Whether two tickets are about the same matter, for a surge of similar complaints (SPEC rule
9, 群体性投诉): pure functions on plain values.

What a ticket is about is first what the knowledge base recognises in it (its `topic`: the
template it comes close to, in Chinese or in English), so that "小区停水了" and "There is no
water in our building" are one water cut, while a leak and an empty plot are not one matter
however many words their reports share ("小区旁边的水管漏水了没人管",
"小区旁边的空地堆满垃圾没人管").
Where the knowledge base does not recognise both, their words decide: Chinese compared by
character and by pair of characters together (Chinese words are mostly two characters:
"停水" and "漏水" share "水" but are other words), other scripts by word. When it recognises one
only, that is a sign they differ, and the pairs alone must agree as well. The category
decides nothing: a water cut filed as a complaint and one filed as a fault report are still
one water cut.

One matter is also one thing at one place. Two reports naming different things (config
`surge.objects`: a sewer by a street light is no broken light, whatever topic its words
recall) are never one; two naming different places (an address with its number, a pole's
code) are one only when their matter is an area's (`area`: a water cut or a power cut
reaches many addresses at once; a broken street light at another address is another light).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

_HAN = "\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]|[^\W_{_HAN}]+")
_RUN = re.compile(rf"([{_HAN}]+)|[^\W_{_HAN}]+")


@dataclass(frozen=True)
class Subject:
    """What a ticket is about: `topic`, the id of the knowledge-base template its question
    comes close to (None: none does); `characters`, its words one token each (a Chinese
    character, or a word of another script), casefolded and space-joined; `pairs`, the same
    with each run of Chinese characters as its overlapping pairs."""

    topic: str | None
    characters: str
    pairs: str
    places: frozenset[str] = frozenset()
    objects: frozenset[int] = frozenset()
    area: bool = False


# A place a report names: a numbered address (its road's name before it when given: "幸福路23号",
# "3号楼", "No. 23", "12 park road") or a code (a pole's, a manhole's: "LD-0457").
_CHINESE_ADDRESS = re.compile(
    rf"((?:[{_HAN}]{{2}}(?:路|街|大道|巷|弄))?)\s*(\d+)\s*(号楼|号院|号|栋|幢|单元|室)"
)
_ENGLISH_ADDRESS = re.compile(
    r"\b(?:no\.?|number|#)\s*(\d+)\b"
    r"|\b(\d+)\s+((?:[a-z]+\s+){0,2}(?:road|rd|street|st|avenue|ave|lane|way))\b"
)
_CODE = re.compile(r"(?<![a-z])([a-z]{1,4})-?(\d{3,})(?!\d)")


def places(folded: str) -> frozenset[str]:
    """The places a (NFKC-normalised, casefolded) text names, each as one mark."""
    marks = {"".join(found.groups()) for found in _CHINESE_ADDRESS.finditer(folded)}
    for found in _ENGLISH_ADDRESS.finditer(folded):
        number = found.group(1) or found.group(2)
        marks.add(f"{number} {found.group(3)}" if found.group(3) else f"no {number}")
    marks.update(f"{a}-{n}" for a, n in _CODE.findall(folded))
    return frozenset(marks)


def _objects(folded: str, objects: tuple[tuple[str, ...], ...]) -> frozenset[int]:
    return frozenset(
        n
        for n, names in enumerate(objects)
        if any(unicodedata.normalize("NFKC", name).casefold() in folded for name in names)
    )


@functools.lru_cache(maxsize=4096)  # the surge check reads every recent ticket's on each new one
def subject(
    question: str,
    topic: str | None,
    *,
    objects: tuple[tuple[str, ...], ...] = (),
    area: bool = False,
) -> Subject:
    """The subject of a ticket's `question` (any text; NFKC-normalised, punctuation dropped):
    the things of `objects` (config `surge.objects`) and the places it names; `area`: its
    topic is a matter of an area (its template's `handling.area`)."""
    folded = unicodedata.normalize("NFKC", question).casefold()
    pairs: list[str] = []
    for found in _RUN.finditer(folded):
        run = found.group()
        if found.group(1) and len(run) > 1:  # Chinese characters
            pairs.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            pairs.append(run)
    return Subject(
        topic,
        " ".join(_TOKEN.findall(folded)),
        " ".join(pairs),
        places(folded),
        _objects(folded, objects),
        area,
    )


def _same_thing_and_place(a: Subject, b: Subject) -> bool:
    """No different things named, and no different places unless the matter is an area's
    (both named: one place each names in common)."""
    if a.objects and b.objects and a.objects != b.objects:
        return False
    if a.topic is not None and a.topic == b.topic and a.area:
        return True
    return not (a.places and b.places and not a.places & b.places)


def alike(a: Subject, b: Subject, similarity: float) -> bool:
    """Whether two subjects are one matter: never when they name different things, or
    different places for a matter not an area's (`_same_thing_and_place`); the same topic
    when the knowledge base knows both; else their characters and pairs together alike, by
    rapidfuzz's token-set ratio (0-100), at least `similarity` (config `surge.similarity`),
    and when it knows one of them, their pairs alone alike as much too. Symmetric."""
    if not _same_thing_and_place(a, b):
        return False
    if a.topic is not None and b.topic is not None:
        return a.topic == b.topic
    words = fuzz.token_set_ratio(f"{a.characters} {a.pairs}", f"{b.characters} {b.pairs}")
    if words < similarity:
        return False
    return (a.topic is None and b.topic is None) or fuzz.token_set_ratio(
        a.pairs, b.pairs
    ) >= similarity
