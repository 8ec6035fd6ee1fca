"""How many statements this process has run that write, in all and per table: the one
listener on SQLAlchemy's `Engine` (every engine, every session) that the readers kept on a
session ask whether what they read may have changed since (bot/hand_rows.py: the tickets in
hand; bot/rated_kept.py: the latest rating). A count only grows; a reader keeps the count of
its read and reads again when it differs."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sqlalchemy import Engine, event

# The table a writing statement as SQLAlchemy renders it names first ("INSERT INTO tickets ",
# "UPDATE ratings SET", "DELETE FROM outbox WHERE").
_TABLE = re.compile(r"(?:INSERT INTO|UPDATE|DELETE FROM) (\w+)")
_by_table: Counter[str] = Counter()
_all = 0


@event.listens_for(Engine, "before_cursor_execute")
def _count(_c: Any, _cursor: Any, statement: str, *_: Any) -> None:
    if not statement.startswith("SELECT"):
        global _all
        _all += 1
        if found := _TABLE.match(statement):
            _by_table[found.group(1)] += 1


def writes(table: str | None = None) -> int:
    """Statements other than a SELECT this process ran so far (those beginning a transaction
    or setting a pragma too); with `table`, those that wrote to that table only."""
    return _all if table is None else _by_table[table]
