"""Which existing command someone most likely meant by one that does not exist: an officer's
"/close", "/done", "/resovle" (/resolve), a requester's "/hepl" (/help), "/stauts" (/status),
"/language" (/lang); so the reply to an unknown command can name it first. Pure: the typed
name and the names available in, a name or None out."""

from __future__ import annotations

from collections.abc import Collection, Mapping

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
# Words requesters type for one of their commands (their menu) under another name.
REQUESTER_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("language", "languages", "english", "chinese", "en", "zh"), "lang"),
    **dict.fromkeys(("menu", "commands", "command", "info", "h", "?"), "help"),
    **dict.fromkeys(("ask", "question"), "new"),
    **dict.fromkeys(("progress", "state"), "status"),
}
# How alike a typo must be to a command's name (rapidfuzz ratio, 0-100).
TYPO = 75
# The fewest letters a name must share at its start with a command to be taken for it.
PREFIX = 3


def meant(
    name: str, available: Collection[str], synonyms: Mapping[str, str] = SYNONYMS
) -> str | None:
    """The command of `available` (names without "/") that `name` most likely means: itself in
    another case, its usual synonym (`synonyms`: the officers' `SYNONYMS` unless given), the
    longest command it starts with ("/languages" → lang, "/statuses" → status), the one
    command it begins ("/stat" → status; none when it begins several), or the closest name
    by spelling from `TYPO`; None when none of these is available."""
    folded = name.casefold()
    names = list(available)
    for candidate in (folded, synonyms.get(folded)):
        if candidate is not None and candidate in names:
            return candidate
    heads = [n for n in names if len(n) >= PREFIX and folded.startswith(n)]
    if heads:
        return max(heads, key=len)
    begun = [n for n in names if len(folded) >= PREFIX and n.startswith(folded)]
    if begun:  # the one it begins; of several ("/sta": /start, /status), too little to tell
        return begun[0] if len(begun) == 1 else None
    best = process.extractOne(folded, names, scorer=fuzz.ratio, score_cutoff=TYPO)
    return None if best is None else str(best[0])
