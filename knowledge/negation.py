"""Negated terms: a condition a question says is absent is no evidence for a template that
requires it ("没买房可以取公积金吗", "I haven't bought a home, can I take out my housing
fund?" are not the housing fund for buying a home).

Read clause by clause (a negated phrase ends with its clause), in the normal form
(`knowledge.text.normalise`). Chinese: 没 / 没有 / 未 / 不是, then
the Han characters up to a particle, a modal verb or the end of the phrase (at most
WINDOW_ZH); the term is that window's first two characters (no segmenter: a word's first two
characters name it well enough to find it in a phrasing), and a single character is no term
("没水了", "没电了": the absence is the matter of the outage, and one character is too common
to tell); 非 and 无 make a word with the one character after them (无房, 非法), so they negate
no term. The question form 有没有 / 是不是 / 买没买 negates nothing, nor do compounds like 没事
or 无论. English: not, no, never, without, cannot and the n't forms, then up to WINDOW_EN
words besides articles, possessives and -ly adverbs, and not past any other function word
("no water at home" negates water, "haven't bought a home" bought and home); the terms are its
words of three letters or more, and a phrase that only says the speaker's attitude ("I don't
know", "it doesn't seem to") negates nothing.

Only a phrase said as a condition of a question counts against a template (`Negation.conditions`:
after if / unless, with without, or before "can I", 可以, 能: "没买房可以取公积金吗"); one that
tells what is wrong ("还没恢复供水", "I still haven't received my card") does not, and the
template about that absence answers it. What the matcher does with them:
`knowledge.contradicted`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from knowledge.text import STOP_WORDS, normalise

WINDOW_ZH = 4
WINDOW_EN = 2
TERM_ZH = 2
_NEGATORS_ZH = ("没有", "不是", "没", "未", "非", "无")
# Negators that make a word with the one character after them (无房, 无业, 非法): what they
# negate is that character, no term ("无房租房提取公积金" is the rent template's, not "房租").
_BOUND_ZH = frozenset({"非", "无"})
# Words that begin with a negator and negate nothing (or nothing a template is about).
_COMPOUNDS_ZH = (
    "非常",
    "无论",
    "未来",
    "无线",
    "无聊",
    "没事",
    "没关系",
    "没什么",
    "没问题",
    "没想到",
    "没多久",
    "没多少",
)
# What ends a Chinese window: sentence particles and modal verbs ("没买房可以取" is 买房).
_STOPS_ZH = frozenset("了吗呢吧啊呀么的可能会要想怎该还也都就时后")
# Inside a window and not part of the term: aspect particles ("没买过房" is 买房).
_SKIPPED_ZH = frozenset("过着")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]")
# Negating words; the n't forms also typed without the apostrophe.
_NEGATORS_EN = frozenset(
    {"not", "no", "never", "without", "cannot", "dont", "didnt", "cant", "doesnt", "havent"}
    | {"hasnt", "hadnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "couldnt"}
    | {"shouldnt"}
)
# Verbs whose negation is the speaker's attitude, not a condition ("I don't know which
# currencies", "I don't want to complain", "it doesn't seem to work").
_ATTITUDES_EN = frozenset(
    {"know", "think", "understand", "like", "want", "seem", "seems", "mind", "care", "sure"}
    | {"able", "need", "believe", "remember", "recognise", "recognize"}
)
# A negated phrase is a condition ("没买房可以取公积金吗", "if I did not buy a house", "I haven't
# bought a home, can I ...") after if / unless or with without, or when the text after it asks
# whether something may be done; "还没恢复供水" or "I still haven't received my card" are no
# condition: they tell what is wrong.
_IF_EN = frozenset({"if", "unless"})
_ASKS_EN = re.compile(
    r"\b(?:(?:can|could|may|am|will|would|is) (?:i|we|it)|is there)\b|\bpossible\b"
    r"|\ballowed\b|\beligible\b"
)
_IF_ZH = ("如果", "要是", "假如")
_ASKS_ZH = re.compile(r"可以|能|可否|是否|行吗|行不行")
# Function words a negated phrase goes on over ("haven't bought a home"); any other ends it.
_DETERMINERS = frozenset(
    {"a", "an", "the", "my", "our", "your", "their", "his", "her", "its", "any"}
)


class Negation(NamedTuple):
    """What a text negates: its negated phrases, each as its terms, and the text, normalised,
    without the negated words (negators and their windows)."""

    phrases: tuple[tuple[str, ...], ...]
    conditions: tuple[tuple[str, ...], ...]  # the phrases said as a condition of a question
    affirmed: str

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(term for phrase in self.phrases for term in phrase))


def _english_negator(words: Sequence[str], i: int) -> bool:
    """Whether words[i] negates: a negating word, or the "t" of a n't form ("haven t")."""
    word = words[i]
    if word in _NEGATORS_EN:
        return True
    return word == "t" and i > 0 and words[i - 1].endswith("n")


