"""Text for matching: one normal form for Chinese and English, and the features taken from it.

Normalisation: Unicode NFKC (full-width letters and digits become half-width), traditional
characters to simplified (OpenCC, `simplified`: the desk's readers read requesters' words with
it too, bot/reading.py), case folded, punctuation to spaces. Features: character n-grams of
length 1 to 4 inside each word, the word padded with a space on each side (the `char_wb`
scheme; single characters only outside ASCII). For Chinese, which has no spaces,
that is every character, pair, triple and quadruple of a phrase, so no word segmenter is
needed (measured against jieba's word segmentation in `benchmarks/matcher.py`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import opencc

_NOT_WORD = re.compile(r"[\W_]+")
# Han characters: the unified ideographs with extension A, the compatibility ones (NFKC maps
# most of them into the unified block), and extensions B to H (U+20000-U+323AF: rare
# characters of names and places, "𠮷").
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
# A Han character alone, or a run of other letters and digits: a run stops at a Han character,
# so a number or a Latin word does not swallow the Chinese after it ("3号楼停水了" was one
# token, its 停水 lost to rapidfuzz; bot/same_matter.py's tokens were mended the same way).
_FUZZY_TOKEN = re.compile(rf"[{_HAN}]|[^\W_{_HAN}]+")
NGRAM_MIN, NGRAM_MAX = 1, 4

# Taiwan's standard first (`tw2s`): its variants as OpenCC's standard ("著火", "睡著了" -> "着火",
# "睡着了"; "著名" stays), then those characters simplified as `t2s` does.
_to_simplified = opencc.OpenCC("tw2s")

# English function words: in a thin base (`knowledge.index.THIN_BASE`) their n-grams count
# STOP_WEIGHT of an occurrence, in phrasings and questions alike: IDF over one phrasing a
# template cannot tell "my" or "how" from a content word. Measured (`benchmarks/matcher.py`,
# one phrasing a template): top-1 +0.8 point on BANKING77, +0.9 on HWU64; with many phrasings
# IDF knows better (-0.6 point there), so a rich base counts them whole.
STOP_WEIGHT = 0.5
_STOP_TEXT = (
    "a an the i im me my mine we our us you your it its is are am was were be been being do "
    "does did to of in on at for from by with and or but so if can could would will should "
    "shall may might must how what when where why which who whom this that these those there "
    "here please hi hello hey just"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())


def word_weight(word: str, stop_weight: float) -> float:
    """How much one occurrence of a (normalised) word counts: `stop_weight` for a function
    word, else 1."""
    return stop_weight if word in STOP_WORDS else 1.0


def simplified(text: str) -> str:
    """`text` with its traditional characters as simplified ones (OpenCC `tw2s`: phrases
    first, "頭髮" -> "头发", then single characters: "3號樓停電了" -> "3号楼停电了"), nothing
    else changed: character for character as long as `text` (OpenCC's tables map a character
    or a phrase to as many; checked, the text kept whole otherwise), so a position found in
    the one is the same in the other."""
    if text.isascii():
        return text
    converted = _to_simplified.convert(text)
    return converted if len(converted) == len(text) else text


# Chinese words said two ways for one thing, folded to the one the knowledge base's phrasings
# tend to use, in questions and phrasings alike: "医保卡在外地能用吗" asks the template of
# 异地就医 (issue 14: the question reached no template). Only words that mean the same in
# every context they are asked in.
SAME_WORDS = {"外地": "异地"}
_SAME_WORD = re.compile("|".join(map(re.escape, SAME_WORDS)))


# English words spelt or said two ways (American and British, a variant), folded to the
# British one the knowledge base's phrasings use, in questions and phrasings alike: "my
# driver's license expired" reads "licence", "the elevator is stuck" reads "lift". Whole
# words only, and only words that mean the same in every context they are asked in: no
# "sidewalk" -> "pavement" (the road-repair template names both, and folding one into the
# other moved a broken kerb's scores), no "meter" (a taxi's or a water meter, not a metre).
SAME_ENGLISH = {
    "license": "licence",
    "licenses": "licences",
    "licensed": "licenced",
    "center": "centre",
    "centers": "centres",
    "elevator": "lift",
    "elevators": "lifts",
    "color": "colour",
    "colored": "coloured",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
    "neighborhood": "neighbourhood",
    "labor": "labour",
    "apartment": "flat",
    "apartments": "flats",
    "faucet": "tap",
    "faucets": "taps",
    "garbage": "rubbish",
    "trash": "rubbish",
    "cab": "taxi",
    "cabs": "taxis",
    "enroll": "enrol",
    "canceled": "cancelled",
    "canceling": "cancelling",
    "organization": "organisation",
    "organize": "organise",
    "gray": "grey",
    "mold": "mould",
    "odor": "odour",
    "favor": "favour",
    "traveling": "travelling",
    "fiber": "fibre",
    "theater": "theatre",
    "mom": "mum",
}


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The form both languages are compared in: NFKC, simplified, one word for each of
    `SAME_WORDS`, case folded, no punctuation, one word for each of `SAME_ENGLISH`."""
    text = unicodedata.normalize("NFKC", text)
    text = _SAME_WORD.sub(lambda found: SAME_WORDS[found.group(0)], simplified(text))
    text = _NOT_WORD.sub(" ", text.casefold())
    return " ".join(SAME_ENGLISH.get(word, word) for word in text.split())


