"""When a requester last rated a ticket, read with who they are (bot/requesters.py
`requester_with_current`) and kept on the session for the transaction of their message.

Every requester's text is first checked for the answer to "what went wrong?" after a low
rating (bot/intake/dissatisfied.py `awaiting_answer`): a query of its own on every message,
though most requesters rated nothing lately (profiled under benchmarks/throughput.py: about
one statement in eighteen, and 2.5% of the bot's CPU in building it). The read of who they are
brings the instant of their latest rating too (`LATEST`), and `kept` answers from it while no
rating was written since (by any session of this process: `bot.writes.writes`) and none
waits in the session unwritten; otherwise the caller runs its query, as before."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.models import Rating, Requester, Ticket
from bot.writes import writes

_RATED = aliased(Ticket)
# The instant of the requester's latest rating of any ticket of theirs (None: never rated);
# per requester by the indexes on tickets.requester_id and ratings.ticket_id.
LATEST = (
    select(func.max(Rating.at))
    .join(_RATED, Rating.ticket_id == _RATED.id)
    .where(_RATED.requester_id == Requester.id)
    .correlate(Requester)
    .scalar_subquery()
)

_KEPT = "latest_rating"  # the session's info: (telegram user id, rating writes then, instant)


def keep(session: AsyncSession, telegram_user_id: int, latest: datetime | None) -> None:
    """The instant of the latest rating by the requester behind `telegram_user_id` (None:
    none, a first contact too), as read just now."""
    session.info[_KEPT] = (telegram_user_id, writes("ratings"), latest)


def kept(session: AsyncSession, telegram_user_id: int) -> tuple[datetime | None] | None:
    """`(instant,)` of the requester's latest rating as `keep` holds it, when a query would
    find the same now; None when it might not (another requester's, a rating written since,
    or one in the session not yet written)."""
    held = session.info.get(_KEPT)
    if held is None or held[0] != telegram_user_id or held[1] != writes("ratings"):
        return None
    sync = session.sync_session
    if any(isinstance(item, Rating) for item in (*sync.new, *sync.dirty, *sync.deleted)):
        return None
    return (held[2],)
