"""Which existing command a staff member most likely meant by one that does not exist
("/close", "/done", "/resovle": /resolve), so the reply to an unknown command can name it
first. Pure: the typed name and the names available in, a name or None out."""

from __future__ import annotations

from collections.abc import Collection

from rapidfuzz import fuzz, process

# Words officers type for a command under another name (the help desks' usual verbs).
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        ("close", "closed", "done", "finish", "finished", "solve", "solved"), "resolve"
    ),
    **dict.fromkeys(("complete", "completed", "end", "fixed", "fix"), "resolve"),
    **dict.fromkeys(("handoff", "forward", "pass", "move"), "transfer"),
    **dict.fromkeys(("list", "tickets"), "queue"),
    **dict.fromkeys(("urgent", "prio"), "priority"),
}
# How alike a typo must be to a command's name (rapidfuzz ratio, 0-100).
TYPO = 75


def meant(name: str, available: Collection[str]) -> str | None:
    """The command of `available` (names without "/") that `name` most likely means: itself in
    another case, its usual synonym (`SYNONYMS`), or the closest name by spelling from `TYPO`;
    None when none of these is available."""
    folded = name.casefold()
    names = list(available)
    for candidate in (folded, SYNONYMS.get(folded)):
        if candidate is not None and candidate in names:
            return candidate
    best = process.extractOne(folded, names, scorer=fuzz.ratio, score_cutoff=TYPO)
    return None if best is None else str(best[0])
