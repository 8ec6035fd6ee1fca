"""Ticket services: register an inquiry, claim it, assign it, change its priority, list them.

Services add and flush; the caller's session boundary commits. Every change goes through
`lifecycle.move` or `lifecycle.record`, so the event log is written in the same transaction.
The closed loop (resolve, confirm, reopen) is in `bot.closure`, handoffs in `bot.handoffs`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import dangers, lifecycle, peril_needs
from bot.complaints import require_not_accused
from bot.errors import InvalidInput, NotAllowed, NotFound, PickerUsed
from bot.guards import (
    clean_text,
    require_assignable,
    require_owner_or_supervisor,
    require_staff_of,
)
from bot.incidents import AreaTopic, MatterWords, Topic, detect_surge
from bot.ledger import contacted, record_late_first_response
from bot.lifecycle import Action
from bot.models import Requester, StaffLink, Ticket, TicketStatus
from bot.notices import Audience, Notice, address
from bot.outgoing import Outgoing
from bot.priority import dependence, emergency_words, keyword_priority, set_priority
from bot.rules import Rules
from bot.store import get, save


@dataclass
class Opened:
    """A new ticket, its opening's alerts (keywords, a surge); `joined`, `updated`: the
    incident, open before, it joined, and whether its requester hears its latest update."""

    ticket: Ticket
    alerts: list[Outgoing] = field(default_factory=list)
    joined: int | None = None
    updated: bool = False


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
    inquiry: list[dict[str, Any]] | None = None,
    staff_chat_id: int | None = None,
    priority_words: str | None = None,
    priority_from: str | None = None,
    topic: Topic | None = None,
    matter_words: MatterWords | None = None,
    area: AreaTopic | None = None,
    complaint_about: int | None = None,
) -> Opened:
    """Register an inquiry with its deadlines; the promise made to the requester is contact.
    `inquiry`: the first inquiry's turns (bot/intake/inquiry.py); `staff_chat_id`: the staff
    group its card goes to, if the caller sends one (both written with the ticket's row).
    `priority_words`: the words configured keywords raise the priority for (default: the
    question; an announcement passed on is no outage of the requester's); `topic`: what a
    question is about, `area` whether that is an area's matter, and `matter_words`: the words
    telling it, for the surge check (`bot.incidents.detect_surge`). `priority_from`: the
    template (its title) whose `priority` set `priority`: above the lowest, it alerts the
    supervisors as keywords do (`alert_template`). `complaint_about`: the member of staff it
    complains of, set before any alert is addressed: none reaches them (bot/notices.py)."""
    settings = rules.settings
    question = clean_text(question, "the question")
    if category not in {c.key for c in settings.categories}:
        raise InvalidInput(f"unknown category {category!r}", "unknown_category", name=category)
    priority = priority or settings.priorities[0].key
    if priority not in {p.key for p in settings.priorities}:
        raise InvalidInput(f"unknown priority {priority!r}", "unknown_priority", name=priority)
    department = department or settings.home_department
    if department not in {d.key for d in settings.departments}:
        raise InvalidInput(
            f"unknown department {department!r}", "unknown_department", name=department
        )
    requester = await session.get(Requester, requester_id)
    if requester is None:
        raise NotFound(f"no requester {requester_id}", "no_requester")
    set_by_template = priority if priority_from is not None else None
    priority, keywords = keyword_priority(
        rules, question if priority_words is None else priority_words, priority
    )
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
        event_seq=1,  # its OPENED event, recorded once it has its number
        first_response_steps=0,
        resolution_steps=0,
        opened_at=now,
        resolution_started_at=now,
        last_contact_at=now,
        next_notice_due_at=now + rules.notice_interval,
        inquiry=inquiry,
        staff_chat_id=staff_chat_id,
        complaint_about=complaint_about,
    )
    rules.set_deadlines(ticket)
    # Scheduled before the INSERT: `save` below then changes nothing unless a surge did.
    rules.reschedule(ticket)
    session.add(ticket)
    await session.flush()
    # New: told of no danger, unless `dangers.told` below records one (its card need not ask).
    dangers.none_told(session, ticket, False)
    lifecycle.record(
        session,
        ticket,
        lifecycle.OPENED,
        numbered=True,
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
    own: list[Outgoing] = []  # this ticket's own alerts (its keywords, its template's priority)
    told: list[str] = []
    if keywords:
        said = question if priority_words is None else priority_words
        needs = dependence(said)
        # A danger to people heard: recorded on the ticket (its card, /queue, /ticket N mark
        # it) and named in the alert with the numbers the requester is told first.
        told = dangers.told(
            session,
            ticket,
            text=said,
            words=emergency_words(rules, said),
            now=now,
            actor_id=requester.telegram_user_id,
        )
        own.extend(
            _supervisor_alerts(
                rules,
                ticket,
                "alert_keyword",
                words=keywords,
                dependent=needs,
                # A vulnerable person at home without heating: why it is urgent.
                exposed=bool(peril_needs.exposure(said)),
                **dangers.alert_values(settings, told),
            )
        )
    elif set_by_template is not None and settings.priority_rank(set_by_template) > 0:
        own.extend(
            _supervisor_alerts(rules, ticket, "alert_template", template_title=priority_from)
        )
    surge = await detect_surge(
        session=session,
        rules=rules,
        ticket=ticket,
        now=now,
        topic=topic,
        matter_words=matter_words,
        area=area,
    )
    # One more report of an incident its supervisors know of: its keywords ("停水") tell them
    # nothing new, and the incident's alerts say it grew (`bot.incidents.joined`; a water cut's
    # 500 reports were 500 alerts each). A danger to people told is alerted all the same.
    if surge.joined is None or told:
        opened.alerts.extend(own)
    opened.alerts.extend(surge.alerts)
    opened.joined, opened.updated = surge.joined, surge.updated
    await save(session, rules, ticket)
    return opened


def _supervisor_alerts(rules: Rules, ticket: Ticket, kind: str, **kw: object) -> list[Outgoing]:
    """An alert about a new ticket for its department's supervisors and management."""
    return address(rules, [Notice(kind, Audience.supervising(), ticket, kw)])


async def claim(
    *, session: AsyncSession, rules: Rules, ticket_id: int, officer_id: int, now: datetime
) -> Ticket:
    """Make `officer_id` the owner of an unclaimed ticket; of two concurrent claims (a press
    of Claim, an answer that claims: bot/speaking.py) one wins, the other sees it claimed."""
    ticket = await get(session=session, ticket_id=ticket_id, lock=True)
    require_staff_of(rules, officer_id, ticket.department_key, ticket.handling_department_key)
    await require_not_accused(session, rules, ticket.id, officer_id)
    if ticket.confidential and not rules.staff.is_supervisor(officer_id, ticket.department_key):
        # A complaint about staff (bot/supervised.py): a supervisor's, or management assigns it.
        raise NotAllowed(
            f"ticket {ticket.id} is confidential: user {officer_id} may not claim it",
            "confidential",
            ticket_id=ticket.id,
        )
    lifecycle.move(
        session, ticket, Action.CLAIM, now=now, actor_id=officer_id, data={"owner_id": officer_id}
    )
    record_late_first_response(session, rules, ticket, now)
    # The requester is told who owns the case; a notice owed before it was nobody's.
    contacted(session, rules, ticket, now, None)
    return await save(session, rules, ticket)


async def give_back(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    officer_id: int,
    recurrence_of: int,
    now: datetime,
) -> Ticket:
    """Make `officer_id`, the former owner of closed ticket `recurrence_of`, the owner of
    `ticket`, just opened as that matter's recurrence (首问负责: the owner remains
    responsible; bot/intake/recurrence.py): recorded as an assignment by nobody, naming the
    closed ticket. Raises NotAllowed unless they are `ticket`'s department's staff."""
    require_assignable(rules, officer_id, ticket.department_key)
    data = {"owner_id": officer_id, "previous_owner_id": None, "recurrence_of": recurrence_of}
    lifecycle.move(session, ticket, Action.ASSIGN, now=now, actor_id=None, data=data)
    contacted(session, rules, ticket, now, None)
    return await save(session, rules, ticket)


async def assign(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    supervisor_id: int,
    officer_id: int,
    reason: str | None,
    now: datetime,
    shown_owner_id: int | None = None,
    reason_needed: bool = False,
) -> Ticket:
    """A supervisor names the owner of an unclaimed ticket, or changes it, with a reason when
    they gave one (None: none is recorded, and /ticket N words the assignment alone: never a
    default in one language stored into a record read in another). `shown_owner_id`: chosen
    on a picker that showed this owner (0: nobody); PickerUsed if the owner is another now.
    `reason_needed` (a choice on the owner picker, which has no room for words): a ticket
    taken from its owner without a reason is refused (InvalidInput `reason_needed`, naming
    the command that gives it: its ticket, the officer's `staff_number`), since the one it
    is taken from, and the ledger, are told why; a first assignment needs none."""
    ticket = await get(session=session, ticket_id=ticket_id, lock=shown_owner_id is not None)
    if not (
        rules.staff.is_supervisor(supervisor_id, ticket.department_key)
        or rules.staff.is_management(supervisor_id)
    ):
        raise NotAllowed(
            f"user {supervisor_id} is not a supervisor of {ticket.department_key}",
            "not_supervisor",
        )
    if shown_owner_id is not None and (ticket.owner_id or 0) != shown_owner_id:
        raise PickerUsed(
            f"ticket {ticket.id}: owner {ticket.owner_id}, the picker showed {shown_owner_id}",
            ticket_id=ticket.id,
            owner=rules.staff.shown_as(ticket.owner_id),
        )
    data: dict[str, object] = {"owner_id": officer_id, "previous_owner_id": ticket.owner_id}
    if reason is not None:
        data["reason"] = clean_text(reason, "the reason")
    require_assignable(rules, officer_id, ticket.department_key)
    await require_not_accused(session, rules, ticket.id, officer_id)
    if officer_id == ticket.owner_id:
        raise InvalidInput(
            f"user {officer_id} already owns ticket {ticket.id}",
            "already_owner",
            ticket_id=ticket.id,
        )
    if reason_needed and reason is None and ticket.owner_id is not None:
        lifecycle.require(ticket, Action.ASSIGN)  # one no longer assignable says so first
        member = rules.staff.get(officer_id)
        raise InvalidInput(
            f"ticket {ticket.id} reassigned without a reason",
            "reason_needed",
            ticket_id=ticket.id,
            officer=rules.staff.shown_as(officer_id) or str(officer_id),
            staff_number=member.staff_number if member is not None else str(officer_id),
            owner=rules.staff.shown_as(ticket.owner_id) or "-",
        )
    was_open = ticket.status is TicketStatus.OPEN
    previous_owner = ticket.owner_id
    lifecycle.move(
        session,
        ticket,
        Action.ASSIGN,
        now=now,
        actor_id=supervisor_id,
        data=data,
    )
    if was_open:
        record_late_first_response(session, rules, ticket, now)
    ticket.reminded_for_notice_at = None
    contacted(session, rules, ticket, now, previous_owner)
    return await save(session, rules, ticket)


async def change_priority(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    actor_id: int | None,
    priority: str,
    now: datetime,
    shown_priority: str | None = None,
) -> Ticket:
    """Set a new priority and recompute the deadlines; `actor_id` None is the system itself.
    `shown_priority`: chosen on a picker that showed this priority; PickerUsed if the ticket
    has another now."""
    ticket = await get(session=session, ticket_id=ticket_id, lock=shown_priority is not None)
    if actor_id is not None:
        require_owner_or_supervisor(rules, ticket, actor_id)
    if shown_priority is not None and ticket.priority != shown_priority:
        raise PickerUsed(
            f"ticket {ticket.id}: priority {ticket.priority}, the picker showed {shown_priority}",
            ticket_id=ticket.id,
            priority=ticket.priority,
        )
    set_priority(session, rules, ticket, priority, now=now, actor_id=actor_id)
    return await save(session, rules, ticket)


# At Core level and built once: every new ticket's card is recorded so, by the sender. The
# version goes up as the ORM's own UPDATE would take it, so that a transaction holding the
# ticket meanwhile still fails on save (ConcurrentChange).
_TICKETS = cast(Table, Ticket.__table__)
_ATTACH_CARD = (
    update(_TICKETS)
    .where(_TICKETS.c.id == bindparam("card_ticket"))
    .values(
        staff_chat_id=bindparam("card_chat"),
        card_message_id=bindparam("card_message"),
        version=_TICKETS.c.version + 1,
    )
)


async def attach_card(
    *, session: AsyncSession, ticket_id: int, chat_id: int, message_id: int
) -> None:
    """Remember the ticket's card in its department's staff group (one UPDATE: nothing is
    loaded); NotFound if there is no such ticket."""
    connection = await session.connection()
    params = {"card_ticket": ticket_id, "card_chat": chat_id, "card_message": message_id}
    if (await connection.execute(_ATTACH_CARD, params)).rowcount == 0:
        raise NotFound(f"no ticket {ticket_id}", "no_ticket", ticket_id=ticket_id)


async def attach_topic(*, session: AsyncSession, ticket_id: int, thread_id: int | None) -> Ticket:
    """Remember (or forget, with None) the ticket's own forum topic in the staff group. A topic
    it had before stays its own (`get_by_topic`): a topic's thread id is the id of the message
    that opened it, kept as a link (StaffLink) to the ticket."""
    ticket = await get(session=session, ticket_id=ticket_id)
    earlier, chat_id = ticket.staff_thread_id, ticket.staff_chat_id
    if earlier is not None and earlier != thread_id and chat_id is not None:
        await session.merge(StaffLink(chat_id=chat_id, message_id=earlier, ticket_id=ticket.id))
    ticket.staff_thread_id = thread_id
    await session.flush()
    return ticket


async def get_by_topic(*, session: AsyncSession, chat_id: int, thread_id: int) -> Ticket | None:
    """The ticket whose forum topic this is, now or before (a person reopened a topic the
    ticket had before it was given another: staff writing there still reach its requester,
    issue 15), if any."""
    current = await session.scalar(
        select(Ticket).where(Ticket.staff_chat_id == chat_id, Ticket.staff_thread_id == thread_id)
    )
    if current is not None:
        return current
    earlier = await session.get(StaffLink, (chat_id, thread_id))
    return None if earlier is None else await session.get(Ticket, earlier.ticket_id)


async def get_by_message(*, session: AsyncSession, chat_id: int, message_id: int) -> Ticket | None:
    """The ticket a staff group's message stands for: its card, or a message copied there."""
    linked = await session.get(StaffLink, (chat_id, message_id))
    if linked is not None:
        return await session.get(Ticket, linked.ticket_id)
    return await session.scalar(
        select(Ticket).where(Ticket.staff_chat_id == chat_id, Ticket.card_message_id == message_id)
    )
