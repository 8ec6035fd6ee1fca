"""A word to the requester written in a language they do not speak is sent as written (the
desk does not translate), and its writer is told so (a fresh tester's finding, issue 14: an
English requester got the officer's Chinese resolution, and nobody on the staff side knew):
the ticket's staff read "the requester writes in English; this went in Chinese as written"
once per ticket for replies (again only when the language changes), each time for a
resolution summary (it asks them to confirm what they may not read). The one who wrote is
told, where they wrote: a reply written outside the ticket's place (the department the
ticket was handed to, answering on its form in its own group) is pointed out there, with the
ticket's number, not in the owner's topic (issue 14: 陈静 of the receiving department wrote
Chinese to an English requester, and only the owner was told)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Direction, Requester, Ticket, TicketMessage
from bot.notices import Audience, Notice
from bot.rules import Rules
from bot.written import written_in


async def heard_unlike(
    *,
    session: AsyncSession,
    ticket: Ticket,
    requester: Requester,
    text: str,
    resolution: bool = False,
    filed: TicketMessage | None = None,
    rules: Rules | None = None,
) -> list[Notice]:
    """The `staff_event` (event `other_language`, values `theirs`: the requester's language,
    `written`: the text's, `resolution`) for the ticket's staff when `text`, a staff reply
    (`filed`: its row, already flushed) or a resolution summary, is written in a language of
    the desk other than the requester's; none when it is theirs, when the script tells
    nothing ("ok", a number), or, for a reply, when an earlier reply of the ticket written in
    the same chat was already in that language (told then). A reply `filed` in a chat other
    than the ticket's staff group (with `rules`) is pointed out to its writer there: in the
    staff group of their department (`elsewhere`: the notice names the ticket), or, written
    anywhere else, in their private chat."""
    written = written_in(text)
    if written is None or written == requester.language:
        return []
    if not resolution:
        query = select(TicketMessage.text).where(
            TicketMessage.ticket_id == ticket.id, TicketMessage.direction == Direction.OUT
        )
        if filed is not None:
            query = query.where(
                TicketMessage.id != filed.id,
                TicketMessage.telegram_chat_id == filed.telegram_chat_id,
            )
        if any(written_in(said) == written for said in await session.scalars(query)):
            return []
    values = {
        "event": "other_language",
        "theirs": requester.language,
        "written": written,
        "resolution": resolution,
    }
    writer = _writer(rules, ticket, filed)
    if writer is None:
        return [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, values)]
    values["elsewhere"] = True
    member = rules.staff.get(writer.author_id) if rules and writer.author_id else None
    if member is not None and rules is not None:
        department = rules.settings.department(member.department_key)
        if department.staff_group_chat_id == writer.telegram_chat_id:
            audience = (Audience.DEPARTMENT_GROUP,)
            return [Notice("staff_event", audience, ticket, values, departments=(department.key,))]
    audience, person = (Audience.PERSON,), writer.author_id
    return [Notice("staff_event", audience, ticket, values, person=person)]


def _writer(
    rules: Rules | None, ticket: Ticket, filed: TicketMessage | None
) -> TicketMessage | None:
    """The reply when it was written outside the ticket's staff group (its writer is told
    where they wrote); None when written there, or not known where."""
    if rules is None or filed is None or filed.telegram_chat_id is None:
        return None
    if filed.telegram_chat_id == ticket.staff_chat_id or filed.author_id is None:
        return None
    return filed
