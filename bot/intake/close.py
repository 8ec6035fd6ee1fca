"""The knowledge-base template a question handed to a person came close to: what kind of case
it is and which department should take it (config `routing.close_template`)."""

from __future__ import annotations

import weakref

from bot.desk import Desk
from knowledge.matcher import Band, Matcher
from knowledge.templates import CaseTemplate


class CloseTemplate:
    """The template a question came close to, searched once and only when asked: its
    category (from the `suggest` band: what kind of case it is, when no cue word says) and its
    department (from the band config `routing.close_template` names)."""

    def __init__(self, desk: Desk, question: str) -> None:
        self._desk, self._question = desk, question
        self._found: tuple[CaseTemplate | None, Band] | None = None

    def _best(self) -> tuple[CaseTemplate | None, Band]:
        if self._found is None:
            matches = self._desk.matcher.search(self._question, None, limit=1)
            template = self._desk.templates.get(matches[0].template_id) if matches else None
            self._found = (template, self._desk.matcher.band(matches))
        return self._found

    def category(self) -> str | None:
        template, band = self._best()
        return template.category if template and band is not Band.HANDOVER else None

    def department(self) -> str | None:
        wanted = self._desk.settings.routing.close_template
        if wanted == "off":
            return None
        template, band = self._best()
        close = band is Band.ANSWER or (wanted == "suggest" and band is Band.SUGGEST)
        return template.department if template and close else None


# Each matcher's topics of the questions asked of it, while its phrasings stay the same: the
# surge check asks for every recent ticket's on each ticket opened (up to 500 searches a time).
_TOPICS: weakref.WeakKeyDictionary[Matcher, tuple[int, dict[str, str | None]]] = (
    weakref.WeakKeyDictionary()
)
_TOPICS_KEPT = 4096  # questions remembered per matcher, then forgotten all at once


def topic(matcher: Matcher, question: str) -> str | None:
    """What `question` is about, as the knowledge base knows it (in either language): the id
    of the template it comes close to (the `suggest` band or better), or None when none does.
    Remembered per matcher until its phrasings change (`Matcher.version`)."""
    version, known = _TOPICS.get(matcher, (-1, {}))
    if version != matcher.version or len(known) >= _TOPICS_KEPT:
        known = {}
        _TOPICS[matcher] = (matcher.version, known)
    if question not in known:
        matches = matcher.search(question, None, limit=1)
        close = matches and matcher.band(matches) is not Band.HANDOVER
        known[question] = matches[0].template_id if close else None
    return known[question]
