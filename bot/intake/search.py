"""The knowledge base searched for a requester's words in the first inquiry."""

from __future__ import annotations

from bot import hazard
from bot.desk import Desk
from bot.intake import details
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


def band_of(desk: Desk, matches: list[Match], searched: str, text: str) -> Band:
    """How the first inquiry treats the knowledge base's `matches` for the `searched` words
    of `text`: as the matcher's band (`Matcher.band`), except that an answer becomes "did you
    mean" when it would be chosen blind: an emergency's answer ("Act now") to a supposed or
    how-to question (`hazard.supposed`), or one template of several alike for words too short
    to tell them apart (`is_vague` and a runner-up at `RIVAL_SHARE` of the best's score:
    "公积金", "housing fund" come as close to the balance as to each withdrawal). A clerk
    asks which, as the seed's first receiver would, rather than answer a question not asked."""
    band = desk.matcher.band(matches)
    if band is not Band.ANSWER:
        return band
    best = desk.templates.get(matches[0].template_id)
    if best is not None and best.priority and hazard.supposed(text):
        return Band.SUGGEST
    rival = len(matches) > 1 and matches[1].score >= RIVAL_SHARE * matches[0].score
    return Band.SUGGEST if rival and is_vague(searched) else band
