"""Whether the words tell the knowledge base's best template from its runner-up (issue 14, a
fresh tester: "怎么提取公积金" was answered with the rent withdrawal's answer, the leaving and
the purchase withdrawals as close). Two templates scoring within `RIVAL_SHARE` of each other
are near-tied; a careful clerk answers with the best only when the words name something of
its matter that the runner-up lacks ("for rent", "租房", "驾照": a term of its keywords or
questions, `answer_fit.terms`, in none of the runner-up's) and name no keyword of the
runner-up's own ("I rent my home. Can I take out my housing fund?" came closest to the
leaving withdrawal's "take out my housing fund", the rent withdrawal's "rent" as close), and
otherwise asks which (bot/intake/search.py `band_of`: "did you mean" with both). Pure; the
matcher's scores are taken as they are."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answer_fit import terms
from bot.reading import reading
from knowledge.matcher import Match
from knowledge.templates import CaseTemplate

# A runner-up scoring at least this share of the best template's score comes as close.
RIVAL_SHARE = 0.85
# And this share, when the words name nothing of the best's matter that the runner-up lacks
# (`told_apart`): the best's lead is then only of the words a question is asked in ("怎么",
# "how do I"), and "怎么提取住房公积金" (the purchase withdrawal at 0.84 of the rent one's
# score) is as blind a choice as "怎么提取公积金".
UNTOLD_SHARE = 0.8
# Characters that ask or point, never a matter: a pair with one ("金怎" of "公积金怎么提取",
# "么提") names nothing a template is about.
_FUNCTION = frozenset("怎么什哪吗呢吧啊的了我你他她它们这那谁请问想要能可以会该")


def matter_terms(text: str) -> frozenset[str]:
    """The terms of `text` (`answer_fit.terms`) that can name a matter."""
    return frozenset(t for t in terms(text) if not _FUNCTION.intersection(t))


def near_tied(matches: Sequence[Match], share: float = RIVAL_SHARE) -> bool:
    """Whether the runner-up of `matches` (best first) scores as close as the best (at
    `share` of its score at least)."""
    return len(matches) > 1 and matches[1].score >= share * matches[0].score


# Templates whose words `said` joined, by id(): the template itself kept with its text, so
# that an id is never another's; cleared when a knowledge base's worth more comes.
_SAID: dict[int, tuple[CaseTemplate, str]] = {}
SAID_KEPT = 4096


def said(template: CaseTemplate) -> str:
    """A template's keywords and questions, in every language, as one text: the same string
    each time for one template (joined once: `subject.agrees` reads every template's for
    each search, and a string's hash is kept in it)."""
    known = _SAID.get(id(template))
    if known is not None and known[0] is template:
        return known[1]
    if len(_SAID) >= SAID_KEPT:
        _SAID.clear()
    text = " ".join([*template.keywords, *(q for qs in template.questions.values() for q in qs)])
    _SAID[id(template)] = (template, text)
    return text


def _terms_of(template: CaseTemplate) -> frozenset[str]:
    """The terms of a template's keywords and questions."""
    return matter_terms(said(template))


def names(keyword: str, folded: str) -> bool:
    """Whether folded words name a folded keyword (a word of Latin letters whole at its
    start: "rent" in "I rent", not in "current")."""
    if keyword.isascii():
        return re.search(rf"(?<![a-z]){re.escape(keyword)}", folded) is not None
    return keyword in folded


def names_rival(best: CaseTemplate, rival: CaseTemplate, words: str) -> bool:
    """Whether `words` name a keyword of `rival`'s (two characters at least) that nothing
    of `best` says: "rent" of the rent withdrawal, beside the leaving one's."""
    folded, own = reading(words).casefold(), said(best).casefold()
    keywords = (k.casefold() for k in rival.keywords if len(k) >= 2)
    return any(names(k, folded) and k not in own for k in keywords)


def told_apart(best: CaseTemplate, rival: CaseTemplate, words: str) -> bool:
    """Whether `words` name a term of `best`'s matter that `rival`'s keywords and questions
    lack: the words say which of the two they mean."""
    return bool(matter_terms(words) & _terms_of(best) - _terms_of(rival))


def undecided(templates: dict[str, CaseTemplate], matches: Sequence[Match], words: str) -> bool:
    """Whether answering with the best of `matches` would choose blind between two matters:
    the runner-up, another template, is near-tied (`RIVAL_SHARE`; `UNTOLD_SHARE` when the
    words tell them not apart), and the words do not tell them apart (`told_apart`) or name
    the runner-up's matter too (`names_rival`)."""
    if not near_tied(matches, UNTOLD_SHARE) or matches[0].template_id == matches[1].template_id:
        return False
    best, rival = templates.get(matches[0].template_id), templates.get(matches[1].template_id)
    if best is None or rival is None:
        return False
    if not told_apart(best, rival, words):
        return True
    return near_tied(matches) and names_rival(best, rival, words)
