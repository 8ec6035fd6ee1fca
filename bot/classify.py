"""Which category a new ticket belongs to, when the requester has not said."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bot.config import Settings
from bot.denial import denied as denied
from bot.faults import reports_fault
from bot.reading import reading
from bot.remembered import Same


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
    """The first category whose cue words the question uses (not denied: `uses_cue`); else,
    when it tells of a public thing broken, missing, blocked or fallen (`faults.reports_fault`:
    a fault by its kind, "井盖丢了", "a tree fell on a car"), the category a safety matter goes
    in too (config `emergency.category`, the fault report); else the category of the
    knowledge-base template it came close to (`matched`, or a function that finds it, asked
    only when nothing before decides); else None: ask the requester."""
    question = reading(question)
    cued = _cued(Same(settings), question.casefold())
    if cued is not None:
        return cued
    if reports_fault(question):
        return settings.emergency.category
    if callable(matched):
        matched = matched()
    keys = [c.key for c in settings.categories]
    return str(matched) if matched in keys else None


@lru_cache(maxsize=1024)
def _cued(same: Same, lowered: str) -> str | None:
    """The first category of the configuration whose cue words `lowered` uses (`uses_cue`),
    read once per configuration and question: a message's first inquiry asks several times."""
    for category in same.settings.categories:
        if any(uses_cue(lowered, cue.casefold()) for cue in category.cues):
            return category.key
    return None


def fallback_category(settings: Settings) -> str:
    """The category of a ticket whose requester did not choose: the first one without cues."""
    return next((c.key for c in settings.categories if not c.cues), settings.categories[0].key)
