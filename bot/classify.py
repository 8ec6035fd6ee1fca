"""Which category a new ticket belongs to, when the requester has not said."""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Settings


def infer_category(
    settings: Settings, question: str, matched: str | Callable[[], str | None] | None = None
) -> str | None:
    """The first category whose cue words the question uses; else the category of the
    knowledge-base template it came close to (`matched`, or a function that finds it, asked
    only when no cue word decides); else None: ask the requester."""
    lowered = question.casefold()
    for category in settings.categories:
        if any(cue.casefold() in lowered for cue in category.cues):
            return category.key
    if callable(matched):
        matched = matched()
    keys = [c.key for c in settings.categories]
    return str(matched) if matched in keys else None


def fallback_category(settings: Settings) -> str:
    """The category of a ticket whose requester did not choose: the first one without cues."""
    return next((c.key for c in settings.categories if not c.cues), settings.categories[0].key)
