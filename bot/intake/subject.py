"""Whether a question and a knowledge-base template are about the same thing (issue 14, a
tester: "How do I get a marriage certificate?" and "How do I get a birth certificate for my
baby?" were answered with the certificate of no criminal record's answer, "孩子上小学报名需要
什么材料" with the change of name's: the word "certificate", "要什么材料" outweighed the
subject). A clerk answers about X only a question about X: a template agrees with a question
when the question says nothing its keywords and questions do not (`close_tie.matter_terms`),
or when what they share holds a term of the template's own subject, one fewer than
`GENERIC_HOLDERS` templates of the base say ("marriage", "井盖", "医保"), not only the words
many templates share ("certificate", "证明", "材料", "how"). Pure; in both languages alike."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from bot.intake.close_tie import matter_terms, names, said
from bot.reading import reading
from knowledge.matcher import Match
from knowledge.templates import CaseTemplate
from knowledge.text import STOP_WORDS

# A term said by this many templates or more names no template's subject: "certificate"
# (the no-criminal-record, tax and hukou transfer-out certificates), "证明", "材料".
GENERIC_HOLDERS = 3


# Words of a question that name no subject: "need", "have" ("how", "where" are
# `knowledge.text.STOP_WORDS`).
_ASKING = frozenset(
    ["need", "have", "want", "know", "tell", "about", "like", "help", "thanks", "thank"]
)
# Words that say where, not what: "garbage not collected on our street" is no street light's
# matter, though the street light's keyword is "street light".
_WHERE = frozenset(
    ["street", "streets", "outside", "building", "buildings", "estate", "compound", "floor"]
)
# How alike (rapidfuzz ratio, 0-100) a word of the question and one of a template's must be
# spelt to be one word misspelt ("recidence" and "residence": 89; "garbage" and "light": 17).
MISSPELT_RATIO = 80


def agrees(templates: Mapping[str, CaseTemplate], template: CaseTemplate, words: str) -> bool:
    """Whether `words` are about `template`'s subject: they say nothing it does not, or they
    share with it a term that fewer than `GENERIC_HOLDERS` of `templates` say."""
    asked = _subject_terms(words)
    own = _subject_terms(said(template))
    if asked <= own or not asked & own:
        return True  # nothing said beyond it; or nothing shared to judge by (a typo: "居主证")
    return bool(subject_shared(templates, words, template))


def subject_shared(
    templates: Mapping[str, CaseTemplate], words: str, template: CaseTemplate
) -> frozenset[str]:
    """The terms of `template`'s own subject that `words` say: shared with its keywords and
    questions, and first in a keyword of the base or said by fewer than `GENERIC_HOLDERS`
    of `templates` ("工资", "wages"; not "certificate", "材料")."""
    shared = _subject_terms(words) & _subject_terms(said(template))
    if not shared:
        return shared
    holders, topics = _base(templates)
    return frozenset(t for t in shared if t in topics or holders.get(t, 0) < GENERIC_HOLDERS)


@lru_cache(maxsize=4096)
def _subject_terms(text: str) -> frozenset[str]:
    """The terms of `text` that can name a subject (`close_tie.matter_terms`, no function
    word of English)."""
    return frozenset(t for t in matter_terms(text) if t not in STOP_WORDS | _ASKING | _WHERE)


# Each knowledge base's `_holders` and `_topics`, by its templates' ids (the templates kept
# with them, so that an id is never another's): asked at every search, where reading each
# template's words again to look them up cost more than the search itself.
_BASES: dict[tuple[int, ...], tuple[tuple[CaseTemplate, ...], dict[str, int], frozenset[str]]] = {}
BASES_KEPT = 16


def _base(templates: Mapping[str, CaseTemplate]) -> tuple[dict[str, int], frozenset[str]]:
    """`_holders` and `_topics` of `templates`, worked out once per set of templates."""
    kept = tuple(templates.values())
    key = tuple(map(id, kept))
    known = _BASES.get(key)
    if known is None:
        if len(_BASES) >= BASES_KEPT:
            _BASES.clear()
        holders = _holders(tuple(said(t) for t in kept))
        known = (kept, holders, _topics(tuple(k for t in kept for k in t.keywords)))
        _BASES[key] = known
    return known[1], known[2]


def _topics(keywords: tuple[str, ...]) -> frozenset[str]:
    """The first term of each keyword (`_subject_terms`: its first two characters, its first
    word): what a keyword names comes first in it, the kind of paper last ("公积金", "户口",
    "marriage"; not the "证明" of "无犯罪记录证明", the "certificate" of "tax certificate")."""
    found: set[str] = set()
    for keyword in keywords:
        folded = reading(keyword).casefold()
        first = folded[:2] if not folded.isascii() else (folded.split() or [""])[0]
        found |= _subject_terms(first)
    return frozenset(found)


def _holders(texts: tuple[str, ...]) -> dict[str, int]:
    """How many of the templates' texts (`close_tie.said`: keywords and questions) say each
    term (`_base`: read once per state of the knowledge base)."""
    counts: dict[str, int] = {}
    for text in texts:
        for term in _subject_terms(text):
            counts[term] = counts.get(term, 0) + 1
    return counts


# A service asked for by name ("办签证", "I want to renew my visa"): what it names.
_SERVICE = re.compile(
    r"^(?:我想|我要|想|要)?(?:办理|补办|申请|办|换|领|开)(?P<zh>[\u4e00-\u9fff]{2,6})$"
    r"|^(?:i (?:want|need) to )?(?:renew|apply for|get|replace|register)"
    r"(?: an?| my| the)? (?P<en>[a-z]+(?: [a-z]+)?)$"
)


def names_unknown(templates: Mapping[str, CaseTemplate], words: str) -> bool:
    """Whether `words` ask for a service by a name (`_SERVICE`) of which no template says any
    term: "办签证", "renew visa" in a base with no visa."""
    found = _SERVICE.match(re.sub(r"[^\w ]+", "", reading(words).casefold()).strip())
    if found is None:
        return False
    named = _subject_terms(found.group("zh") or found.group("en"))
    holders, _ = _base(templates)
    return bool(named) and not any(term in holders for term in named)


def offered_beside(
    templates: Mapping[str, CaseTemplate], matches: Sequence[Match], words: str
) -> list[Match]:
    """The `matches` (best first) worth offering for `words` ("did you mean"): those of their
    subject (`agrees`) that share a term with them, or a term misspelt (`_misspelt`: "recidence
    permit", "居主证"); a template that shares nothing with the words is of no subject of
    theirs ("the rubbish hasn't been collected" and the power cut's template)."""
    return [m for m in matches if _offerable(templates, m.template_id, words)]


def _offerable(templates: Mapping[str, CaseTemplate], template_id: str, words: str) -> bool:
    template = templates.get(template_id)
    if template is None or not agrees(templates, template, words):
        return False
    asked, own = _subject_terms(words), _subject_terms(said(template))
    return not asked or bool(asked & own) or _misspelt(words, asked, own)


_HAN_RUN = re.compile("[\u4e00-\u9fff]{3,}")


def _misspelt(words: str, asked: frozenset[str], own: frozenset[str]) -> bool:
    """Whether the `words` (their terms `asked`) say a term of `own` misspelt: a word of Latin
    letters spelt `MISSPELT_RATIO` alike ("recidence", "residence"), or one Chinese character
    in place of another between two that `own` has on either side of it ("居主证" for
    "居住证": 居住 and 住证)."""
    latin = [o for o in own if o.isascii()]
    if any(fuzz.ratio(t, o) >= MISSPELT_RATIO for t in asked if t.isascii() for o in latin):
        return True
    after: dict[str, set[str]] = {}  # a first character of `own`'s pairs: the seconds
    for pair in own:
        if len(pair) == 2:
            after.setdefault(pair[0], set()).add(pair[1])
    for run in _HAN_RUN.findall(reading(words)):
        for first, middle, last in zip(run, run[1:], run[2:], strict=False):
            if any(x != middle and x + last in own for x in after.get(first, ())):
                return True
    return False


def of_subject(
    templates: Mapping[str, CaseTemplate], matches: Sequence[Match], words: str
) -> list[Match]:
    """The `matches` (best first) whose templates agree with `words` (`agrees`)."""
    return [m for m in matches if _agreeing(templates, m.template_id, words)]


def _agreeing(templates: Mapping[str, CaseTemplate], template_id: str, words: str) -> bool:
    template = templates.get(template_id)
    return template is not None and agrees(templates, template, words)


def first_named(
    templates: Mapping[str, CaseTemplate], matches: Iterable[Match], words: str
) -> Match | None:
    """The first of `matches` whose template has a keyword (two characters at least) that
    `words` name ("marriage", "结婚证"), or None."""
    folded = reading(words).casefold()
    for match in matches:
        template = templates.get(match.template_id)
        keywords = template.keywords if template is not None else []
        if any(len(k) >= 2 and names(k.casefold(), folded) for k in keywords):
            return match
    return None
