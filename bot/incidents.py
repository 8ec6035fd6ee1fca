"""Mass incidents (群体性投诉): a surge of similar tickets is linked, raised and reported, and
one update from staff reaches every affected requester (SPEC rule 9, 优先级动态评估)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle
from bot.chat_locks import surge_key
from bot.conversation import file_staff_message
from bot.db import one_at_a_time
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.excerpt import excerpt, one_line
from bot.guards import clean_text, may_speak_for
from bot.models import ACTIVE_STATUSES, Incident, Requester, Ticket
from bot.notices import Audience, Notice, address, card_refresh, publish
from bot.outgoing import Outgoing
from bot.priority import priority_notices, set_priority
from bot.rules import Rules
from bot.same_matter import Subject, alike, subject
from bot.store import save
from bot.transaction import Transaction

# How many recent tickets of a category are compared with a new one, at most.
_RECENT_LIMIT = 500


# What a question is about as the knowledge base knows it: the id of the template it comes
# close to, or None (bot/intake/close.py `topic`).
Topic = Callable[[str], str | None]

# The words a ticket's matter is told by, from its question and its first inquiry's turns (or
# None): the requester's own, not a notice or a forward they passed on ("通知:本周六停水" is
# no water cut of theirs), their question only when they said nothing else
# (bot/intake/close.py `matter_words`).
MatterWords = Callable[[str, list[dict[str, Any]] | None], str]

# Whether a topic (a template id) is a matter of an area, one event whatever the addresses (a
# water cut: its template's `handling.area`), not a fault at one place.
AreaTopic = Callable[[str], bool]


async def detect_surge(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    now: datetime,
    topic: Topic | None = None,
    matter_words: MatterWords | None = None,
    area: AreaTopic | None = None,
) -> list[Outgoing]:
    """Link `ticket` with the recent active tickets about the same matter
    (`bot.same_matter.alike`: the same knowledge-base `topic`, in either language, else words
    alike) once they are enough to be one incident (config `surge`). Only tickets of the
    categories that can be one shared event take part (`surge.categories`: a fault report
    and a complaint, not five people's own lost ID cards); within those the category decides
    nothing. Each ticket is told by `matter_words` (default: its question); without `topic`
    the words alone decide. Reports naming different things (`surge.objects`) never link,
    nor reports naming different places unless their topic is an area's (`area`). The
    earlier tickets raised are told of (`_raised_notices`).
    One transaction at a time (several processes): two similar tickets opened at the same
    instant each see the other, and make one incident, not two racing to link the same
    tickets (the second's transaction failed on them)."""
    surge = rules.settings.surge
    if ticket.category not in surge.categories:
        return []  # an errand of its own, however many ask the same: no shared event
    await one_at_a_time(session, surge_key())
    recent = (
        await session.execute(
            select(Ticket.id, Ticket.question, Ticket.inquiry, Ticket.incident_id)
            .where(
                Ticket.opened_at >= now - surge.window,
                Ticket.status.in_(ACTIVE_STATUSES),
                Ticket.category.in_(surge.categories),
                Ticket.id != ticket.id,
            )
            .order_by(Ticket.id.desc())
            .limit(_RECENT_LIMIT)
        )
    ).all()

    def about(question: str, turns: list[dict[str, Any]] | None) -> Subject:
        words = question if matter_words is None else matter_words(question, turns)
        found = topic(words) if topic is not None else None
        wide = found is not None and area is not None and area(found)
        return subject(words, found, objects=surge.objects, area=wide)

    mine = about(ticket.question, ticket.inquiry)
    matches = [
        row.id for row in recent if alike(mine, about(row.question, row.inquiry), surge.similarity)
    ]
    if len(matches) + 1 < surge.min_tickets:
        return []
    incidents = {row.id: row.incident_id for row in recent}
    incident_id = next((incidents[key] for key in matches if incidents[key]), None)
    new_incident = incident_id is None
    if incident_id is None:
        incident = Incident(
            category=ticket.category, summary=excerpt(ticket.question, 500).text, opened_at=now
        )
        session.add(incident)
        await session.flush()
        incident_id = incident.id
        similar = list(
            await session.scalars(select(Ticket).where(Ticket.id.in_(matches)).order_by(Ticket.id))
        )
    else:
        # The incident exists and its tickets are linked and raised: only this one joins.
        similar = []
    # The caller's flush writes every member changed here together with the new ticket.
    # The earlier ones whose cards now show an old priority, with their old deadlines.
    raised: list[tuple[Ticket, datetime | None]] = []
    for member in [ticket, *similar]:
        if member.incident_id is None:
            member.incident_id = incident_id
            lifecycle.record(
                session,
                member,
                lifecycle.LINKED,
                now=now,
                actor_id=None,
                data={"incident_id": incident_id},
            )
        if rules.settings.priority_rank(member.priority) < rules.settings.priority_rank(
            surge.priority
        ):
            due = member.resolution_due_at
            set_priority(
                session, rules, member, surge.priority, now=now, actor_id=None, reason="surge"
            )
            rules.reschedule(member)
            if member is not ticket:
                raised.append((member, due))
    cards = address(rules, await _raised_notices(session, rules, raised))
    if not new_incident:
        return cards
    values = {
        "incident_id": incident_id,
        "ticket_ids": sorted(t.id for t in [ticket, *similar]),
        "category": ticket.category,
        "summary": excerpt(one_line(ticket.question), 500).text,  # a line of the alert
    }
    departments = tuple(sorted({t.department_key for t in [ticket, *similar]}))
    alert = Notice("alert_surge", Audience.supervising(), values=values, departments=departments)
    return [*cards, *address(rules, [alert])]


async def _raised_notices(
    session: AsyncSession, rules: Rules, raised: list[tuple[Ticket, datetime | None]]
) -> list[Notice]:
    """What the incident's raising of earlier tickets (each with its resolution deadline
    before) tells: each one's staff of its new priority and deadline (its owner, in its topic,
    for a claimed one), its requester of the new promise when its deadline moved, in their
    language (`bot.priority.priority_notices`, as a supervisor's change does), and its card
    redrawn."""
    notices: list[Notice] = []
    for member, due in raised:
        requester = await session.get(Requester, member.requester_id)
        if requester is not None:
            moved = member.resolution_due_at != due
            notices.extend(priority_notices(rules, member, requester, promise_moved=moved))
        notices.append(card_refresh(member))
    return notices


async def update_and_tell(
    *, tx: Transaction, rules: Rules, incident_id: int, officer_id: int, text: str
) -> list[int]:
    """One public update on incident `incident_id`, filed on each of its active tickets at the
    transaction's instant (it counts as contact, so each ticket's progress-notice clock starts
    again) and published to each ticket's requester as an `incident_update` notice. `text`
    may hold the update once per language, separated by " | ", in the order config
    `languages.supported` lists them ("供水管网抢修中 | Repairs under way"): each requester
    gets it in their language, and the first where theirs is not given (`in_languages`).

    Returns the ids of the tickets updated, in order. Raises InvalidInput ("empty_text") for
    a text with no words in any language (nothing, "|", " | "),
    NotFound when there is no such incident (`no_such_incident`) or it has no active ticket
    (`no_incident`), NotAllowed unless `officer_id` may speak for at least one of them
    (owner, staff of its department, management: bot/guards.py).
    """
    texts = in_languages(
        clean_text(text, "an incident update"), rules.settings.languages.supported
    )
    if not texts:  # "|" alone, or only separators and punctuation: nothing to tell anyone
        raise InvalidInput("an incident update has no words", "empty_text")
    rows = (
        await tx.session.execute(
            select(Ticket, Requester)
            .join(Requester, Requester.id == Ticket.requester_id)
            .where(Ticket.incident_id == incident_id, Ticket.status.in_(ACTIVE_STATUSES))
            .order_by(Ticket.id)
        )
    ).all()
    if not rows:
        if await tx.session.get(Incident, incident_id) is None:
            raise NotFound(
                f"no incident {incident_id}", "no_such_incident", incident_id=incident_id
            )
        raise NotFound(
            f"incident {incident_id} has no active ticket", "no_incident", incident_id=incident_id
        )
    if not any(may_speak_for(rules, ticket, officer_id) for ticket, _ in rows):
        raise NotAllowed(f"user {officer_id} may not write on incident {incident_id}")
    notices = []
    for ticket, requester in rows:
        theirs = texts.get(requester.language) or next(iter(texts.values()))
        file_staff_message(
            tx.session,
            rules,
            ticket,
            officer_id=officer_id,
            text=theirs,
            now=tx.now,
            internal=False,
        )
        await save(tx.session, rules, ticket)
        notices.append(
            Notice(
                "incident_update",
                (Audience.REQUESTER,),
                ticket,
                {"text": theirs, "incident_id": incident_id},
                requester=requester,
            )
        )
    await publish(tx, rules, notices)
    return [ticket.id for ticket, _ in rows]


# The separator between an update's languages: a "|" standing alone, spaces (or the text's
# start or end) on both sides ("电话 1|2 号线" is one text; "抢修中 |" is Chinese alone).
_SEPARATOR = re.compile(r"(?:^|\s)\|(?:\s|$)")


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def in_languages(text: str, languages: list[str]) -> dict[str, str]:
    """An update written once per language, separated by " | " in the order of `languages`
    (config `languages.supported`): {language: its text}, in that order; a text without the
    separator is every language's. Parts past the languages stay with the last one; parts
    without words (nothing, or only punctuation: "/incident 8 |") are left out (the first
    language's text is then the one given); {} when no part has words: no update at all."""
    text = text.strip()
    if len(languages) > 1:
        parts = [part.strip() for part in _SEPARATOR.split(text, maxsplit=len(languages) - 1)]
    else:
        parts = [text]
    if len(parts) == 1:
        return dict.fromkeys(languages, parts[0]) if _has_words(parts[0]) else {}
    return {
        language: part
        for language, part in zip(languages, parts, strict=False)
        if _has_words(part)
    }
