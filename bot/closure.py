"""The closed loop (闭环): resolve with a summary, confirm and rate, reopen, withdraw, close.

The services change the ticket in a session; the flows (`resolve_and_tell`,
`confirm_and_tell`, `reopen_and_tell`) do so in a transaction and publish who hears of it
(bot/notices.py): a resolution goes to the requester (the front adds the rating buttons);
their rating or their "not solved" goes to the ticket's staff.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle
from bot.errors import InvalidInput
from bot.guards import clean_text, require_owner_or_supervisor
from bot.ledger import record_late_first_response
from bot.lifecycle import Action
from bot.models import Rating, Requester, Ticket, TicketStatus
from bot.notices import Audience, Notice, publish
from bot.sla import Rules
from bot.store import get, get_for_requester, save
from bot.transaction import Transaction


async def resolve(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    officer_id: int,
    summary: str,
    now: datetime,
) -> Ticket:
    """The owner closes the work with a resolution summary; the requester is asked to confirm."""
    ticket = await get(session=session, ticket_id=ticket_id)
    require_owner_or_supervisor(rules, ticket, officer_id)
    summary = clean_text(summary, "the resolution summary")
    lifecycle.move(
        session, ticket, Action.RESOLVE, now=now, actor_id=officer_id, data={"summary": summary}
    )
    rules.contacted(ticket, now)
    return await save(session, rules, ticket)


async def confirm(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    requester_id: int,
    now: datetime,
    score: int | None = None,
    comment: str | None = None,
) -> Ticket:
    """The requester confirms the resolution and may rate it 1-5."""
    ticket = await get_for_requester(
        session=session, ticket_id=ticket_id, requester_id=requester_id
    )
    if score is not None and not 1 <= score <= 5:
        raise InvalidInput("a rating is 1 to 5", "rating_range")
    lifecycle.move(session, ticket, Action.CONFIRM, now=now, actor_id=None, data={"score": score})
    if score is not None:
        session.add(
            Rating(
                ticket_id=ticket.id, owner_id=ticket.owner_id, score=score, comment=comment, at=now
            )
        )
    rules.contacted(ticket, now)
    return await save(session, rules, ticket)


async def reopen(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    requester_id: int,
    reason: str,
    now: datetime,
) -> Ticket:
    """'Not solved': back to the same owner, with a fresh resolution deadline."""
    ticket = await get_for_requester(
        session=session, ticket_id=ticket_id, requester_id=requester_id
    )
    lifecycle.move(
        session, ticket, Action.REOPEN, now=now, actor_id=None, data={"reason": reason.strip()}
    )
    ticket.resolution_started_at = now
    ticket.resolution_steps = 0
    rules.set_deadlines(ticket)
    ticket.reminded_for_notice_at = None
    rules.contacted(ticket, now)
    return await save(session, rules, ticket)


async def withdraw(
    *, session: AsyncSession, rules: Rules, ticket_id: int, requester_id: int, now: datetime
) -> Ticket:
    """The requester no longer needs help; the ticket closes as withdrawn."""
    ticket = await get_for_requester(
        session=session, ticket_id=ticket_id, requester_id=requester_id
    )
    was_open = ticket.status is TicketStatus.OPEN
    lifecycle.move(session, ticket, Action.WITHDRAW, now=now, actor_id=None)
    if was_open:
        record_late_first_response(session, rules, ticket, now)
    rules.contacted(ticket, now)
    return await save(session, rules, ticket)


async def auto_close(session: AsyncSession, rules: Rules, ticket: Ticket, now: datetime) -> None:
    """Close a resolution the requester never answered (called by the sweep)."""
    lifecycle.move(session, ticket, Action.AUTO_CLOSE, now=now, actor_id=None)
    rules.contacted(ticket, now)


async def resolve_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, officer_id: int, summary: str
) -> Ticket:
    """`resolve` at the transaction's instant; the requester gets the resolution (`summary`
    as written) to confirm and rate. Raises as `resolve` does (DeskError)."""
    ticket = await resolve(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        officer_id=officer_id,
        summary=summary,
        now=tx.now,
    )
    requester = await tx.session.get(Requester, ticket.requester_id)
    assert requester is not None  # a foreign key
    notice = Notice(
        "resolution", (Audience.REQUESTER,), ticket, {"summary": summary}, requester=requester
    )
    await publish(tx, rules, [notice])
    return ticket


async def confirm_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, requester_id: int, score: int
) -> Ticket:
    """`confirm` with a rating at the transaction's instant; the ticket's staff hear it.
    Raises as `confirm` does (DeskError)."""
    ticket = await confirm(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        requester_id=requester_id,
        score=score,
        now=tx.now,
    )
    event = {"event": "rated", "score": score}
    await publish(tx, rules, [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, event)])
    return ticket


async def reopen_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, requester_id: int, reason: str
) -> Ticket:
    """`reopen` at the transaction's instant; the ticket's staff hear it is not solved.
    Raises as `reopen` does (DeskError)."""
    ticket = await reopen(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        requester_id=requester_id,
        reason=reason,
        now=tx.now,
    )
    event = {"event": "reopened"}
    await publish(tx, rules, [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, event)])
    return ticket