def _english(words: list[str], later: str) -> tuple[list[tuple[str, ...]], list[bool], list[str]]:
    """The negated phrases of a clause's words, whether each is a condition, and the words
    kept (`later`: the clauses after this one)."""
    if _NEGATORS_EN.isdisjoint(words) and "t" not in words:
        return [], [], list(words)  # no negating word
    phrases: list[tuple[str, ...]] = []
    conditions: list[bool] = []
    kept: list[str] = []
    last = -1  # where the last word kept stands in `words`
    i = 0
    while i < len(words):
        if not words[i].isascii() or not _english_negator(words, i):
            kept.append(words[i])
            last = i
            i += 1
            continue
        if words[i] == "t" and last == i - 1:
            kept.pop()  # the "haven" of "haven t"
            last = -1
        end, content = i + 1, 0
        while end < len(words) and content < WINDOW_EN and words[end].isascii():
            if words[end] in STOP_WORDS and words[end] not in _DETERMINERS:
                break  # "no water at home" negates water, not home
            content += words[end] not in _DETERMINERS and not words[end].endswith("ly")
            end += 1
        window = words[i + 1 : end]
        terms = tuple(
            w for w in window if w not in STOP_WORDS and len(w) > 2 and not w.endswith("ly")
        )
        if terms and terms[0] not in _ATTITUDES_EN:
            phrases.append(terms)
            conditions.append(
                words[i] == "without"
                or bool(_IF_EN.intersection(words[max(0, i - 4) : i]))
                or bool(_ASKS_EN.search(" ".join(words[end:]) + " " + later))
            )
        i = end
    return phrases, conditions, kept


def _chinese(word: str, later: str) -> tuple[list[tuple[str, ...]], list[bool], str]:
    """The negated terms of a run of characters, whether each is a condition, and the run
    without the negated words (`later`: the text after the run)."""
    phrases: list[tuple[str, ...]] = []
    conditions: list[bool] = []
    out: list[str] = []
    i = 0
    while i < len(word):
        negator = next((n for n in _NEGATORS_ZH if word.startswith(n, i)), None)
        question = (
            negator is not None
            and i > 0
            and i + 1 < len(word)
            and word[i - 1] == word[i + 1]  # 有没有, 是不是, 买没买
        )
        if negator is None or question or word.startswith(_COMPOUNDS_ZH, i):
            out.append(word[i])
            i += 1
            continue
        end = i + len(negator)
        window: list[str] = []
        while end < len(word) and len(window) < WINDOW_ZH:
            char = word[end]
            if not _HAN.match(char) or char in _STOPS_ZH:
                break
            if char not in _SKIPPED_ZH:
                window.append(char)
            end += 1
        if negator in _BOUND_ZH:
            window = window[:1]
        if len(window) >= TERM_ZH:
            phrases.append(("".join(window[:TERM_ZH]),))
            conditions.append(
                any(w in word[max(0, i - 3) : i] for w in _IF_ZH)
                or bool(_ASKS_ZH.search(word[end:] + " " + later))
            )
            out.append(" ")
            i = end
        else:
            out.append(word[i])
            i += 1
    return phrases, conditions, "".join(out)


# Where a clause ends: a negated phrase never reaches past it ("it has not arrived. Help!").
_CLAUSE = re.compile(r"[,.;:!?()\n\uff0c\u3002\uff1b\uff1a\uff01\uff1f\u3001\uff08\uff09]+")


_NEGATING_ZH = re.compile("|".join(_NEGATORS_ZH))


def _may_negate(normal: str) -> bool:
    """Whether a normal form has what may negate: a negating word, a lone "t" after a word
    ending in n (a n't form), a Chinese negator. A text without any negates nothing and
    affirms its normal form (read clause by clause it reads so too: the marks that end a
    clause are no word characters), so most phrasings are never read clause by clause."""
    words = normal.split()
    return (
        not _NEGATORS_EN.isdisjoint(words)
        or ("n t" in normal and "t" in words)
        or _NEGATING_ZH.search(normal) is not None
    )


@lru_cache(maxsize=65536)
def negation(text: str) -> Negation:
    """What a text (as typed) negates, clause by clause, and the rest of it, normalised."""
    return negation_of(text, normalise(text))


def negation_of(text: str, normal: str) -> Negation:
    """`negation` of a text whose normal form (`knowledge.text.normalise`) is known, not
    remembered (for reading many phrasings at once)."""
    if not _may_negate(normal):
        return Negation((), (), normal)
    return _clauses(text)


