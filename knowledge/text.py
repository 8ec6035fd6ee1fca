"""Text for matching: one normal form for Chinese and English, and the features taken from it.

Normalisation: Unicode NFKC (full-width letters and digits become half-width), traditional
characters to simplified (OpenCC), case folded, punctuation to spaces. Features: character
n-grams of length 1 to 4 inside each word, the word padded with a space on each side (the
`char_wb` scheme). For Chinese, which has no spaces, that is every character, pair, triple and
quadruple of a phrase, so no word segmenter is needed; measured against word segmentation in
`benchmarks/matcher.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import opencc

_NOT_WORD = re.compile(r"[\W_]+")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FUZZY_TOKEN = re.compile(rf"[{_HAN}]|[^\W_]+")
NGRAM_MIN, NGRAM_MAX = 1, 4

_to_simplified = opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The form both languages are compared in: NFKC, simplified, case folded, no punctuation."""
    text = unicodedata.normalize("NFKC", text)
    text = _to_simplified.convert(text)
    text = _NOT_WORD.sub(" ", text.casefold())
    return " ".join(text.split())


def fuzzy_form(normal: str) -> str:
    """Han characters as single tokens, other words whole: what rapidfuzz compares."""
    return " ".join(_FUZZY_TOKEN.findall(normal))


def ngrams(normal: str) -> Counter[str]:
    """Character n-grams of every word of an already normalised text."""
    grams: list[str] = []
    for word in normal.split():
        padded = f" {word} "
        length = len(padded)
        grams += [
            padded[i : i + n]
            for n in range(NGRAM_MIN, NGRAM_MAX + 1)
            for i in range(length - n + 1)
        ]
    counts = Counter(grams)
    counts.pop(" ", None)  # a lone space carries nothing
    return counts


_HAN_CHAR = re.compile(rf"[{_HAN}]")


def guess_language(text: str) -> str:
    """'zh' when the text has any Han character, else 'en'."""
    return "zh" if _HAN_CHAR.search(text) else "en"
