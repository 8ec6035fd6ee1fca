"""The figures of a simulated service day (benchmarks/service_day.py), each measured from what
the emulation saw requesters receive (transcripts, with the real time each message arrived)
and what the database holds at the end, never from what the simulation meant to happen."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from benchmarks.day_people import TICKET_NUMBER, Day, Office, Requester, buttons
from bot.lifecycle import Action
from bot.models import (
    ACTIVE_STATUSES,
    BreachKind,
    DeadlineKind,
    Direction,
    Escalation,
    LedgerEntry,
    ProgressNotice,
    Ticket,
    TicketEvent,
    TicketMessage,
)
from bot.models import (
    Requester as RequesterRow,
)
from bot.reports.labels import labels

ACKNOWLEDGED_WITHIN = 3.0  # real seconds
PROMISED_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
# What the bot asks a requester for: what their matter is, or its kind.
ASKS = {
    "clarify": "matter",
    "media_held_ask": "matter",
    "no_words": "matter",
    "ask_first": "matter",
    "category_choice": "kind",
}


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def acknowledged(day: Day, people: Sequence[Requester]) -> tuple[int, int]:
    """(first messages answered within ACKNOWLEDGED_WITHIN real seconds, first messages)."""
    quick = sent = 0
    for person in people:
        if person.first_sent is None:
            continue
        sent += 1
        replies = [t for t, _ in day.arrived.get(person.user_id, []) if t >= person.first_sent]
        quick += bool(replies) and replies[0] - person.first_sent <= ACKNOWLEDGED_WITHIN
    return quick, sent


def promised(
    day: Day, people: Sequence[Requester], tickets: dict[int, list[int]]
) -> tuple[int, int]:
    """(unanswered inquiries given a ticket number of theirs and a time, unanswered inquiries):
    an inquiry is unanswered unless the requester was given an answer and took it."""
    given = unanswered = 0
    for person in people:
        if person.first_sent is None or person.accepted_answer:
            continue
        unanswered += 1
        theirs = {str(t) for t in tickets.get(person.user_id, [])}
        given += any(
            PROMISED_TIME.search(entry.text)
            and any(n in theirs for n in TICKET_NUMBER.findall(entry.text))
            for entry in day.said(person.user_id)
        )
    return given, unanswered


def repeated(day: Day, people: Sequence[Requester]) -> tuple[int, int]:
    """Times the bot asked a requester for what they had already told it: the matter or its
    kind asked a second time in one inquiry, or anything asked once their ticket had their
    words (a ticket number given). Returns (such repeats, every time it asked)."""
    texts = day.desk.texts
    asks = {
        texts.render(name, language): kind
        for name, kind in ASKS.items()
        for language in ("zh", "en")
    }
    count = total = 0
    for person in people:
        asked: Counter[str] = Counter()
        filed = False
        for entry in day.said(person.user_id):
            kind = next((k for text, k in asks.items() if entry.text.startswith(text)), None)
            if kind is not None:
                asked[kind] += 1
                total += 1
                count += filed or asked[kind] > 1
            elif "solved" in buttons(entry):
                asked.clear()  # answered: a new question is a new inquiry
            elif TICKET_NUMBER.search(entry.text):
                filed = True
    return count, total


def ownerless(
    tickets: Sequence[Ticket],
    owned_at: dict[int, datetime],
    escalated: dict[int, datetime],
    now: datetime,
    tolerance: timedelta,
) -> int:
    """Tickets that had no owner, nor a word from staff, past their claim deadline (by more
    than the sweep's `tolerance`) with no escalation of that deadline recorded by then."""
    count = 0
    for ticket in tickets:
        until = owned_at.get(ticket.id, now)
        if until <= ticket.first_response_due_at + tolerance:
            continue
        fired = escalated.get(ticket.id)
        count += fired is None or fired > until
    return count


def notices(
    day: Day,
    rows: Sequence[ProgressNotice],
    tickets: Sequence[Ticket],
    late_entries: Counter[int],
    now: datetime,
) -> dict[str, Any]:
    """Progress notices due: sent (a row each), or unsent at the end though due more than
    the grace ago. On time: sent within the grace. Late ones with a late_notice entry in the
    ledger for their ticket (counted up to the entries it has). Seen: sent ones that reached
    the requester's chat (a message starting as the notice does). The latest, in minutes
    after its due time."""
    grace = day.desk.settings.notices.grace
    unsent = Counter(
        t.id
        for t in tickets
        if t.status in ACTIVE_STATUSES
        and t.next_notice_due_at is not None
        and t.next_notice_due_at + grace <= now
    )
    on_time = sum(1 for n in rows if n.sent_at - n.due_at <= grace)
    late = Counter(n.ticket_id for n in rows if n.sent_at - n.due_at > grace) + unsent
    chats = {t.id: t.requester.telegram_user_id for t in tickets}
    seen = 0
    for ticket_id, count in Counter(n.ticket_id for n in rows).items():
        marks = (f"工单 #{ticket_id} 进展通知", f"Progress on ticket #{ticket_id}:")
        seen += min(count, sum(1 for e in day.said(chats[ticket_id]) if e.text.startswith(marks)))
    return {
        "notices_due": len(rows) + sum(unsent.values()),
        "notices_on_time": on_time,
        "notices_late_recorded": sum(min(n, late_entries[t]) for t, n in late.items()),
        "notices_unsent": sum(unsent.values()),
        "notice_latest_min": round(
            max(((n.sent_at - n.due_at).total_seconds() / 60 for n in rows), default=0.0), 1
        ),
        "notices_seen_by_requesters": seen,
    }


def silences(
    day: Day,
    tickets: Sequence[Ticket],
    turns: dict[int, list[tuple[datetime, str]]],
    ledger: Counter[int],
    now: datetime,
    tolerance: timedelta,
) -> tuple[int, int]:
    """(times a requester heard nothing at all for longer than the notice interval and its
    grace, and `tolerance`, while their ticket was active; those of them whose ticket has a
    late-notice or missed-update entry in the ledger, up to the entries it has). Measured
    from the requester's side: the simulated time each message of the bot reached their chat,
    and the ticket's active spans (opened or reopened, until resolved) from its event log."""
    settings = day.desk.settings.notices
    longest = settings.interval + settings.grace + tolerance
    clock = day.clock
    found = recorded = 0
    for ticket in tickets:
        heard = [
            clock.start + timedelta(seconds=(t - clock.began) * clock.speed)
            for t, _ in day.arrived.get(ticket.requester.telegram_user_id, [])
        ]
        spans, start = [], ticket.opened_at
        for at, kind in turns.get(ticket.id, []):
            if kind == Action.RESOLVE and start is not None:
                spans.append((start, at))
                start = None
            elif kind == Action.REOPEN:
                start = at
        if start is not None and ticket.status in ACTIVE_STATUSES:
            spans.append((start, now))
        count = 0
        for begin, end in spans:
            points = [begin, *sorted(h for h in heard if begin < h < end), end]
            count += sum(1 for a, b in itertools.pairwise(points) if b - a > longest)
        found += count
        recorded += min(count, ledger[ticket.id])
    return found, recorded


def incident_reach(day: Day, office: Office, tickets: dict[int, Ticket]) -> tuple[int, int]:
    """(requesters reached, requesters linked) over the incident updates posted: each linked
    requester (as the database linked them when the update was sent) saw its text?"""
    reached = linked = 0
    for text, ticket_ids in office.incident_posts.values():
        for ticket_id in ticket_ids:
            linked += 1
            chat = tickets[ticket_id].requester.telegram_user_id
            reached += any(text in e.text for e in day.said(chat))
    return reached, linked


def leaks(report_csv: str, slow: str, passed: int | None, cluster: set[int]) -> dict[str, bool]:
    """Which planted leaks the report (its CSV, as /report attached it) shows: the slow
    department claims least in time and is the slowest to a first response; the ticket passed
    around is listed, its chain of hands showing three transfers; more than half of the
    cluster's questions form one failing group."""
    rows = list(csv.DictReader(io.StringIO(report_csv.lstrip("\ufeff"))))
    departments: dict[str, dict[str, str]] = defaultdict(dict)
    groups: dict[str, dict[str, str]] = defaultdict(dict)
    chains: dict[str, str] = {}
    for row in rows:
        if row["section"] == "department":
            departments[row["subject"]][row["measure"]] = row["value"]
        elif row["section"] == "failing_questions":
            groups[row["subject"]][row["measure"]] = row["value"]
        elif row["section"] == "passed_around" and row["measure"] == "chain":
            chains[row["subject"]] = row["value"]
    transferred = [f"{labels(language)['transfer']} →" for language in ("zh", "en")]
    passed_on = sum(chains.get(str(passed), "").count(word) for word in transferred)

    def number(key: str, measure: str, missing: float) -> float:
        value = departments[key].get(measure, "")
        return float(value) if value not in ("", "None") else missing

    others = [k for k in departments if k != slow and int(departments[k].get("tickets", 0) or 0)]
    slowest = slow in departments and all(
        number(slow, "claimed_in_time_share", 1.0) < number(k, "claimed_in_time_share", 1.0)
        and number(slow, "median_first_response_s", 0.0)
        > number(k, "median_first_response_s", 0.0)
        for k in others
    )
    # Most of the cluster's questions in one failing group that began with one of them.
    grouped = any(
        int(key) in cluster and int(group.get("count", 0)) * 2 > len(cluster)
        for key, group in groups.items()
    )
    return {
        "slow_department": slowest,
        "passed_around": passed_on >= 3,
        "questions_without_template": grouped,
    }


async def measure(
    day: Day,
    people: Sequence[Requester],
    office: Office,
    report_csv: str,
    slow: str,
    tolerance: timedelta,
) -> dict[str, Any]:
    """Every figure of the day; see benchmarks/service_day.py for their meaning."""
    now = day.clock()
    async with day.desk.sessions() as session:
        tickets = list(await session.scalars(select(Ticket).join(Ticket.requester)))
        requesters = {r.id: r for r in await session.scalars(select(RequesterRow))}
        for ticket in tickets:
            ticket.requester = requesters[ticket.requester_id]
        owned_at: dict[int, datetime] = {}
        assigned = 0
        hands = select(TicketEvent).where(TicketEvent.kind.in_([Action.CLAIM, Action.ASSIGN]))
        for event in await session.scalars(hands.order_by(TicketEvent.at)):
            owned_at.setdefault(event.ticket_id, event.at)
            assigned += event.kind == Action.ASSIGN
        # A word from staff to the requester before anyone owns it (an /incident update) is
        # the ticket's first response as much as a claim is.
        words = select(TicketMessage).where(TicketMessage.direction == Direction.OUT)
        for message in await session.scalars(words.order_by(TicketMessage.created_at)):
            answered = owned_at.get(message.ticket_id)
            if answered is None or message.created_at < answered:
                owned_at[message.ticket_id] = message.created_at
        escalated: dict[int, datetime] = {}
        escalations = list(await session.scalars(select(Escalation).order_by(Escalation.fired_at)))
        for escalation in escalations:
            if escalation.deadline is DeadlineKind.FIRST_RESPONSE:
                escalated.setdefault(escalation.ticket_id, escalation.fired_at)
        turns: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
        spans = select(TicketEvent).where(TicketEvent.kind.in_([Action.RESOLVE, Action.REOPEN]))
        for event in await session.scalars(spans.order_by(TicketEvent.ticket_id, TicketEvent.seq)):
            turns[event.ticket_id].append((event.at, event.kind))
        unheard = Counter(
            await session.scalars(
                select(LedgerEntry.ticket_id).where(
                    LedgerEntry.kind.in_([BreachKind.LATE_NOTICE, BreachKind.MISSED_UPDATE])
                )
            )
        )
        rows = list(await session.scalars(select(ProgressNotice)))
        late_entries = Counter(
            await session.scalars(
                select(LedgerEntry.ticket_id).where(LedgerEntry.kind == BreachKind.LATE_NOTICE)
            )
        )
    theirs: dict[int, list[int]] = defaultdict(list)
    for ticket in tickets:
        theirs[ticket.requester.telegram_user_id].append(ticket.id)
    quick, first_messages = acknowledged(day, people)
    repeats, asks = repeated(day, people)
    given, unanswered = promised(day, people, theirs)
    reached, linked = incident_reach(day, office, {t.id: t for t in tickets})
    silent, silent_recorded = silences(day, tickets, turns, unheard, now, tolerance)
    passed = next((p.ticket_id for p in people if p.persona == "passed"), None)
    cluster = {p.ticket_id for p in people if p.persona == "cluster" and p.ticket_id is not None}
    found = leaks(report_csv, slow, passed, cluster)
    return {
        "requesters": len(people),
        "first_messages": first_messages,
        "acknowledged_under_3s": share(quick, first_messages),
        "unanswered_inquiries": unanswered,
        "promised": share(given, unanswered),
        "tickets": len(tickets),
        "escalations": len(escalations),
        "assigned_by_supervisors": assigned,
        "ownerless_past_claim_deadline_unescalated": ownerless(
            tickets, owned_at, escalated, now, tolerance
        ),
        **notices(day, rows, tickets, late_entries, now),
        "silences_past_notice_interval": silent,
        "silences_recorded": silent_recorded,
        "asked_requesters_something": asks,
        "repeated_by_requester": repeats,
        "incident_requesters_linked": linked,
        "incident_updates_reached": share(reached, linked),
        "leaks_found": sum(found.values()),
        "leaks_planted": len(found),
        "leaks": found,
    }
