"""When a requester hears that their message was added to their ticket: once for a burst of
messages in a row, as a clerk nods once at someone handing over several papers, and says
where they went.

A message a requester sends to an open ticket of theirs is acknowledged (`added_to_ticket`)
unless their message just before it (to any of their tickets) went to the same ticket less
than `quiet` before (config `notices.acknowledge_quiet`, 5 minutes by default; 0: every
message is acknowledged) and no staff word reached them in between: the first of a burst is
acknowledged, the following ones are filed and relayed to the ticket's staff just the same,
without a reply; after a staff word, or a quiet spell, or when a message goes to another
ticket than the one before it, or after thanks alone (answered each time, bot/thanked.py), the
next is acknowledged again. Words into an emergency's ticket that still tell the danger or ask
whether help is coming are answered whatever the burst (bot/danger_asked.py: a tester asking
whether the ambulance was coming met silence). An edit of a
message already filed is a correction, not a message of the burst: it neither starts one nor keeps
one going. What came with the question that opened the ticket is acknowledged by its promise (the
ticket opened), and does not start a burst. An album has one reply already (bot/intake/media.py);
this decides whether that one is said. An album is one message, sent when its first item was:
its further items reach the bot one by one, after it (after the ticket its caption opened,
too), and are no messages after it (issue 14: the items of an album that opened a ticket,
filed seconds after it opened, kept the next message unacknowledged).

The acknowledgement always names its ticket ("已记入工单 #2"); while the requester has more
than one ticket in hand it also says that what follows in a row goes there too, and how to
reach the others (`others_in_hand`): which ticket plain words go to is the desk's guess
(bot/replies.py), and a guess the requester cannot see is a misfiling they cannot correct;
a change of ticket within a burst is told, since it starts another (issue 14). What follows
in a row does go there: the run (`run_of`) is what keeps a message unacknowledged and what
routes plain words, one rule (a tester's answer to the officer she had just replied to went
to the other ticket, whose question still waited, right after this promise)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import hand_rows
from bot.fillers import thanks
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
    filed under their tickets (call it before filing the message): unless it goes on their
    run in that ticket (`run_of`); with no `quiet` at all, each is, and nothing is read."""
    return (
        await run_of(session=session, requester_id=ticket.requester_id, now=now, quiet=quiet)
        != ticket.id
    )


async def run_of(
    *, session: AsyncSession, requester_id: int, now: datetime, quiet: timedelta = QUIET
) -> int | None:
    """The ticket a message the requester sends at `now` goes on a run in (call it before
    filing the message): the one their message just before went to, less than `quiet` before,
    with no staff word to them since, not the question that opened it (`acknowledges`) nor
    thanks alone (answered on their own, bot/thanked.py);
    None when it starts a run (or `quiet` is none: every message does). What the first of a
    run's acknowledgement promised: what follows in a row goes there too (bot/replies.py
    routes plain words by it)."""
    if quiet <= timedelta(0):
        return None
    last = (
        await session.execute(
            select(
                TicketMessage.id,
                TicketMessage.ticket_id,
                TicketMessage.created_at,
                TicketMessage.media_group_id,
                TicketMessage.text,
                Ticket.opened_at,
            )
            .join(Ticket, Ticket.id == TicketMessage.ticket_id)
            .where(
                Ticket.requester_id == requester_id,
                TicketMessage.direction == Direction.IN,
                TicketMessage.content_type != EDIT,
            )
            .order_by(TicketMessage.id.desc())
            .limit(1)
        )
    ).first()
    if last is None or thanks(last.text or ""):  # thanks are answered on their own
        return None  # (bot/thanked.py): the next message starts a run
    sent_at = last.created_at
    if last.media_group_id is not None:  # an album's item: the album was sent with its first
        first = select(func.min(TicketMessage.created_at)).where(
            TicketMessage.ticket_id == last.ticket_id,
            TicketMessage.direction == Direction.IN,
            TicketMessage.media_group_id == last.media_group_id,
        )
        sent_at = await session.scalar(first) or sent_at
    if sent_at <= last.opened_at:
        return None  # it came with the question: the promise acknowledged it
    answered = await session.scalar(
        select(TicketMessage.id)
        .join(Ticket, Ticket.id == TicketMessage.ticket_id)
        .where(
            Ticket.requester_id == requester_id,
            TicketMessage.direction == Direction.OUT,
            TicketMessage.id > last.id,
        )
        .limit(1)
    )
    going_on = not acknowledges(
        now=now, previous_at=sent_at, answered_since=answered is not None, quiet=quiet
    )
    return int(last.ticket_id) if going_on else None


_IN_HAND_IDS = (
    select(Ticket.id)
    .where(Ticket.requester_id == bindparam("requester_id"), Ticket.status.in_(IN_HAND))
    .order_by(Ticket.id)
)


async def others_in_hand(*, session: AsyncSession, ticket: Ticket) -> dict[str, list[int]]:
    """What an acknowledgement to `ticket` adds while its requester has other tickets in
    hand: their numbers, oldest first (`others`: reached by replying to their messages, see
    the module); nothing with this one alone."""
    kept = hand_rows.ids_kept(session, ticket.requester_id)  # read with the requester
    if kept is None:
        found = await session.scalars(_IN_HAND_IDS, {"requester_id": ticket.requester_id})
        kept = list(found)
    others = [i for i in kept if i != ticket.id]
    return {"others": others} if others else {}
