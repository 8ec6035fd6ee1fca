"""A choice typed instead of pressed, as a pure function: the name of a category.

While the bot waits for a question's category it shows one button per category. Many
requesters type the name they read instead ("投诉", "Complaint", "complaint。"); a clerk who
offered the choice takes the name as the choice (`Action.IN_CATEGORY` in
`bot.intake.decision`). Only a whole name counts: a text that merely contains one ("我要投诉
那个窗口") says more than a choice, and is taken as words (`Action.FALLBACK`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

# Around a typed name: spaces, punctuation, symbols and emoji (a quoted or bracketed name, a
# full stop, "👍").
_AROUND = re.compile(r"^[\W_]+|[\W_]+$")


def _folded(text: str) -> str:
    """`text` as names are compared: NFKC (full-width letters and spaces as plain ones),
    case folded, without what surrounds it, inner spaces, hyphens and underscores as one
    space."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _AROUND.sub("", folded)
    return re.sub(r"[\s_\-]+", " ", folded)


def category_named(text: str, names: Mapping[str, Iterable[str]]) -> str | None:
    """The key of the category whose name `text` is, None when it is no category's name.

    `names` maps each category key to the names a requester may read for it (its button in
    every supported language; config `categories[].names`); the key itself counts as a name
    too ("fault_report", "fault report"). Compared after `_folded`: case, width, surrounding
    spaces and punctuation, and the spelling of inner spaces do not matter. A name two
    categories share names neither."""
    typed = _folded(text)
    if not typed:
        return None
    found = {
        key for key, shown in names.items() if typed in {_folded(name) for name in (key, *shown)}
    }
    return found.pop() if len(found) == 1 else None
