"""Ticket services: open, claim, assign, resolve, confirm, reopen; each a plain async function.

Services add and flush; the caller's session boundary commits. Every change goes through
`lifecycle.move` or `lifecycle.record`, so the event log is written in the same transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from bot import lifecycle
from bot.errors import ConcurrentChange, InvalidInput, NotAllowed, NotFound
from bot.lifecycle import Action
from bot.models import (
    ACTIVE_STATUSES,
    BreachKind,
    LedgerEntry,
    Rating,
    Requester,
    Ticket,
    TicketStatus,
)
from bot.outgoing import Outgoing
from bot.sla import Rules

log = logging.getLogger(__name__)

MAX_TEXT = 20_000


@dataclass
class Opened:
    """A new ticket, and any alerts its opening raised (keywords, a surge of similar tickets)."""

    ticket: Ticket
    alerts: list[Outgoing] = field(default_factory=list)


async def get(*, session: AsyncSession, ticket_id: int) -> Ticket:
    """The ticket with this number, or NotFound."""
    ticket = await session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound(f"no ticket {ticket_id}")
    return ticket


async def get_for_requester(*, session: AsyncSession, ticket_id: int, requester_id: int) -> Ticket:
    """A ticket as its requester may see it; someone else's ticket is NotFound, not a leak."""
    ticket = await session.get(Ticket, ticket_id)
    if ticket is None or ticket.requester_id != requester_id:
        raise NotFound(f"no ticket {ticket_id} for this requester")
    return ticket


async def save(session: AsyncSession, rules: Rules, ticket: Ticket) -> Ticket:
    """Reschedule the ticket for the sweep and flush; a lost race becomes ConcurrentChange."""
    rules.reschedule(ticket)
    ticket_id = ticket.id  # the object expires if the flush fails
    try:
        await session.flush()
    except StaleDataError:
        raise ConcurrentChange(f"ticket {ticket_id} changed meanwhile") from None
    return ticket


def breach(
    session: AsyncSession,
    ticket: Ticket,
    kind: BreachKind,
    *,
    officer_id: int | None,
    now: datetime,
    detail: str = "",
) -> LedgerEntry:
    """Append a breach to the accountability ledger against the accountable person."""
    entry = LedgerEntry(
        at=now,
        officer_id=officer_id,
        department_key=ticket.department_key,
        ticket_id=ticket.id,
        kind=kind,
        detail=detail,
    )
    session.add(entry)
    return entry


async def get_or_create_requester(
    *,
    session: AsyncSession,
    telegram_user_id: int,
    chat_id: int,
    language: str,
    now: datetime,
    display_name: str = "",
) -> Requester:
    """The requester behind a Telegram user, created on first contact."""
    requester = await session.scalar(
        select(Requester).where(Requester.telegram_user_id == telegram_user_id)
    )
    if requester is None:
        requester = Requester(
            telegram_user_id=telegram_user_id,
            chat_id=chat_id,
            language=language,
            display_name=display_name[:256],
            blocked_bot=False,
            created_at=now,
        )
        session.add(requester)
        await session.flush()
    return requester


def _clean(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise InvalidInput(f"{what} must not be empty")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"{what} is longer than {MAX_TEXT} characters")
    return text


def _keyword_priority(rules: Rules, text: str, priority: str) -> tuple[str, list[str]]:
    """Raise `priority` to what configured keywords in `text` demand; return the words hit."""
    lowered = text.casefold()
    hits: list[str] = []
    for rule in rules.settings.keywords:
        words = [w for w in rule.words if w.casefold() in lowered]
        if words:
            hits.extend(words)
            if rules.settings.priority_rank(rule.priority) > rules.settings.priority_rank(
                priority
            ):
                priority = rule.priority
    return priority, hits


