"""Which resolution a rating typed in words is for, when the requester has several tickets in
hand (issue 14): a clerk hears "5星" as the rating of a resolution awaiting their word, never
as a message for a ticket in progress. One awaiting: that one; several: the requester is asked
which one they are rating, offered those alone. Pure: the caller reads the tickets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from bot.models import Ticket, TicketStatus
from bot.rating_words import rating_alone, rating_said

T = TypeVar("T")


def rating_of(words: str) -> int | None:
    """The rating `words` give and nothing else, said as one ("5星", "5 stars", "★★★★★");
    a bare number ("5") is none here: beside a ticket in progress it may answer its officer."""
    score = rating_alone(words)
    return score if score is not None and rating_said(words) is not None else None


def rated_among(words: str, tickets: Sequence[tuple[Ticket, T]]) -> list[tuple[Ticket, T]]:
    """Of `tickets` in hand, those a rating in `words` may be for: the resolved ones awaiting
    the requester's word; none when `words` are no rating (`rating_of`)."""
    if rating_of(words) is None:
        return []
    return [(t, h) for t, h in tickets if t.status is TicketStatus.RESOLVED]


def one_line(text: str, width: int = 24) -> str:
    """`text` on one line for a button: its whitespace (line breaks too) collapsed, cut at
    `width` characters with an ellipsis."""
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
