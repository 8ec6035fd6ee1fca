"""A word to the requester written in a language they do not speak is sent as written (the
desk does not translate), and its writer is told so (a fresh tester's finding, issue 14: an
English requester got the officer's Chinese resolution, and nobody on the staff side knew):
the ticket's staff read "the requester writes in English; this went in Chinese as written"
once per ticket for replies (again only when the language changes), each time for a
resolution summary (it asks them to confirm what they may not read)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Direction, Requester, Ticket, TicketMessage
from bot.notices import Audience, Notice
from bot.written import written_in


async def heard_unlike(
    *,
    session: AsyncSession,
    ticket: Ticket,
    requester: Requester,
    text: str,
    resolution: bool = False,
    filed: TicketMessage | None = None,
) -> list[Notice]:
    """The `staff_event` (event `other_language`, values `theirs`: the requester's language,
    `written`: the text's, `resolution`) for the ticket's staff when `text`, a staff reply
    (`filed`: its row, already flushed) or a resolution summary, is written in a language of
    the desk other than the requester's; none when it is theirs, when the script tells
    nothing ("ok", a number), or, for a reply, when an earlier reply of the ticket was
    already in that language (told then)."""
    written = written_in(text)
    if written is None or written == requester.language:
        return []
    if not resolution:
        query = select(TicketMessage.text).where(
            TicketMessage.ticket_id == ticket.id, TicketMessage.direction == Direction.OUT
        )
        if filed is not None:
            query = query.where(TicketMessage.id != filed.id)
        if any(written_in(said) == written for said in await session.scalars(query)):
            return []
    values = {
        "event": "other_language",
        "theirs": requester.language,
        "written": written,
        "resolution": resolution,
    }
    return [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, values)]
