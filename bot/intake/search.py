"""The knowledge base searched for a requester's words in the first inquiry."""

from __future__ import annotations

from bot import details
from bot.desk import Desk
from knowledge.matcher import Match


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
