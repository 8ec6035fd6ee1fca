"""A question written in Chinese and English at once, as requesters in China often write
("我的passport丢了怎么办?", "请问怎么renew我的driving licence?", "How do I 补办 my 社保卡?"),
is searched in the phrasings of each language it has words of, and the better search kept.

The matcher searches the phrasings of the question's language first (`Matcher.search`), and
a template's phrasings of one language never see the words of the other: "我的passport丢了"
searched in Chinese read only 我的, 丢了 and 怎么办 (a lost social security card's), though
the passport template's English phrasings have "passport". Searched in each language, the
passport template is found by its English phrasings, the social security card by its Chinese
ones ("补办", "社保卡"). Searching all phrasings at once instead lets both languages' templates
be each other's rivals, so the one named comes out less sure (measured on these questions:
"Where do I apply for a 护照?" 46 against 83, a hand-over for a did-you-mean). A bilingual
glossary of the base's terms would have to be kept up with every template added; the
templates' own phrasings in each language already are one.

A question of one script alone is searched as before, in its language only: the other
language's search is made only for words of that language's script in the question, two Chinese
characters (a word) or an English word of three letters or more that says more than how it is
asked (not "how", "my"; not a pole number's "LD" or "A12"). Which search is kept: the one
whose best would be answered rather than offered, offered rather than handed over, then the
surer; on a tie the question's own language's."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import Protocol, TypeVar

from knowledge.text import STOP_WORDS, fuzzy_form

CHINESE = "zh"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ENGLISH_WORD = re.compile(r"[a-z]{3,}")
HAN_AT_LEAST = 2  # Chinese characters: a word
BANDS = ("handover", "suggest", "answer")  # `knowledge.matcher.Band`'s values, worst first


class _Found(Protocol):
    @property
    def confidence(self) -> float: ...


F = TypeVar("F", bound=_Found)


def scripts(normal: str) -> tuple[bool, bool]:
    """Whether a normalised question (`knowledge.text.normalise`) has a Chinese word (two
    characters) and whether it has an English word that says what is asked (three letters or
    more, no function word, no letters run into digits)."""
    chinese = len(_HAN.findall(normal)) >= HAN_AT_LEAST
    english = any(
        _ENGLISH_WORD.fullmatch(word) and word not in STOP_WORDS
        for word in fuzzy_form(normal).split()
    )
    return chinese, english


def searched_in(
    normal: str, language: str | None, languages: Collection[str]
) -> tuple[str | None, ...]:
    """The languages whose phrasings a normalised question is searched in: its own
    (`language`, None for all at once) first, then each of `languages` (the base's) in the
    other script when the question has a word of that script (`scripts`): Chinese for an
    English question with "补办", "社保卡"; English (every language in Latin letters) for a
    Chinese one with "passport"."""
    if language is None:
        return (None,)
    chinese, english = scripts(normal)
    if language == CHINESE:
        other = sorted(each for each in languages if each != CHINESE) if english else []
    else:
        other = [CHINESE] if chinese and CHINESE in languages else []
    return (language, *other)


def best_of(searches: Sequence[Sequence[F]], band: Callable[[Sequence[F]], str]) -> Sequence[F]:
    """Of the results of searching one question in several languages (`searched_in`, its own
    first), the one whose `band` is better (answer, then suggest, then hand over), then whose
    best is surer; the first of equals."""

    def rank(found: Sequence[F]) -> tuple[int, float]:
        return BANDS.index(band(found)), found[0].confidence if found else 0.0

    return max(searches, key=rank)
