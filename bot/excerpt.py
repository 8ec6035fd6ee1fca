"""The start of a requester's words where a display must be short (a card, an escalation, a
list line, a topic name), marked as shortened. The ticket keeps every word; whoever shows an
excerpt says so and where to read all of it (`/ticket N`, the ticket's topic). And a text too
long for one message cut into messages that lose nothing (`split_text`; a staff message's
words for a requester with room for the marks before them: `requester_parts`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

ELLIPSIS = "…"


def units(text: str) -> int:
    """Telegram's measure of a text: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Excerpt:
    """`text` as shown (ending in ELLIPSIS when shortened), and `length`: the whole text's
    length in characters when shortened, else 0."""

    text: str
    length: int = 0

    @property
    def shortened(self) -> bool:
        return self.length > 0


def one_line(text: str) -> str:
    """`text` on one line, for a list line or a summary among other lines: each line break
    (with the blanks around it, several in a row as one) written " / "."""
    return re.sub(r"\s*\n\s*", " / ", text.strip())


def excerpt(text: str, limit: int) -> Excerpt:
    """`text` whole if it is at most `limit` UTF-16 units, else its start (at most `limit`
    units with the ellipsis), ended at a space or line end in its last fifth when there is
    one, so that a Latin word is not cut in half."""
    if units(text) <= limit:
        return Excerpt(text)
    cut = min(len(text), limit - 1)
    while cut > 0 and units(text[:cut]) > limit - 1:
        cut -= 1
    start = text[:cut]
    space = max(start.rfind(" "), start.rfind("\n"))
    if space >= cut * 4 // 5:
        start = start[:space]
    return Excerpt(start.rstrip() + ELLIPSIS, len(text))


IN_A_MESSAGE = 3600  # units of the question a message about a ticket shows (it holds 4096)


def question_values(question: str, limit: int = IN_A_MESSAGE) -> dict[str, str | int]:
    """A notice's values for the requester's words: `question` (whole, or its start) and
    `question_length` (the whole length in characters when shortened, else 0), which the
    wording turns into "shortened; /ticket N shows every word"."""
    shown = excerpt(question, limit)
    return {"question": shown.text, "question_length": shown.length}


MAX_MESSAGE = 4096  # Telegram's limit for a message's text, in UTF-16 code units
MAX_CAPTION = 1024  # Telegram's limit for a media's caption, in UTF-16 code units
# Where a text may be cut, best first: after a line end; after the end of a sentence (Chinese
# 。！？；… anywhere, Latin .!?; before a space); after a space; between two Han characters
# (Chinese puts no spaces between its words). Only a word longer than a message is cut inside.
_BREAKS = (
    re.compile(r"\n"),
    re.compile(
        r"[\u3002\uff01\uff1f\uff1b\u2026]+[\u201d\u2019\u300d\u300f\uff09]*[ \t]*"
        r"|[.!?;]+[\"')\]]*[ \t]+"
    ),
    re.compile(r"\s+"),
    re.compile(r"(?<=[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef])(?=[\u3400-\u9fff\uf900-\ufaff])"),
)


def _cut(text: str, start: int, fits: int) -> int:
    """Where the part of `text` from `start` ends, when its characters up to `fits` are all
    that fit in a message: after the best kind of break in the second half of them, else in
    all of them, else at `fits` (inside a word longer than a message)."""
    for least in (start + max(1, (fits - start) // 2), start + 1):
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(text, start, fits) if m.end() >= least]
            if ends:
                return ends[-1]
    return fits


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """`text` in parts of at most `limit` UTF-16 units (Telegram's measure, `limit` at least 2)
    that join to give it back exactly: cut after a line end where possible, else after the end
    of a sentence (。！？ as well as .!?), else at a space or between two Han characters; inside
    a word only when the word alone is longer than `limit`. A character is never cut in two.
    A text that fits is one part (an empty text: [""])."""
    # ends[i]: the units of text[:i]
    ends = [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]
    parts: list[str] = []
    start = 0
    while ends[-1] - ends[start] > limit:
        budget = ends[start] + limit
        fits = bisect_right(ends, budget, lo=start) - 1  # text[start:fits] fits
        cut = _cut(text, start, fits)
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return parts


# UTF-16 units kept free before each part of a staff message's words sent to a requester in
# words: the ticket's number and an edit's mark, in any language (tests/bot/test_wording.py).
MARK_ROOM = 64


def requester_parts(text: str, room: int = MARK_ROOM) -> list[str]:
    """A staff message's words as a requester gets them worded (a reply numbered with its
    ticket, or saying who speaks; an officer's edit: bot/staff_replies.py,
    bot/corrections.py): in parts that each fit one message with `room` units before them
    (MARK_ROOM, and more for the name of who speaks), cut as `split_text` cuts (one rule for
    every long text the desk sends), joining to give `text` back exactly."""
    return split_text(text, MAX_MESSAGE - room)
