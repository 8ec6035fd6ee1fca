"""The words each recent ticket's matter is told by, read once per ticket for the surge check.

At every new fault report or complaint, the surge check (bot/incidents.py `detect_surge`)
compares it with up to 500 recent tickets: reading each one's matter words again
(`bot.intake.close.matter_words`: its first inquiry's turns decoded, its clauses that only ask
how to report taken out) was most of the check's cost, and grew with a water cut's hundreds
of reports (benchmarks/surge.py). A ticket's words do not change once it is open (its
question and its requester's turns; a turn withheld later changes neither, and erasing it
for retention changes its question), so they are kept here by what they are read from: the
reader, the ticket, its question and its inquiry as stored (its JSON text, so that a ticket
read before needs no decoding). Kept in this process, the least recently read forgotten past
KEPT.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

Turns = list[dict[str, Any]] | None
Reader = Callable[[str, Turns], str]

KEPT = 4096  # tickets: several times the surge check's 500 recent ones

_kept: OrderedDict[tuple[Reader, int, str, str | None], str] = OrderedDict()


def read(reader: Reader, ticket_id: int, question: str, stored: str | None) -> str:
    """`reader(question, turns)` for the ticket `ticket_id`, its inquiry `stored` as the
    database holds it (JSON text; None: none), read once while the three stay the same."""
    key = (reader, ticket_id, question, stored)
    found = _kept.get(key)
    if found is not None:
        _kept.move_to_end(key)
        return found
    turns = json.loads(stored) if stored is not None else None
    found = reader(question, turns if isinstance(turns, list) else None)
    _kept[key] = found
    if len(_kept) > KEPT:
        _kept.popitem(last=False)
    return found
