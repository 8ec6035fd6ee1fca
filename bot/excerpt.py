"""The start of a requester's words where a display must be short (a card, an escalation, a
list line, a topic name), marked as shortened. The ticket keeps every word; whoever shows an
excerpt says so and where to read all of it (`/ticket N`, the ticket's topic)."""

from __future__ import annotations

from dataclasses import dataclass

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
