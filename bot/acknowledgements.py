"""When a requester hears that their message was added to their ticket: once for messages
in a row, as a clerk nods once at someone handing over several papers.

A message a requester sends to their open ticket is acknowledged (`added_to_ticket`) unless
they sent one to it less than `quiet` before (config `notices.acknowledge_quiet`, 5 minutes
by default; 0: every message is acknowledged) and no staff reply came in between: the first of
a run is acknowledged, the following ones are filed and relayed to the ticket's staff just
the same, without a reply; after a staff reply, or a quiet spell, or a message of theirs to
another of their tickets, the next is acknowledged again. An edit of a message already filed
is a correction, not a message of the run: it neither starts one nor keeps one going. What
came with the question that opened the ticket is acknowledged by its promise (the ticket
opened), and is not counted. An album has one reply already (bot/intake/media.py); this
decides whether that one is said.

While the requester has more than one ticket in hand, every message filed is acknowledged,
its ticket named ("已记入工单 #2"): which ticket plain words go to is the desk's guess
(bot/replies.py), and a guess the requester cannot see is a misfiling they cannot correct."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.kinds import EDIT
from bot.models import IN_HAND, Direction, Ticket, TicketMessage

QUIET = timedelta(minutes=5)  # the default of config `notices.acknowledge_quiet`


def acknowledges(
    *,
    now: datetime,
    previous_at: datetime | None,
    answered_since: bool,
    quiet: timedelta = QUIET,
    elsewhere: bool = False,
) -> bool:
    """Whether a requester's message at `now` is acknowledged: `previous_at` is when they
    last sent one to the ticket (None: none since it opened), `answered_since` whether staff
    replied to them after it, `elsewhere` whether their message just before this one went to
    another of their tickets (a run is one ticket's: with two in hand, they hear where each
    change of ticket went)."""
    return previous_at is None or answered_since or elsewhere or now - previous_at >= quiet


async def acknowledgement_due(
    *, session: AsyncSession, ticket: Ticket, now: datetime, quiet: timedelta = QUIET
) -> bool:
    """`acknowledges` for a message the requester sends to `ticket` at `now`, from what is
    filed under the ticket (call it before filing the message); with no `quiet` at all, each
    is, and nothing is read; with several tickets in hand, each is."""
    if quiet <= timedelta(0):
        return True
    holding = await session.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(Ticket.requester_id == ticket.requester_id, Ticket.status.in_(IN_HAND))
    )
    if (holding or 0) > 1:
        return True  # several in hand: where each message went is told (see the module)
    last = (
        await session.execute(
            select(TicketMessage.ticket_id)
            .join(Ticket, Ticket.id == TicketMessage.ticket_id)
            .where(
                Ticket.requester_id == ticket.requester_id,
                TicketMessage.direction == Direction.IN,
                TicketMessage.content_type != EDIT,
            )
            .order_by(TicketMessage.id.desc())
            .limit(1)
        )
    ).first()
    if last is not None and last.ticket_id != ticket.id:
        return True  # their last message went to another ticket: this one's place is told
    previous = (
        await session.execute(
            select(TicketMessage.id, TicketMessage.created_at)
            .where(
                TicketMessage.ticket_id == ticket.id,
                TicketMessage.direction == Direction.IN,
                TicketMessage.content_type != EDIT,
                TicketMessage.created_at > ticket.opened_at,
            )
            .order_by(TicketMessage.id.desc())
            .limit(1)
        )
    ).first()
    if previous is None:
        return True
    answered = await session.scalar(
        select(TicketMessage.id)
        .where(
            TicketMessage.ticket_id == ticket.id,
            TicketMessage.direction == Direction.OUT,
            TicketMessage.id > previous.id,
        )
        .limit(1)
    )
    return acknowledges(
        now=now,
        previous_at=previous.created_at,
        answered_since=answered is not None,
        quiet=quiet,
    )
