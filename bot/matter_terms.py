"""Which of a requester's matters their words name, as pure functions on plain values: a clerk
with two files open hears "停电那个还没来电" as the power cut's, not the lost ID card's, however
recently the card was spoken of; "停电和身份证的事都怎么样了" names both, and they ask which.

A matter is named by a term of it (a pair of Chinese characters side by side, an English word
of four letters or more: `terms`, words that say nothing of a matter left out) or by a supply
it says is cut (`bot.faults.cut_supplies`: "no power" names "停电了" across languages) that
the words share with it and with no other matter in the reckoning: what all of them share
names none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from bot.faults import cut_supplies
from bot.reading import reading

# Character pairs and words that say nothing of a matter: shared, they tie nothing together.
_COMMON_PAIRS = frozenset(
    {
        "我家",
        "我们",
        "你们",
        "他们",
        "这个",
        "那个",
        "一个",
        "没有",
        "现在",
        "今天",
        "已经",
        "可以",
        "什么",
        "怎么",
        "为什么",
        "小区",
        "家里",
        "门口",
        "楼下",
        "我的",
        "请问",
        "一下",
        "需要",
        "时候",
        "问题",
    }
)
_COMMON_WORDS = frozenset(
    {
        "about",
        "after",
        "also",
        "been",
        "before",
        "being",
        "could",
        "does",
        "from",
        "have",
        "here",
        "into",
        "just",
        "know",
        "like",
        "more",
        "much",
        "need",
        "please",
        "should",
        "some",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "want",
        "what",
        "when",
        "where",
        "which",
        "with",
        "would",
        "your",
        # Numbers and spans of time: "three days" and "three months" tie nothing together.
        *("three", "four", "five", "seven", "eight", "nine", "eleven", "twelve", "twenty"),
        *("thirty", "forty", "fifty", "hundred", "couple", "several", "hour", "hours"),
        *("minute", "minutes", "days", "week", "weeks", "month", "months", "year", "years"),
    }
)
# Chinese characters that say nothing of a matter alone: particles, pronouns, numerals and
# measure words, times and days, where (a building, a road: the place is a detail, not the
# matter), and the commonest verbs and adverbs. "灯" (a light), "吵" (noise), "臭" (a smell)
# say what a matter is; "天" of "三天了" and of "天天晚上" ties nothing together.
_COMMON_CHARACTERS = frozenset(
    "的了着过得地之所我你您他她它们咱自己这那哪此其是有在没無无不别非未很太更最挺真好坏"
    "也都还又就才再总一直已经曾正刚在和与跟及或而但却并且如果因为所以虽然个只件次些点位种"
    "一二三四五六七八九十百千万两几多少半每整全各第上下里外前后左右中内边旁面头处间东西南北"
    "大小高低长短天年月日号周星期时分秒钟今昨明早晚午夜晨家门口楼层栋室户区院路街道巷村"
    "要会能可以想让给把被对从到来去说看做用叫请谢问题事情况麻烦吗呢吧啊呀哦嗯嘛哈么什怎为谁"
    "人死管投诉举报反映条片样阵乎"
)
# Numerals, measure words and times: a pair of characters that say nothing of a matter
# (`_COMMON_CHARACTERS`) with one of these counts or dates ("了三" and "三天" of "坏了三天了",
# "三个" and "个月" of "办了三个月"), no word of a matter.
_COUNTING = frozenset(
    "一二三四五六七八九十百千万两几多半每个只件次些点位种天年月日号周星期时分秒钟今昨明早晚午夜晨"
)
_HAN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z]{4,}")


def characters(text: str) -> frozenset[str]:
    """The Chinese characters of `text` that can tell a matter alone (a Chinese word is often
    one character: "灯", "吵", "臭"), less those that say nothing of one ("的", "天", "楼")."""
    text = reading(text)
    folded = unicodedata.normalize("NFKC", text)
    return frozenset("".join(_HAN.findall(folded))) - _COMMON_CHARACTERS


def terms(text: str) -> frozenset[str]:
    """The terms of `text` that can tell a matter: each pair of Chinese characters side by
    side, each word of another script of four letters or more, casefolded, less those that
    say nothing of a matter ("我家", "这个", "with", a count or a span of time: "了三",
    "三天", "three", "months")."""
    text = reading(text)
    folded = unicodedata.normalize("NFKC", text).casefold()
    pairs = {
        pair
        for run in _HAN.findall(folded)
        for i in range(len(run) - 1)
        if not _counted(pair := run[i : i + 2])
    }
    return frozenset((pairs - _COMMON_PAIRS) | (set(_WORD.findall(folded)) - _COMMON_WORDS))


def _counted(pair: str) -> bool:
    """Whether a pair of Chinese characters only counts or dates (`_COUNTING`): "了三", "三天",
    "个月"."""
    return set(pair) <= _COMMON_CHARACTERS and bool(set(pair) & _COUNTING)


def _marks(text: str) -> frozenset[str]:
    """What may name `text`'s matter: its terms, and each supply it says is cut."""
    return terms(text) | {f"supply:{s}" for s in cut_supplies(text)}


def named(words: str, matters: Mapping[int, str]) -> frozenset[int]:
    """The keys of the `matters` (a ticket's id, say, to its requester's words) that `words`
    name: they share a term or a cut supply with that matter and with no other of them."""
    words = reading(words)
    said = _marks(words)
    if not said:
        return frozenset()
    marks = {key: _marks(text) & said for key, text in matters.items()}
    found = set()
    for key, own in marks.items():
        others = set().union(*(m for k, m in marks.items() if k != key))
        if own - others:
            found.add(key)
    return frozenset(found)
