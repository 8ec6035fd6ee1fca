"""Looking things up: a requester's tickets (/status), an officer's and those handed to their
department (/mine), a department's queue (/queue) and one ticket's whole record (/ticket N),
as plain values for the front to word. Reads only; nothing here writes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import dangers, ticket_messages
from bot.asking import asks_requester, question_answered, question_waiting
from bot.escalation_steps import ESCALATION, escalation_steps
from bot.excerpt import Excerpt, excerpt, one_line
from bot.handoff_questions import ANSWER, QUESTION
from bot.intake import small_words
from bot.intake.inquiry import Turn, referred, worth_showing
from bot.kinds import BOT_OFFERED, INCIDENT_UPDATE, chat_event
from bot.lifecycle import DANGER_TOLD, LINKED
from bot.models import (
    ACTIVE_STATUSES,
    Direction,
    Ticket,
    TicketEvent,
    TicketMessage,
    TicketStatus,
)
from bot.priority import emergency_priority
from bot.rules import Rules
from bot.store import get

REQUESTER_LIMIT = 10  # a requester's newest tickets listed by /status
STAFF_LIMIT = 30  # tickets listed by /mine and /queue
QUESTION_SHOWN = 40  # characters of the question in a staff list
LATEST_SHOWN = 150  # units of an officer's latest word a requester's /status shows


@dataclass(frozen=True)
class TicketLine:
    """One ticket in a list: its number, status, owner as shown (None: nobody yet), the
    deadline that matters to the reader, the latest public update, and (for staff) the start
    of the question, on one line (`bot.excerpt.one_line`); for staff also its priority,
    whether that is urgent (`bot.priority.emergency_priority` or above) and whether the
    deadline is past."""

    id: int
    status: str
    owner: str | None
    due: datetime | None
    latest: str | None = None
    asks: bool = False  # `latest` is the officer's question to the requester (`latest_asks`)
    answered: bool = False  # `latest` is that question, answered (`asking.question_answered`)
    latest_length: int = 0  # `latest` shortened: the whole word's characters (`latest_shown`)
    question: str = ""  # none of a confidential one's words (bot/supervised.py)
    confidential: bool = False
    priority: str | None = None  # a staff list's: its key (worded by the template)
    urgent: bool = False  # of the priority a danger to people demands, or above
    # Its deadline has passed while it is still being handled: a list does not show it as a
    # promise (bot/notices.py `ticket_values`).
    overdue: bool = False
    # Closed: why (a CloseReason value: withdrawn by its requester, confirmed, closed by
    # their silence) and when; a closed ticket promises nothing (`due` None).
    closed: str | None = None
    closed_at: datetime | None = None
    # The kinds of danger to people it was told of (bot/dangers.py): marked in a staff list
    # and in its requester's /status.
    dangers: tuple[str, ...] = ()
    incident: int | None = None  # a staff list's: the mass incident it is linked to


@dataclass(frozen=True)
class EventLine:
    """One step of a ticket's life: when, what (the event's kind), who (None: the desk), the
    event's details (`data`, as recorded) and `owner`, the person an assignment names (or a
    complaint is about: bot/complaints.py)."""

    at: datetime
    kind: str
    who: str | None
    data: dict[str, Any]
    owner: str | None


@dataclass(frozen=True)
class MessageLine:
    """One message of a ticket's: when, its direction (in, out, note; "bot": what the bot
    answered or offered the requester before the handover, `bot.kinds.BOT_OFFERED`, which is
    no staff note, listed only for a ticket whose first inquiry was not kept turn by turn;
    "handoff": a question about a handoff to the ticket's staff from the department it was
    handed to, or their answer to it, which the requester never sees, `values` `asked` (True:
    the question) and `department` (the asker's, or the one answered); "incident": an update
    of the mass incident the ticket is linked to, posted by `author` to
    all its requesters, `bot.kinds.INCIDENT_UPDATE`, `values` its `incident_id`, which is no
    reply of anyone's on this ticket alone; "event": the bot's note of what became of the
    requester's chat, `bot.kinds.chat_event`, its kind as `text`, its values as `values`),
    its text, the kind of its content (text, photo, document, ...) and `author`, the officer
    who wrote a reply or a note as people are shown (config `privacy`; None: the
    requester's, or the bot's)."""

    created_at: datetime
    direction: str
    text: str
    content_type: str
    values: Mapping[str, Any] = field(default_factory=dict)
    author: str | None = None


@dataclass(frozen=True)
class Record:
    """A ticket's whole record for staff: what it is now, the first inquiry turn by turn when
    more than the question happened in it (`inquiry`, bot/intake/inquiry.py: each answer the
    bot gave, the suggestions it offered, those the requester rejected, what they said after
    each), every event, every message (notes included), oldest first."""

    id: int
    status: str
    owner: str | None
    handling_department_key: str
    question: str
    events: tuple[EventLine, ...]
    messages: tuple[MessageLine, ...]
    inquiry: tuple[Turn, ...] = ()
    closed: str | None = None  # as TicketLine's: why it closed, and when
    closed_at: datetime | None = None
    dangers: tuple[str, ...] = ()  # as TicketLine's: marked at its head


async def requester_tickets(
    *, session: AsyncSession, rules: Rules, requester_id: int, now: datetime | None = None
) -> list[TicketLine]:
    """A requester's newest tickets (at most REQUESTER_LIMIT), each with the start of its
    question on one line (what it is about), its resolution deadline (the promise) and
    latest public word: its resolution once resolved or closed with one (`latest_shown`); a
    closed one says why and when instead of a promise (issue 14: "closed · promised by" for a
    ticket its requester withdrew); and the dangers to people it was told of, marked."""
    rows = await session.scalars(
        select(Ticket)
        .where(Ticket.requester_id == requester_id)
        .order_by(Ticket.id.desc())
        .limit(REQUESTER_LIMIT)
    )
    lines = [
        TicketLine(
            id=t.id,
            status=str(t.status),
            owner=rules.staff.shown_as(t.owner_id),
            due=None if t.status is TicketStatus.CLOSED else t.resolution_due_at,
            latest=None if (word := latest_shown(t)) is None else word.text,
            latest_length=0 if word is None else word.length,
            asks=latest_asks(t),
            answered=question_answered(t),
            question=matter(t.question),
            overdue=now is not None and t.status in ACTIVE_STATUSES and now >= t.resolution_due_at,
            **closing(t),
        )
        for t in rows
    ]
    return await _marked(session, lines)


async def still_open(
    *, session: AsyncSession, rules: Rules, requester_id: int
) -> list[TicketLine]:
    """A requester's tickets not closed (in progress or awaiting their confirmation), as
    `requester_tickets` shows them: what /start greets one who has them back with."""
    listed = await requester_tickets(session=session, rules=rules, requester_id=requester_id)
    return [t for t in listed if t.status != TicketStatus.CLOSED]


async def owned(
    *, session: AsyncSession, rules: Rules, officer_id: int, now: datetime
) -> list[TicketLine]:
    """The tickets an officer owns and has not yet closed (at most STAFF_LIMIT), earliest
    resolution deadline first."""
    rows = await session.scalars(
        select(Ticket)
        .where(Ticket.owner_id == officer_id, Ticket.status != TicketStatus.CLOSED)
        .order_by(Ticket.resolution_due_at)
        .limit(STAFF_LIMIT)
    )
    return await _marked(session, [_staff_line(rules, t, t.resolution_due_at, now) for t in rows])


async def _marked(session: AsyncSession, lines: list[TicketLine]) -> list[TicketLine]:
    """`lines` with the dangers each ticket was told of (`bot.dangers.of_tickets`)."""
    told = await dangers.of_tickets(session, [line.id for line in lines])
    return [replace(line, dangers=tuple(told.get(line.id, ()))) for line in lines]


async def queue(
    *, session: AsyncSession, rules: Rules, department_key: str | None, now: datetime
) -> list[TicketLine]:
    """A department's unclaimed tickets (None: every department's, for management), at most
    STAFF_LIMIT, the most urgent first: the highest priority, then the earliest
    first-response deadline (a passed one first)."""
    ranks = {p.key: n for n, p in enumerate(rules.settings.priorities)}
    wanted = [Ticket.status == TicketStatus.OPEN]
    if department_key is not None:
        wanted.append(Ticket.handling_department_key == department_key)
    rows = await session.scalars(
        select(Ticket)
        .where(*wanted)
        .order_by(case(ranks, value=Ticket.priority, else_=0).desc(), Ticket.first_response_due_at)
        .limit(STAFF_LIMIT)
    )
    return await _marked(
        session, [_staff_line(rules, t, t.first_response_due_at, now) for t in rows]
    )


async def handed_to(
    *, session: AsyncSession, rules: Rules, department_key: str, officer_id: int, now: datetime
) -> list[TicketLine]:
    """The tickets another department's officer owns that `department_key` accepted to
    handle (SPEC rule 7: the receiving department does the work, the owner stays) and that
    are not closed, but those `officer_id` owns (listed as theirs already); at most
    STAFF_LIMIT, earliest resolution deadline first, each naming its owner."""
    rows = await session.scalars(
        select(Ticket)
        .where(
            Ticket.handling_department_key == department_key,
            Ticket.department_key != department_key,
            Ticket.status != TicketStatus.CLOSED,
            Ticket.owner_id != officer_id,
        )
        .order_by(Ticket.resolution_due_at)
        .limit(STAFF_LIMIT)
    )
    lines = [
        replace(
            _staff_line(rules, t, t.resolution_due_at, now), owner=rules.staff.shown_as(t.owner_id)
        )
        for t in rows
    ]
    return await _marked(session, lines)


def latest_shown(ticket: Ticket) -> Excerpt | None:
    """The latest public word on `ticket` a requester reads: its resolution summary once it
    is resolved or closed with one (not an officer's question asked before it), else the
    last public update; on one line (`one_line`), as a list line shows it, a long one by its
    start (at most LATEST_SHOWN units, `excerpt`: the list says it is shortened and that all
    of it is the officer's message above in their chat, issue 14)."""
    settled = ticket.status in (TicketStatus.RESOLVED, TicketStatus.CLOSED)
    word = ticket.resolution_summary if settled and ticket.resolution_summary else None
    if word is None and settled and asks_requester(ticket.latest_update or ""):
        return None  # a question nobody waits on any more is no word on a closed ticket
    word = word or ticket.latest_update
    return None if word is None else excerpt(one_line(word), LATEST_SHOWN)


def latest_asks(ticket: Ticket) -> bool:
    """Whether the latest public word on `ticket` (`latest_shown`) is the officer's question to
    the requester (`bot.asking.asks_requester`): shown as a question waiting for their answer,
    never as progress; only while it is in progress (`bot.asking.question_waiting`)."""
    return question_waiting(ticket)


def matter(question: str) -> str:
    """The start of `question` on one line of a list (QUESTION_SHOWN UTF-16 units, line breaks
    " / "), without first lines that say nothing of it ("hello": `small_words.is_filler`)."""
    lines = question.strip().splitlines()
    while len(lines) > 1 and small_words.is_filler(lines[0]):
        lines.pop(0)
    return excerpt(one_line("\n".join(lines)), QUESTION_SHOWN).text


def _staff_line(rules: Rules, ticket: Ticket, due: datetime | None, now: datetime) -> TicketLine:
    settings = rules.settings
    urgent = settings.priority_rank(emergency_priority(settings))
    return TicketLine(
        id=ticket.id,
        status=str(ticket.status),
        owner=None,
        due=due,
        question="" if ticket.confidential else matter(ticket.question),
        confidential=ticket.confidential,
        priority=ticket.priority,
        urgent=settings.priority_rank(ticket.priority) >= urgent,
        overdue=due is not None and due <= now,
        incident=ticket.incident_id,
    )


async def record(*, session: AsyncSession, rules: Rules, ticket_id: int) -> Record:
    """The whole record of ticket `ticket_id`, people as shown (config `privacy`). NotFound if
    there is no such ticket."""
    ticket = await get(session=session, ticket_id=ticket_id)
    events = list(
        await session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.seq)
        )
    )
    lines = [
        EventLine(
            at=e.at,
            kind=e.kind,
            who=rules.staff.shown_as(e.actor_id),
            data=e.data,
            owner=rules.staff.shown_as(e.data.get("owner_id", e.data.get("about"))),
        )
        for e in events
    ]
    # Each step of the escalation ladder fired on it (SPEC: every step is recorded).
    lines += [
        EventLine(at=at, kind=ESCALATION, who=None, data=data, owner=None)
        for at, data in await escalation_steps(session=session, rules=rules, ticket_id=ticket_id)
    ]
    messages = await ticket_messages.history(
        session=session, ticket_id=ticket_id, public_only=False
    )
    turns = ticket.inquiry or []
    inquiry = tuple(referred(turns, ticket.question)) if worth_showing(turns) else ()
    handed = [(e.at, str(e.data.get("to"))) for e in events if e.kind == "transfer"]
    # The incident the ticket was in when each update reached it, the last it joined by then
    # (staff may have taken it out since: a tester's /ticket read "向群体性事件 #- …").
    linked = [(e.at, e.data.get("incident_id")) for e in events if e.kind == LINKED]

    def incident_at(at: datetime) -> int | None:
        joined = [incident for when, incident in linked if when <= at and incident is not None]
        return joined[-1] if joined else ticket.incident_id

    if inquiry:
        # The turns say what each offer was and what became of it: the bot's note listing
        # them all at once would read as answers given.
        messages = [m for m in messages if m.content_type != BOT_OFFERED]
    return Record(
        id=ticket.id,
        status=str(ticket.status),
        owner=rules.staff.shown_as(ticket.owner_id),
        handling_department_key=ticket.handling_department_key,
        question=ticket.question,
        # In time order, an escalation among the events at its instant after them (stable).
        events=tuple(sorted(lines, key=lambda line: line.at)),
        messages=tuple(_line(m, rules, incident_at(m.created_at), handed) for m in messages),
        inquiry=inquiry,
        **closing(ticket),
        dangers=tuple(
            dangers.merged(e.data.get("kinds") or () for e in events if e.kind == DANGER_TOLD)
        ),
    )


