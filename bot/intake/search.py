"""The knowledge base searched for a requester's words in the first inquiry (a supply cut
now answered by its template, however it is said)."""

from __future__ import annotations

from bot import details, faults, hazard
from bot.desk import Desk
from bot.intake.small_words import is_vague
from knowledge.matcher import Band, Match

# A runner-up scoring at least this share of the best template's score comes as close: a
# question too short to tell them apart is offered both, not answered with one.
RIVAL_SHARE = 0.85


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


def band_of(desk: Desk, matches: list[Match], band: Band, searched: str, text: str) -> Band:
    """How the first inquiry treats the knowledge base's `matches` for the `searched` words
    of `text`: as their `band` (`closest`), except that an answer becomes "did you
    mean" when it would be chosen blind: an emergency's answer ("Act now") to a supposed or
    how-to question (`hazard.supposed`), or one template of several alike for words too short
    to tell them apart (`is_vague` and a runner-up at `RIVAL_SHARE` of the best's score:
    "公积金", "housing fund" come as close to the balance as to each withdrawal). A clerk
    asks which, as the seed's first receiver would, rather than answer a question not asked."""
    if band is not Band.ANSWER:
        return band
    best = desk.templates.get(matches[0].template_id)
    if best is not None and best.priority and hazard.supposed(text):
        return Band.SUGGEST
    rival = len(matches) > 1 and matches[1].score >= RIVAL_SHARE * matches[0].score
    vague = is_vague(searched) and not faults.reports_fault(searched)  # a fault: registered
    return Band.SUGGEST if rival and vague else band