async def open_ticket(
    *,
    session: AsyncSession,
    rules: Rules,
    requester_id: int,
    question: str,
    category: str,
    now: datetime,
    priority: str | None = None,
    department: str | None = None,
) -> Opened:
    """Register an inquiry with its deadlines; the promise made to the requester is contact."""
    settings = rules.settings
    question = _clean(question, "the question")
    if category not in {c.key for c in settings.categories}:
        raise InvalidInput(f"unknown category {category!r}")
    priority = priority or settings.priorities[0].key
    if priority not in {p.key for p in settings.priorities}:
        raise InvalidInput(f"unknown priority {priority!r}")
    department = department or settings.home_department
    if department not in {d.key for d in settings.departments}:
        raise InvalidInput(f"unknown department {department!r}")
    requester = await session.get(Requester, requester_id)
    if requester is None:
        raise NotFound(f"no requester {requester_id}")
    priority, keywords = _keyword_priority(rules, question, priority)

    ticket = Ticket(
        requester_id=requester_id,
        language=requester.language,
        category=category,
        priority=priority,
        status=TicketStatus.OPEN,
        department_key=department,
        handling_department_key=department,
        question=question,
        reopen_count=0,
        transfer_count=0,
        event_seq=0,
        first_response_steps=0,
        resolution_steps=0,
        opened_at=now,
        resolution_started_at=now,
        last_contact_at=now,
        next_notice_due_at=now + rules.notice_interval,
    )
    rules.set_deadlines(ticket)
    session.add(ticket)
    await session.flush()
    lifecycle.record(
        session,
        ticket,
        lifecycle.OPENED,
        now=now,
        actor_id=requester.telegram_user_id,
        data={
            "category": category,
            "priority": priority,
            "department": department,
            "keywords": keywords,
        },
    )
    opened = Opened(ticket)
    if keywords:
        opened.alerts.extend(_supervisor_alerts(rules, ticket, "alert_keyword", words=keywords))
    from bot.incidents import detect_surge  # the surge check reads other tickets

    opened.alerts.extend(await detect_surge(session=session, rules=rules, ticket=ticket, now=now))
    await save(session, rules, ticket)
    return opened


def _supervisor_alerts(
    rules: Rules, ticket: Ticket, template: str, **context: object
) -> list[Outgoing]:
    language = rules.settings.languages.default
    base = {"ticket_id": ticket.id, "category": ticket.category, "priority": ticket.priority}
    chats = [*rules.staff.supervisors_of(ticket.department_key), rules.settings.management.chat_id]
    return [
        Outgoing(chat_id, language, template, {**base, **context}, ticket_id=ticket.id)
        for chat_id in chats
    ]


def _require_staff_of(rules: Rules, actor_id: int, *departments: str) -> None:
    member = rules.staff.get(actor_id)
    if member is None:
        raise NotAllowed(f"user {actor_id} is not staff")
    if member.department_key not in departments and not rules.staff.is_management(actor_id):
        raise NotAllowed(f"user {actor_id} is not staff of {', '.join(departments)}")


def _require_owner_or_supervisor(rules: Rules, ticket: Ticket, actor_id: int) -> None:
    if actor_id == ticket.owner_id:
        return
    if rules.staff.is_supervisor(actor_id, ticket.department_key) or rules.staff.is_management(
        actor_id
    ):
        return
    raise NotAllowed(f"only the owner or a supervisor may do this on ticket {ticket.id}")


def _late_first_response(
    session: AsyncSession, rules: Rules, ticket: Ticket, now: datetime
) -> None:
    """Leaving 'open' after the first-response deadline is a breach, if the sweep missed it."""
    if now > ticket.first_response_due_at and ticket.first_response_steps <= rules.deadline_step:
        breach(
            session,
            ticket,
            BreachKind.MISSED_FIRST_RESPONSE,
            officer_id=None,
            now=now,
            detail="claimed after the first-response deadline",
        )


async def claim(
    *, session: AsyncSession, rules: Rules, ticket_id: int, officer_id: int, now: datetime
) -> Ticket:
    """Make `officer_id` the owner of an unclaimed ticket; of two concurrent claims one wins."""
    ticket = await get(session=session, ticket_id=ticket_id)
    _require_staff_of(rules, officer_id, ticket.department_key, ticket.handling_department_key)
    lifecycle.move(
        session, ticket, Action.CLAIM, now=now, actor_id=officer_id, data={"owner_id": officer_id}
    )
    _late_first_response(session, rules, ticket, now)
    rules.contacted(ticket, now)  # the requester is told who owns the case
    return await save(session, rules, ticket)


