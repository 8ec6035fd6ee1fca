"""Requesters: who is asking, created on first contact; their tickets in hand; bars against
abuse; and whether the bot still reaches them."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import conversation, dangers, hand_rows, rated_kept
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.guards import clean_text
from bot.kinds import UNREACHABLE_NOTE
from bot.models import ACTIVE_STATUSES, IN_HAND, Requester, Ticket, TicketStatus
from bot.rules import Rules

_REQUESTER = select(Requester).where(Requester.telegram_user_id == bindparam("telegram_user_id"))


async def get_or_create_requester(
    *,
    session: AsyncSession,
    telegram_user_id: int,
    chat_id: int,
    language: str,
    now: datetime,
    display_name: str = "",
) -> Requester:
    """The requester behind a Telegram user, created (and written) on first contact."""
    requester = await session.scalar(_REQUESTER, {"telegram_user_id": telegram_user_id})
    if requester is None:
        requester = _new_requester(session, telegram_user_id, chat_id, language, now, display_name)
        await session.flush()
    return requester


def _new_requester(
    session: AsyncSession,
    telegram_user_id: int,
    chat_id: int,
    language: str,
    now: datetime,
    display_name: str,
) -> Requester:
    """A requester first seen now, added to the session but not yet written: the session's
    next flush writes them (the commit's, or a query's before it runs).

    What the flows clear is set (to None) here, not left unset: the ORM takes an attribute
    never set and later set to None for a change, an UPDATE of a row just written."""
    requester = Requester(
        telegram_user_id=telegram_user_id,
        chat_id=chat_id,
        language=language,
        display_name=display_name[:256],
        blocked_bot=False,
        language_chosen=False,
        created_at=now,
        last_question=None,
        dialog_step=None,
        last_offered=None,
        inquiry=None,
        held_media=None,
    )
    session.add(requester)
    return requester


async def identified(*, session: AsyncSession, requester: Requester) -> int:
    """The requester's id; one first seen in this transaction is written first (a flush)."""
    if requester.id is None:
        await session.flush()
    return requester.id


async def banned_users(*, session: AsyncSession) -> set[int]:
    """Telegram user ids of requesters a supervisor barred."""
    rows = await session.scalars(
        select(Requester.telegram_user_id).where(Requester.banned_at.is_not(None))
    )
    return set(rows)


async def set_ban(
    *,
    session: AsyncSession,
    rules: Rules,
    supervisor_id: int,
    telegram_user_id: int,
    banned: bool,
    reason: str,
    now: datetime,
) -> Requester:
    """A supervisor bars a requester (or lifts it); staff cannot be barred."""
    if not (rules.staff.is_supervisor(supervisor_id) or rules.staff.is_management(supervisor_id)):
        raise NotAllowed(f"user {supervisor_id} is not a supervisor", "not_supervisor")
    if rules.staff.get(telegram_user_id) is not None:
        raise InvalidInput(f"user {telegram_user_id} is staff", "is_staff")
    requester = await session.scalar(_REQUESTER, {"telegram_user_id": telegram_user_id})
    if requester is None:
        raise NotFound(f"no requester {telegram_user_id}", "no_requester")
    requester.banned_at = now if banned else None
    requester.banned_by = supervisor_id if banned else None
    requester.ban_reason = clean_text(reason, "the reason")[:500] if banned else None
    await session.flush()
    return requester


_COUNT_OPEN = (
    select(func.count())
    .select_from(Ticket)
    .where(Ticket.requester_id == bindparam("requester_id"), Ticket.status.in_(ACTIVE_STATUSES))
)


async def language_of(*, session: AsyncSession, telegram_user_id: int) -> str | None:
    """The language a requester chose or was given (None: no such requester yet)."""
    return await session.scalar(
        select(Requester.language).where(Requester.telegram_user_id == telegram_user_id)
    )


async def open_ticket_ids(*, session: AsyncSession, requester_id: int) -> list[int]:
    """The numbers of a requester's tickets still in progress (not resolved or closed), in
    order: what a supervisor barring them is told of (their owners still write to them and
    settle them; what the requester sends to them is no longer handled)."""
    return list(
        await session.scalars(
            select(Ticket.id)
            .where(Ticket.requester_id == requester_id, Ticket.status.in_(ACTIVE_STATUSES))
            .order_by(Ticket.id)
        )
    )


async def count_open(*, session: AsyncSession, requester_id: int) -> int:
    """How many of a requester's tickets are open (not resolved or closed): of those read
    with the requester when nothing changed since (`hand_rows.tickets_kept`)."""
    kept = hand_rows.tickets_kept(session, requester_id)
    if kept is not None:
        return sum(1 for ticket in kept if ticket.status in ACTIVE_STATUSES)
    return int(await session.scalar(_COUNT_OPEN, {"requester_id": requester_id}) or 0)


