"""Which category a new ticket belongs to, when the requester has not said."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.config import Settings

# Words just before a cue that deny it ("不是投诉", "this is not a complaint", "I don't want
# to complain"): the cue names what the matter is not.
_ZH_DENIED = re.compile(
    r"(?:不是|不算|并非|不属于|没有|无意|不想|不要|不用|无需)[一个种类的来要]{0,2}$"
)
_EN_DENIED = re.compile(
    r"(?:\b(?:not|no|never|isn['’]?t)|n['’]t)\s+(?:(?:really|a|an|to|want|any|about)\s+){0,3}$"
)


def denied(before: str) -> bool:
    """Whether the (casefolded) words `before` a word deny it: they end in "不是", "没有",
    "not a", "no"... ("不是投诉", "there is no gas leak")."""
    tail = before[-40:]
    return bool(_ZH_DENIED.search(tail) or _EN_DENIED.search(tail))


def uses_cue(question: str, cue: str) -> bool:
    """Whether `question` (casefolded) uses the cue word `cue` (casefolded) other than in a
    denial of it: "不是投诉,就是想问问" and "This is not a complaint" do not name a
    complaint; "我要投诉" does."""
    start = question.find(cue)
    while start != -1:
        if not denied(question[:start]):
            return True
        start = question.find(cue, start + 1)
    return False


def infer_category(
    settings: Settings, question: str, matched: str | Callable[[], str | None] | None = None
) -> str | None:
    """The first category whose cue words the question uses (not denied: `uses_cue`); else
    the category of the knowledge-base template it came close to (`matched`, or a function
    that finds it, asked only when no cue word decides); else None: ask the requester."""
    lowered = question.casefold()
    for category in settings.categories:
        if any(uses_cue(lowered, cue.casefold()) for cue in category.cues):
            return category.key
    if callable(matched):
        matched = matched()
    keys = [c.key for c in settings.categories]
    return str(matched) if matched in keys else None


def fallback_category(settings: Settings) -> str:
    """The category of a ticket whose requester did not choose: the first one without cues."""
    return next((c.key for c in settings.categories if not c.cues), settings.categories[0].key)
