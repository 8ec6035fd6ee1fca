"""What the desk said last to a chat, as the outbox keeps it: whether a message of the
requester's comes "in a row" after the same reply (bot/intake/wordless.py `in_a_row`) or
answers the bot's waiting question (bot/intake/beside_asked.py)."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import OutboxMessage

_TABLE = cast(Table, OutboxMessage.__table__)

# The outbox rows looked back through for the latest message to a chat (`latest_kind`):
# enough for any exchange "in a row", and a bound on the look for a chat the bot never wrote
# to (the table has no index by chat for sent rows; its primary key walked back is the look).
LOOKED_BACK = 2000


# One statement: the newest id looked up inside it (two statements cost twice the ORM's work
# per message; max() of the primary key is read off its index's end).
_LATEST_KIND = (
    select(_TABLE.c.template)
    .where(
        _TABLE.c.chat_id == bindparam("chat_id"),
        _TABLE.c.id > select(func.max(_TABLE.c.id)).scalar_subquery() - LOOKED_BACK,
        _TABLE.c.failed_at.is_(None),
    )
    .order_by(_TABLE.c.id.desc())
    .limit(1)
)


async def latest_kind(*, session: AsyncSession, chat_id: int) -> str | None:
    """The kind (`template`) of the latest message the desk stored for `chat_id` and did not
    give up on (a failed one never reached the requester), among the newest LOOKED_BACK rows
    of the outbox; None when there is none there."""
    return await session.scalar(_LATEST_KIND, {"chat_id": chat_id})
