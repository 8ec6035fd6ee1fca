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


@functools.lru_cache(maxsize=4096)  # the surge check reads every recent ticket's on each new one
def subject(question: str, topic: str | None) -> Subject:
    """The subject of a ticket's `question` (any text; NFKC-normalised, punctuation dropped)."""
    folded = unicodedata.normalize("NFKC", question).casefold()
    pairs: list[str] = []
    for found in _RUN.finditer(folded):
        run = found.group()
        if found.group(1) and len(run) > 1:  # Chinese characters
            pairs.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            pairs.append(run)
    return Subject(topic, " ".join(_TOKEN.findall(folded)), " ".join(pairs))


def alike(a: Subject, b: Subject, similarity: float) -> bool:
    """Whether two subjects are one matter: the same topic when the knowledge base knows
    both; else their characters and pairs together alike, by rapidfuzz's token-set ratio
    (0-100), at least `similarity` (config `surge.similarity`), and when it knows one of them,
    their pairs alone alike as much too. Symmetric."""
    if a.topic is not None and b.topic is not None:
        return a.topic == b.topic
    words = fuzz.token_set_ratio(f"{a.characters} {a.pairs}", f"{b.characters} {b.pairs}")
    if words < similarity:
        return False
    return (a.topic is None and b.topic is None) or fuzz.token_set_ratio(
        a.pairs, b.pairs
    ) >= similarity