def fuzzy_form(normal: str) -> str:
    """What rapidfuzz compares: a normalised text (`normalise`) as space-separated tokens,
    each Han character one token, each run of other letters and digits one token ending where
    a Han character begins ("幸福路3号楼" -> "幸 福 路 3 号 楼", "wifi密码" -> "wifi 密 码")."""
    return " ".join(_FUZZY_TOKEN.findall(normal))


_HAN_CHAR = re.compile(rf"[{_HAN}]")


def guess_language(text: str) -> str:
    """'zh' when the text has any Han character, else 'en'."""
    return "zh" if _HAN_CHAR.search(text) else "en"


_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit constant (golden ratio)
_LAST_ASCII = 127


def gram_hashes(
    normals: Sequence[str],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """The character n-grams of many normalised texts as 64-bit hashes, computed in numpy.

    Returns (row, hash, n) for every n-gram occurrence: each word padded with a space on both
    sides, lengths NGRAM_MIN to NGRAM_MAX, single characters only outside ASCII. Hashing
    instead of keeping the strings makes building an index of 100k phrasings a matter of array
    operations; two distinct n-grams sharing a hash is a 1 in 2^64 event.
    """
    words = [word for text in normals for word in text.split()]
    words_per_text = np.fromiter((len(t.split()) for t in normals), np.int64, len(normals))
    if not words:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros(0, np.int64)
    padded = "".join(f" {word} " for word in words)
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter((len(w) + 2 for w in words), np.int64, len(words))
    word_of = np.repeat(np.arange(len(words)), lengths)
    row_of_word = np.repeat(np.arange(len(normals)), words_per_text)
    rows_out: list[npt.NDArray[np.int64]] = []
    hashes_out: list[npt.NDArray[np.uint64]] = []
    orders_out: list[npt.NDArray[np.int64]] = []
    total = len(codes)
    with np.errstate(over="ignore"):
        for n in range(NGRAM_MIN, NGRAM_MAX + 1):
            starts = np.arange(total - n + 1)
            inside = word_of[starts] == word_of[starts + n - 1]
            if n == 1:
                # Single letters say little in alphabetic text and make up a third of all
                # n-grams; single characters of Chinese (and other non-ASCII scripts) are words.
                inside &= codes[starts] > _LAST_ASCII
            starts = starts[inside]
            value = np.full(len(starts), np.uint64(n))
            for k in range(n):
                value = value * _MIX + codes[starts + k]
            rows_out.append(row_of_word[word_of[starts]])
            hashes_out.append(value)
            orders_out.append(np.full(len(starts), n, np.int64))
    return np.concatenate(rows_out), np.concatenate(hashes_out), np.concatenate(orders_out)


_MASK = (1 << 64) - 1


@lru_cache(maxsize=65536)
def _word_grams(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The n-gram hashes of one word (padded), as `gram_hashes` makes them, and their n."""
    mix = int(_MIX)
    codes = [ord(ch) for ch in f" {word} "]
    grams, orders = [], []
    for n in range(NGRAM_MIN, NGRAM_MAX + 1):
        for start in range(len(codes) - n + 1):
            if n == 1 and codes[start] <= _LAST_ASCII:
                continue
            value = n
            for code in codes[start : start + n]:
                value = (value * mix + code) & _MASK
            grams.append(value)
            orders.append(n)
    return tuple(grams), tuple(orders)


@lru_cache(maxsize=65536)
def _word_gram_arrays(word: str) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """`_word_grams` as arrays, remembered (questions repeat words)."""
    grams, orders = _word_grams(word)
    return np.array(grams, dtype=np.uint64), np.array(orders, dtype=np.int64)


def text_gram_counts(
    normal: str, stop_weight: float = 1.0
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """The distinct n-gram hashes of one text, ascending, how often each occurs, and each
    one's n: `text_grams` without the English flags."""
    grams = text_grams(normal, stop_weight)
    return grams.hashes, grams.counts, grams.orders


class TextGrams(NamedTuple):
    """The distinct n-grams of one text (`text_grams`)."""

    hashes: npt.NDArray[np.uint64]  # ascending
    counts: npt.NDArray[np.float64]
    orders: npt.NDArray[np.int64]  # n
    english: npt.NDArray[np.bool_]  # from a word of ASCII characters


def text_grams(normal: str, stop_weight: float = 1.0) -> TextGrams:
    """The distinct n-gram hashes of one text, ascending, how often each occurs, each one's n,
    and whether it comes from a word of ASCII characters (counts float: a function word's
    occurrence counts `stop_weight`): the hashes of `gram_hashes`, each word's remembered as
    arrays, so that a question costs a few numpy operations however long it is (a long
    question's n-grams counted in Python were most of its search: measured, the slowest
    hundredth of searches)."""
    words = Counter(normal.split())
    if not words:
        return TextGrams(
            np.zeros(0, np.uint64),
            np.zeros(0, np.float64),
            np.zeros(0, np.int64),
            np.zeros(0, bool),
        )
    arrays = [_word_gram_arrays(word) for word in words]
    sizes = [len(grams) for grams, _ in arrays]
    hashes = np.concatenate([grams for grams, _ in arrays])
    weights = np.repeat(
        np.fromiter(
            (count * word_weight(word, stop_weight) for word, count in words.items()),
            np.float64,
            len(words),
        ),
        sizes,
    )
    english = np.repeat(np.fromiter((w.isascii() for w in words), bool, len(words)), sizes)
    distinct, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    counts = np.bincount(inverse.ravel(), weights, len(distinct)).astype(np.float64, copy=False)
    orders = np.concatenate([orders for _, orders in arrays])[first].astype(np.int64, copy=False)
    return TextGrams(distinct.astype(np.uint64, copy=False), counts, orders, english[first])


# Words before a question that only greet or say a question follows (`without_lead`). Read on
# the text simplified and case folded; each lead followed by any marks and spaces. Not "你好像"
# ("you seem"), "喂养" (feeding), "麻烦你了" (thanks) or "麻烦死了".
_GREETING = (
    r"(?:(?:你们?|您|大家|早上|上午|中午|下午|晚上)好(?![像象似几多久看听吃用办做])|早安|哈喽|哈啰|嗨|"
    r"喂(?![养奶食药])|在吗|在不在|有人吗)(?:啊|呀|哇|哈|呢|哦)?(?:师傅|同志|各位)?|"
    r"打扰(?:您|你)?一?下|"
    r"(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening|day))\b"
    r"(?: there| sirs?| madam| team| all| everyone| everybody| guys| folks)?\b|"
    r"excuse me\b|sorry to (?:bother|trouble) you\b"
)
# "下" of "问下" is not the first character of the question's "下午", "下水道", "下载".
_DOWN = r"(?:一下|下(?![午水载面班雨周月个]))"
_ASKING_ZH = (
    rf"(?:我|俺)?(?:还|也|就)?(?:想|要|想要)(?:问|请教|咨询|打听|了解)(?:问|{_DOWN})?|"
    rf"(?:麻烦|劳驾)(?=您|你|问|打听|咨询|一下|下|[\W_])(?!(?:您|你)?了)(?:您|你)?"
    rf"(?:(?:问|打听|咨询){_DOWN}?|{_DOWN})?|"
    rf"请(?:您|你)?(?:问|教){_DOWN}?|(?:我|俺)?(?:问|咨询|请教|打听){_DOWN}|"
    rf"(?:我|俺)?有(?:个|一个)(?:小)?问题|"
    rf"(?:我|俺)?(?:有|就是)?(?:个|一个)?(?:事|问题)想?(?:问|咨询|请教){_DOWN}?"
)
_ASKING_EN = (
    r"(?:please )?(?:could|can|would|will) (?:you|u) (?:please )?(?:tell|let) me(?: know)?\b|"
    r"(?:please )?(?:tell me|let me know)\b|do you know\b|"
    r"i(?:['’]d| would|['’]m| am)? (?:also |just )?"
    r"(?:like|want|wanted|wanting|wish|need|hope|hoping)"
    r" to (?:ask|know|enquire|inquire|check)(?: you)?(?: about)?\b|"
    r"i(?: was| am|['’]m) (?:just )?wondering(?: about)?\b|"
    r"(?:can|could|may) i ask(?: you)?(?: about)?\b|"
    r"(?:i have )?(?:a |one )?(?:quick )?question(?: for you| about)?\b"
)
_LEAD = re.compile(rf"^(?:(?:{_GREETING}|{_ASKING_ZH}|{_ASKING_EN})[\W_]*)+")


def without_lead(text: str) -> str:
    """`text` without the words before its question that only greet or say a question follows,
    however many: a greeting ("你好", "您好", "嗨", "打扰一下", "hi", "hello there", "good
    morning", "excuse me") and asking words ("请问(一下)", "我想咨询一下", "麻烦问下", "有个问题想
    问下", "could you tell me", "I'd like to ask", "I was wondering", "quick question"), each with
    the marks and spaces after it: "你好，请问一下，公积金怎么提取?" -> "公积金怎么提取?", "Hi,
    could you tell me how to renew my ID card?" -> "how to renew my ID card?". Read in
    simplified characters, case folded ("請問" too); the rest is the text as written. Never
    empty: when no word would be left ("你好", "请问一下?"), the text as it is. Its output is
    its own fixed point (the leads are taken while any is left). Asked of questions only: a
    template's phrasing keeps its words (stripped too, 6 of CrossWOZ's 1,049 answerable
    questions lost their top-1)."""
    found = _LEAD.match(simplified(text).casefold())
    if found is None or len(text.casefold()) != len(text):
        return text
    rest = text[found.end() :]
    return rest if any(ch.isalnum() for ch in rest) else text