async def mark_unreachable(*, session: AsyncSession, chat_id: int, now: datetime) -> list[Ticket]:
    """The requester behind this private chat blocked the bot: nothing reaches them now. Each
    of their tickets still in hand gets a note saying so (once); those tickets are returned,
    so that their owners can be told."""
    requester = await session.scalar(select(Requester).where(Requester.chat_id == chat_id))
    if requester is None or requester.blocked_bot:
        return []
    requester.blocked_bot = True
    in_hand = await tickets_in_hand(session=session, requester_id=requester.id)
    for ticket in in_hand:
        conversation.add_bot_note(
            session=session,
            ticket_id=ticket.id,
            text=UNREACHABLE_NOTE,
            now=now,
        )
    return in_hand


# Built once: constructing the statement cost more than running it, on every message. Every
# ticket in hand comes with its requester, newest first (none: one row, its ticket None), with
# what `bot.replies.in_hand` reads of each (`hand_rows`) and whether it was told of a danger
# (`bot.dangers.ANY_TOLD`), and when they last rated a ticket (`bot.rated_kept`): routing a
# message among them, acknowledging it and looking for an answer to a low rating need no
# query of their own (`hand_rows.kept`, `dangers.none_told`, `rated_kept.kept`).
# In hand (IN_HAND) is every status but closed, said so: an IN list is expanded into the SQL
# at every execution, a tenth of this query's cost (tests/bot/test_which_ticket.py holds
# the two the same).
_WITH_IN_HAND = (
    select(Requester, Ticket, dangers.ANY_TOLD, *hand_rows.COLUMNS, rated_kept.LATEST)
    .outerjoin(
        Ticket,
        (Ticket.requester_id == Requester.id) & (Ticket.status != TicketStatus.CLOSED),
    )
    .where(Requester.telegram_user_id == bindparam("telegram_user_id"))
    .order_by(Ticket.id.desc())
)


class Asking(NamedTuple):
    """A requester as their message finds them: `current`, their latest ticket in progress
    or awaiting their confirmation (None: none), and `in_hand`, how many such tickets they
    have (0 exactly when `current` is None)."""

    requester: Requester
    current: Ticket | None
    in_hand: int


async def requester_with_current(
    *,
    session: AsyncSession,
    telegram_user_id: int,
    chat_id: int,
    language: str,
    now: datetime,
    display_name: str = "",
) -> Asking:
    """The requester behind a Telegram user, their current ticket as `current_for_requester`
    finds it and how many they have in hand, in one query: the path of every message. Their
    tickets in hand come with it, kept for `bot.replies.in_hand` (bot/hand_rows.py).

    A requester seen for the first time is created but not yet written: the commit writes
    them in one INSERT with whatever the flow set on them meanwhile (writing them at once cost
    an INSERT and then an UPDATE, each an ORM flush: about a third of the CPU of a first
    contact's transaction). Until the session's next flush their `id` is None: whoever needs
    it calls `identified`."""
    rows = (await session.execute(_WITH_IN_HAND, {"telegram_user_id": telegram_user_id})).all()
    if rows:
        # One who had blocked the bot stays marked so until the caller has dealt with their
        # return (bot/delivery.py `reachable_again_and_tell`).
        requester: Requester = rows[0][0]
        rated_kept.keep(session, telegram_user_id, rows[0][6])
        held = [row for row in rows if row[1] is not None]
        for row in held:
            dangers.none_told(session, row[1], row[2])
        hand_rows.keep(session, requester.id, [(r[1], r[3], r[4], r[5]) for r in held[::-1]])
        return Asking(requester, held[0][1] if held else None, len(held))
    # Not there a moment ago, in this transaction: first contact (no second look needed).
    first = _new_requester(session, telegram_user_id, chat_id, language, now, display_name)
    rated_kept.keep(session, telegram_user_id, None)
    return Asking(first, None, 0)


async def current_for_requester(*, session: AsyncSession, requester_id: int) -> Ticket | None:
    """The requester's ticket still in progress or awaiting their confirmation, if any."""
    return await session.scalar(
        select(Ticket)
        .where(
            Ticket.requester_id == requester_id,
            Ticket.status.in_(IN_HAND),
        )
        .order_by(Ticket.id.desc())
        .limit(1)
    )


async def tickets_in_hand(*, session: AsyncSession, requester_id: int) -> list[Ticket]:
    """The requester's tickets in progress or awaiting their confirmation, oldest first."""
    query = (
        select(Ticket)
        .where(Ticket.requester_id == requester_id, Ticket.status.in_(IN_HAND))
        .order_by(Ticket.id)
    )
    return list(await session.scalars(query))
