"""Which category a new ticket belongs to, when the requester has not said."""

from __future__ import annotations

from bot.config import Settings


def infer_category(settings: Settings, question: str, matched: str | None = None) -> str:
    """The first category whose cue words the question uses; else the category of the
    knowledge-base template it came close to (`matched`); else the first one without cues."""
    lowered = question.casefold()
    for category in settings.categories:
        if any(cue.casefold() in lowered for cue in category.cues):
            return category.key
    keys = [c.key for c in settings.categories]
    if matched in keys:
        return str(matched)
    return next((c.key for c in settings.categories if not c.cues), keys[0])