def closing(ticket: Ticket) -> dict[str, Any]:
    """A closed ticket's `closed` (why: its CloseReason's value) and `closed_at`; nothing for
    one not closed. Pure."""
    if ticket.status is not TicketStatus.CLOSED or ticket.close_reason is None:
        return {}
    return {"closed": str(ticket.close_reason), "closed_at": ticket.closed_at}


def _line(
    message: TicketMessage,
    rules: Rules,
    incident_id: int | None,
    handed: list[tuple[datetime, str]],
) -> MessageLine:
    """A message of a ticket as /ticket N shows it (see MessageLine): each names who wrote
    it (issue 14: the officer who asked under an unclaimed ticket's card, too); an update of
    the ticket's incident (`incident_id`) is that incident's; a question about a handoff is
    from its asker's department, an answer to one for the department the ticket was last
    handed to before it (`handed`: when and to which, in order)."""
    author = rules.staff.shown_as(message.author_id)
    if message.content_type in (QUESTION, ANSWER):
        asked = message.content_type == QUESTION
        if asked:
            member = rules.staff.get(message.author_id)
            department = member.department_key if member is not None else None
        else:
            earlier = [to for at, to in handed if at <= message.created_at]
            department = earlier[-1] if earlier else None
        values: dict[str, Any] = {"asked": asked, "department": department}
        return MessageLine(message.created_at, "handoff", message.text, "text", values, author)
    if message.content_type == BOT_OFFERED:
        return MessageLine(message.created_at, "bot", message.text, "text")
    if message.content_type == INCIDENT_UPDATE:
        return MessageLine(
            message.created_at,
            "incident",
            message.text,
            "text",
            {"incident_id": incident_id},
            author=author,
        )
    bot_note = message.direction == Direction.NOTE and message.author_id is None
    event = chat_event(message.text) if bot_note else None
    if event is not None:
        kind, values = event
        return MessageLine(message.created_at, "event", kind, "text", values)
    return MessageLine(
        message.created_at,
        str(message.direction),
        message.text,
        message.content_type,
        author=author,
    )
