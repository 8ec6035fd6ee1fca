"""The knowledge base searched for a requester's words in the first inquiry (a supply cut
now answered by its template, however it is said)."""

from __future__ import annotations

from bot import faults
from bot.desk import Desk
from bot.intake import details
from knowledge.matcher import Band, Match


def nearest(
    desk: Desk, words: str, language: str | None, rejected: frozenset[str] | set[str] = frozenset()
) -> list[Match]:
    """The knowledge base's three closest templates for `words`, those `rejected` passed over;
    when the words give details (an address, a pole number: `details.matter_of`), for the
    matter without them too, the closer of the two kept ("幸福路23号门口路灯坏了" is a street
    light out, wherever it is)."""

    def search(text: str) -> list[Match]:
        found = desk.matcher.search(text, language, limit=3 + len(rejected))
        return [m for m in found if m.template_id not in rejected][:3]

    matches = search(words)
    matter = details.matter_of(words)
    if matter == words:
        return matches
    bare = search(matter)
    if bare and (not matches or bare[0].confidence > matches[0].confidence):
        return bare
    return matches


def _cut_templates(desk: Desk, supplies: frozenset[str]) -> list[str]:
    """The ids of the templates that need a person for a cut of one of `supplies`: those
    whose own keywords name that cut (`faults.cut_supplies`: the power outage's "停电")."""
    return [
        template.id
        for template in desk.templates.values()
        if template.needs_person
        and any(faults.cut_supplies(word) & supplies for word in template.keywords)
    ]


def closest(
    desk: Desk, words: str, language: str | None, rejected: frozenset[str] | set[str] = frozenset()
) -> tuple[list[Match], Band]:
    """The nearest templates for `words` (`nearest`) and how close they came; a supply cut
    now in any words (`faults.cuts_now`: "整栋楼都没电了", "building 3 is dark") that no
    template answers is answered by that supply's template (`_cut_templates`), which the
    requester did not reject: as "停电了" is, however it is said."""
    matches = nearest(desk, words, language, rejected)
    band = desk.matcher.band(matches)
    supplies = faults.supplies_cut_now(words)
    if band is Band.ANSWER or not supplies:
        return matches, band
    cut = [t for t in _cut_templates(desk, supplies) if t not in rejected]
    if not cut:
        return matches, band
    found = next((m for m in matches if m.template_id in cut), None)
    chosen = found or Match(cut[0], 0.0, language or desk.settings.languages.default, "")
    return [chosen, *(m for m in matches if m is not found)][:3], Band.ANSWER