def _clauses(text: str) -> Negation:
    """`negation`, read clause by clause."""
    phrases: list[tuple[str, ...]] = []
    conditions: list[bool] = []
    affirmed: list[str] = []
    clauses = [normalise(clause) for clause in _CLAUSE.split(text)]
    for number, clause in enumerate(clauses):
        if not clause:
            continue  # a clause of marks only ("?" ending the text): nothing to read
        later = " ".join(clauses[number + 1 :])
        words = clause.split()
        found, conditional, kept = _english(words, later)
        phrases += found
        conditions += conditional
        if not _HAN.search(clause):
            affirmed += kept
            continue
        for place, word in enumerate(kept):
            if _HAN.search(word):
                after = " ".join([*words[place + 1 :], later]) if word in words else later
                more, conditional, rest = _chinese(word, after)
                phrases += more
                conditions += conditional
                affirmed.append(rest)
            else:
                affirmed.append(word)
    return Negation(
        tuple(dict.fromkeys(phrases)),
        tuple(dict.fromkeys(p for p, c in zip(phrases, conditions, strict=True) if c)),
        " ".join(" ".join(affirmed).split()),
    )


def _same_word(term: str, word: str) -> bool:
    """An English term and a word are one word when one begins the other, three letters at
    least ("buy" / "buying", "rent" / "rented"; "bought" is not "buy")."""
    shorter, longer = sorted((term, word), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)


def states(text: str, term: str) -> bool:
    """Whether a text states `term` outside its negations."""
    return Said.of([text]).states(term)


def denies(text: str, term: str) -> bool:
    """Whether a text negates `term` (as `negation` reads it)."""
    return Said.of([text]).denies(term)


@dataclass(frozen=True)
class Said:
    """What some texts (a template's phrasings in one language) state and what they negate,
    kept for quick look-ups: a template's phrasings are read when the index is built
    (`by_group`), not at a question."""

    affirmed: str  # the texts without their negated words, one a line
    words: frozenset[str]
    ordered: tuple[str, ...]  # the words, sorted (for "a word begins with the term")
    denied: frozenset[str]

    @classmethod
    def of(cls, texts: Sequence[str]) -> Said:
        return cls.read([negation(text) for text in texts])

    @classmethod
    def read(cls, readings: Sequence[Negation]) -> Said:
        """What texts read by `negation` (or `negation_of`) state and negate, together."""
        return cls.made(
            [reading.affirmed for reading in readings],
            (term for reading in readings for term in reading.terms),
        )

    @classmethod
    def made(cls, affirmed: Sequence[str], denied: Iterable[str]) -> Said:
        """From what texts affirm (`Negation.affirmed`) and the terms they negate."""
        text = "\n".join(affirmed)
        words = frozenset(text.split())
        return cls(text, words, tuple(sorted(words)), frozenset(denied))

    def states(self, term: str) -> bool:
        if _HAN.search(term):
            return term in self.affirmed
        if len(term) < 3:
            return term in self.words
        if any(term[:k] in self.words for k in range(3, len(term) + 1)):
            return True
        at = bisect.bisect_left(self.ordered, term)
        return at < len(self.ordered) and self.ordered[at].startswith(term)

    def denies(self, term: str) -> bool:
        if _HAN.search(term):
            return term in self.denied
        return any(_same_word(term, word) for word in self.denied if not _HAN.search(word))


def by_group(
    texts: Sequence[str], normals: Sequence[str], groups: Sequence[int]
) -> tuple[Said, ...]:
    """What each group's phrasings state and negate, by group number (`texts` as typed, each
    with its normal form and its group's number; the numbers 0, 1, ... and each group's
    phrasings together, as `knowledge.index.Index` takes them). Read once, when the index is
    built, so a question that negates a condition reads no phrasing: read at the first such
    question reaching a template, on BANKING77 copied to 100k phrasings (130 a template) those
    questions took some 20 ms, and the p99 of all questions with them; building that index
    now takes 1.0-1.2 s longer (most phrasings negate nothing: `_may_negate`)."""
    said: list[Said] = []
    for number, members in itertools.groupby(range(len(texts)), groups.__getitem__):
        if number != len(said):
            raise ValueError("groups must be numbered 0, 1, ... with their phrasings together")
        affirmed: list[str] = []
        denied: list[str] = []
        for i in members:
            if _may_negate(normals[i]):
                read = _clauses(texts[i])
                affirmed.append(read.affirmed)
                denied += read.terms
            else:
                affirmed.append(normals[i])
        said.append(Said.made(affirmed, denied))
    return tuple(said)
