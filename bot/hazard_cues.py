"""Which kinds of danger a text could tell at all (`bot.hazard` hears each kind clause by
clause only in a text holding one of its cues): a quick search over the whole text, finding
all the kind's own patterns find and more. Pure: patterns in, patterns out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.hazard_words import Kind

# A Latin word is found whole (bot/hazard_words.py `_alt`): the cues below find it inside
# others too, a cheaper search (no look-behind before each word keeps the regex engine from
# skipping ahead to the words' first characters) that finds all the kind finds and more.
_WORD_START, _WORD_END = "(?<![a-z0-9])", "(?![a-z0-9])"


def _either(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """Where any of `patterns` could find in one clause, found in clauses joined by newlines
    (`re.MULTILINE`: "^" and "$" at each clause's start and end, as in the clause alone; no
    pattern of a kind looks behind or ahead for a newline); Latin words also inside others."""
    loose = (p.pattern.replace(_WORD_START, "").replace(_WORD_END, "") for p in patterns)
    return re.compile("|".join(f"(?:{source})" for source in loose), re.MULTILINE)


@dataclass(frozen=True)
class Cue:
    """What any clause must hold for `kind` to be heard in it (`bot.hazard`): a word of its own
    (`alone`: events, lone words, nouns, shouted words) or both halves of one of its pairs; a text
    whose clauses hold none is spared the kind's clause-by-clause reading."""

    kind: Kind
    alone: re.Pattern[str] | None
    pairs: tuple[tuple[re.Pattern[str], ...], ...]

    def in_(self, joined: str) -> bool:
        if self.alone is not None and self.alone.search(joined):
            return True
        return any(all(half.search(joined) for half in pair) for pair in self.pairs)


def cues(kinds: tuple[Kind, ...]) -> tuple[Cue, ...]:
    """The cue of each of `kinds`, in their order."""
    return tuple(
        Cue(
            kind,
            _either(*found)
            if (found := [p for p in (kind.shouted, kind.events, kind.lone, kind.nouns) if p])
            else None,
            tuple(tuple(map(_either, pair)) for pair in (*kind.pairs, *kind.across)),
        )
        for kind in kinds
    )