async def assign(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    supervisor_id: int,
    officer_id: int,
    reason: str,
    now: datetime,
) -> Ticket:
    """A supervisor names the owner of an unclaimed ticket, or changes it, with a reason."""
    ticket = await get(session=session, ticket_id=ticket_id)
    if not (
        rules.staff.is_supervisor(supervisor_id, ticket.department_key)
        or rules.staff.is_management(supervisor_id)
    ):
        raise NotAllowed(f"user {supervisor_id} is not a supervisor of {ticket.department_key}")
    reason = _clean(reason, "the reason")
    _require_staff_of(rules, officer_id, ticket.department_key)
    if officer_id == ticket.owner_id:
        raise InvalidInput(f"user {officer_id} already owns ticket {ticket.id}")
    was_open = ticket.status is TicketStatus.OPEN
    lifecycle.move(
        session,
        ticket,
        Action.ASSIGN,
        now=now,
        actor_id=supervisor_id,
        data={"owner_id": officer_id, "previous_owner_id": ticket.owner_id, "reason": reason},
    )
    if was_open:
        _late_first_response(session, rules, ticket, now)
    ticket.reminded_for_notice_at = None
    rules.contacted(ticket, now)
    return await save(session, rules, ticket)


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
    _require_owner_or_supervisor(rules, ticket, officer_id)
    summary = _clean(summary, "the resolution summary")
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
        raise InvalidInput("a rating is 1 to 5")
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
        _late_first_response(session, rules, ticket, now)
    rules.contacted(ticket, now)
    return await save(session, rules, ticket)


async def auto_close(session: AsyncSession, rules: Rules, ticket: Ticket, now: datetime) -> None:
    """Close a resolution the requester never answered (called by the sweep)."""
    lifecycle.move(session, ticket, Action.AUTO_CLOSE, now=now, actor_id=None)
    rules.contacted(ticket, now)


async def change_priority(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    actor_id: int | None,
    priority: str,
    now: datetime,
) -> Ticket:
    """Set a new priority and recompute the deadlines; `actor_id` None is the system itself."""
    ticket = await get(session=session, ticket_id=ticket_id)
    if actor_id is not None:
        _require_owner_or_supervisor(rules, ticket, actor_id)
    set_priority(session, rules, ticket, priority, now=now, actor_id=actor_id)
    return await save(session, rules, ticket)


def set_priority(
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    priority: str,
    *,
    now: datetime,
    actor_id: int | None,
    reason: str = "",
) -> None:
    """Change a loaded ticket's priority and deadlines, recording the event."""
    if priority not in {p.key for p in rules.settings.priorities}:
        raise InvalidInput(f"unknown priority {priority!r}")
    if ticket.status not in ACTIVE_STATUSES:
        raise InvalidInput(f"ticket {ticket.id} is {ticket.status}; its priority is settled")
    if priority == ticket.priority:
        return
    ticket.priority = priority
    rules.set_deadlines(ticket)
    lifecycle.record(
        session,
        ticket,
        lifecycle.PRIORITY_CHANGED,
        now=now,
        actor_id=actor_id,
        data={"priority": priority, "reason": reason},
    )


async def list_for_requester(*, session: AsyncSession, requester_id: int) -> list[Ticket]:
    """A requester's tickets, newest first."""
    rows = await session.scalars(
        select(Ticket).where(Ticket.requester_id == requester_id).order_by(Ticket.id.desc())
    )
    return list(rows)


async def list_owned(*, session: AsyncSession, officer_id: int) -> list[Ticket]:
    """The tickets an officer owns and has not yet closed, earliest deadline first."""
    rows = await session.scalars(
        select(Ticket)
        .where(Ticket.owner_id == officer_id, Ticket.status != TicketStatus.CLOSED)
        .order_by(Ticket.resolution_due_at)
    )
    return list(rows)


async def list_queue(*, session: AsyncSession, department_key: str) -> list[Ticket]:
    """A department's unclaimed tickets, earliest first-response deadline first."""
    rows = await session.scalars(
        select(Ticket)
        .where(
            Ticket.handling_department_key == department_key,
            Ticket.status == TicketStatus.OPEN,
        )
        .order_by(Ticket.first_response_due_at)
    )
    return list(rows)
