"""Who is told what: the one description of the desk's notices and of their audiences.

A flow that decides something people must hear publishes a `Notice`: a kind (the name of the
wording's template), an audience (who hears it, by role), the ticket it is about and the
values the wording needs. `address` is the one place that turns audiences into chats and
languages, so "the department's supervisors and management" means the same wherever a rule
says it (escalations, alerts, overdue handoffs, surges). The result is `Outgoing`: one message
for one chat, stored in the outbox with the change that decided it and worded when sent.

The audience names are those of the escalation ladder in config.yaml (`escalation.ladder[].
notify`), where the seed's escalation rules (逐级上报) are configured.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.asking import question_answered, question_waiting
from bot.excerpt import question_values
from bot.models import Requester, Ticket
from bot.outgoing import Outgoing
from bot.rules import Rules
from bot.ticket_language import notice_language
from bot.transaction import Transaction

NOTICE_QUESTION = 300  # UTF-16 units of the requester's words a notice about a ticket shows


class Audience(StrEnum):
    """Who hears a notice, by role."""

    REQUESTER = "requester"  # the ticket's requester, in their own language
    OWNER = "owner"  # the owner's private chat; while nobody owns it, the staff groups
    DEPARTMENT_GROUP = "department_group"  # the staff group of each department concerned
    DEPARTMENT_SUPERVISORS = "department_supervisors"  # their supervisors' private chats
    MANAGEMENT = "management"  # the management chat
    # Those at work on the ticket: its place in its staff group (the front puts it in the
    # ticket's topic, or under its card in a group without topics); while it has no staff
    # group, the notice's `fallback` chat if it names one.
    TICKET_STAFF = "ticket_staff"
    PERSON = "person"  # one member of staff, the notice's `person`, in their private chat
    # Each manager (`management.user_ids`) in their private chat: a complaint about a
    # supervisor, who may sit in the management chat (bot/supervised.py).
    MANAGERS = "managers"

    @classmethod
    def supervising(cls) -> tuple[Audience, ...]:
        """Those who supervise: the departments' supervisors and management."""
        return (cls.DEPARTMENT_SUPERVISORS, cls.MANAGEMENT)


@dataclass(frozen=True)
class Notice:
    """One thing a flow decided that people must hear.

    `departments` are the departments concerned (their groups and supervisors); empty means the
    ticket's owning and handling departments. `requester` is needed for Audience.REQUESTER.
    `values` are added to the ticket's own (`ticket_values`) for the wording. `fallback` is the
    chat that hears an Audience.TICKET_STAFF notice while the ticket has no staff group.
    `person` is the member of staff an Audience.PERSON notice is for (a previous owner).
    `own_word`: the desk's own word to the requester about the ticket (the clock's, a member
    of staff's), not a reply to what they just sent: in the ticket's language
    (bot/ticket_language.py), not in that of their latest words.
    """

    kind: str
    audience: tuple[Audience, ...]
    ticket: Ticket | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    departments: tuple[str, ...] = ()
    requester: Requester | None = None
    fallback: int | None = None
    person: int | None = None
    own_word: bool = False


def own_word(
    kind: str, ticket: Ticket, requester: Requester, values: Mapping[str, Any] | None = None
) -> Notice:
    """The desk's own word `kind` to `requester` about `ticket` (`Notice.own_word`)."""
    return Notice(
        kind, (Audience.REQUESTER,), ticket, values or {}, requester=requester, own_word=True
    )


# The card of a ticket in its staff group shows the ticket as it is now: edited whenever what it
# shows changes (priority and deadlines, raised by staff or a surge; what the requester filed
# under it while nobody owns it). Worded when sent, from the ticket as it is then
# (`bot.intake.card.card_as_now`); no message when the card is not in Telegram (yet).
CARD_REFRESH = "card_refresh"
BUTTONS_GONE = "buttons_gone"  # a notice with no words: a message's buttons taken away


def card_refresh(ticket: Ticket) -> Notice:
    """The notice that edits `ticket`'s card to show it as it is when sent (CARD_REFRESH),
    addressed to the ticket's staff group (nothing while it has none)."""
    return Notice(CARD_REFRESH, (Audience.TICKET_STAFF,), ticket)


def ticket_values(ticket: Ticket, rules: Rules, now: datetime | None = None) -> dict[str, Any]:
    """What every notice about a ticket may say of it (instants are aware datetimes).

    `resolution_overdue` / `first_response_overdue`: that deadline has passed at `now` (the
    instant the notice is decided; without it, once its ladder fired the deadline's step).
    A wording that states a promise says instead that it is overdue, apologises and that the
    owner and supervisors have been told (the escalation ladder): a time already past is
    never restated as a promise."""
    return {
        "resolution_overdue": _passed(
            ticket.resolution_due_at, ticket.resolution_steps, rules, now
        ),
        "first_response_overdue": ticket.claimed_at is None
        and _passed(ticket.first_response_due_at, ticket.first_response_steps, rules, now),
        "ticket_id": ticket.id,
        "status": str(ticket.status),
        "category": ticket.category,
        "priority": ticket.priority,
        # A notice shows the start of the question (`question_length` > 0 says it is
        # shortened, and how long it is: the wording points to /ticket N for all of it).
        **question_values(ticket.question, NOTICE_QUESTION),
        "owner": rules.staff.shown_as(ticket.owner_id),
        "first_response_due_at": ticket.first_response_due_at,
        "resolution_due_at": ticket.resolution_due_at,
        "next_notice_due_at": ticket.next_notice_due_at,  # the day's notice: heard by then
        "latest_update": ticket.latest_update,
        "latest_update_at": ticket.latest_update_at,
        # The latest public word is the officer's question to the requester, not progress.
        "latest_asks": question_waiting(ticket),
        "latest_answered": question_answered(ticket),  # that question, answered
    }


def _passed(due: datetime | None, steps: int | None, rules: Rules, now: datetime | None) -> bool:
    """Whether a deadline has passed: at `now`, else once its ladder fired the deadline's
    step (a ticket not yet written has neither: not passed)."""
    if now is not None and due is not None:
        return now >= due
    return (steps or 0) > rules.deadline_step


def _departments(notice: Notice) -> list[str]:
    if notice.departments:
        return list(dict.fromkeys(notice.departments))
    if notice.ticket is None:
        return []
    return list(
        dict.fromkeys([notice.ticket.department_key, notice.ticket.handling_department_key])
    )


def _staff_places(rules: Rules, notice: Notice) -> list[tuple[int, Audience]]:
    """Each staff chat a notice reaches, with the audience that reaches it, in the order of
    its audience, each chat once."""
    departments = _departments(notice)
    ticket = notice.ticket
    owner_id = ticket.owner_id if ticket is not None else None
    places: list[tuple[int, Audience]] = []
    for audience in notice.audience:
        if _kept_from_group(notice, audience):  # its keeper hears it instead, in private
            assert ticket is not None
            places.extend((chat, audience) for chat in _keepers(rules, ticket))
            continue
        if audience is Audience.OWNER and owner_id is not None:
            places.append((owner_id, audience))
        elif audience in (Audience.OWNER, Audience.DEPARTMENT_GROUP):
            # Nobody owns it yet: the whole staff group hears instead of an owner.
            places.extend(
                (rules.settings.department(d).staff_group_chat_id, audience) for d in departments
            )
        elif audience is Audience.DEPARTMENT_SUPERVISORS:
            places.extend(
                (s, audience)
                for d in departments
                for s in rules.staff.supervisors_of(d)
                if ticket is None or s != ticket.complaint_about  # never the one complained of
            )
        elif audience is Audience.MANAGEMENT and _among_management(rules, ticket):
            # A complaint about a supervisor, who sits in the management chat: each manager.
            places.extend((m, Audience.MANAGERS) for m in rules.settings.management.user_ids)
        elif audience is Audience.MANAGEMENT:
            places.append((rules.settings.management.chat_id, audience))
        elif audience is Audience.MANAGERS:
            places.extend((m, audience) for m in rules.settings.management.user_ids)
        elif audience is Audience.PERSON and notice.person is not None:
            places.append((notice.person, audience))
        elif audience is Audience.TICKET_STAFF:
            chat = ticket.staff_chat_id if ticket is not None else None
            chat = notice.fallback if chat is None else chat
            if chat is not None:
                places.append((chat, audience))
    first = {chat: audience for chat, audience in reversed(places)}  # a chat's first audience
    return [(chat, first[chat]) for chat in dict.fromkeys(chat for chat, _ in places)]


# Where a ticket's staff group hears of it: a confidential one's (a complaint about a member
# of staff, bot/supervised.py) only by its card, what else would go there going to its
# keeper in private (`_keepers`).
_IN_GROUP = frozenset({Audience.OWNER, Audience.DEPARTMENT_GROUP, Audience.TICKET_STAFF})
_CARD_ONLY = frozenset({"ticket_card", CARD_REFRESH, BUTTONS_GONE, "topic_close", "topic_reopen"})


def _kept_from_group(notice: Notice, audience: Audience) -> bool:
    """Whether `notice` would reach a confidential ticket's staff group (`audience`) with
    more than its card, or a notice worded for a group without its words (`confidential`
    among its values: the handoff form a receiving department's group gets)."""
    ticket = notice.ticket
    confidential = ticket is not None and ticket.confidential
    worded_apart = notice.values.get("confidential") is True
    return (
        confidential
        and audience in _IN_GROUP
        and notice.kind not in _CARD_ONLY
        and not worded_apart
    )


def _among_management(rules: Rules, ticket: Ticket | None) -> bool:
    """Whether `ticket` complains of a supervisor (bot/supervised.py), who sits in the
    management chat."""
    about = ticket.complaint_about if ticket is not None else None
    return about is not None and rules.staff.is_supervisor(about)


def _keepers(rules: Rules, ticket: Ticket) -> list[int]:
    """Who keeps a confidential ticket, in their private chats: its owner (the supervisor it
    was given to), else each manager (the one complained of supervises its department)."""
    if ticket.owner_id is not None:
        return [ticket.owner_id]
    return list(rules.settings.management.user_ids)


def staff_chats(rules: Rules, notice: Notice) -> list[int]:
    """The staff chats a notice reaches, in the order of its audience, each once."""
    return [chat for chat, _ in _staff_places(rules, notice)]


def address(
    rules: Rules, notices: Iterable[Notice], now: datetime | None = None
) -> list[Outgoing]:
    """The messages that carry `notices`: one per chat and notice, a chat hearing the same
    kind about the same ticket once even when several notices name it. Staff read the
    configured default language; a requester their own (the desk's own word about a ticket:
    its language, `Notice.own_word`).

    `now`: the instant the notices are decided (whether a deadline is past: `ticket_values`).

    Raises ValueError for Audience.REQUESTER without a requester.
    """
    out: list[Outgoing] = []
    seen: set[tuple[int, str, int | None]] = set()
    staff_language = rules.settings.languages.default
    for notice in notices:
        ticket_id = notice.ticket.id if notice.ticket is not None else None
        base = ticket_values(notice.ticket, rules, now) if notice.ticket is not None else {}
        addressed: list[tuple[int, str, dict[str, Any], Audience]] = []
        if Audience.REQUESTER in notice.audience:
            if notice.requester is None:
                raise ValueError(f"notice {notice.kind!r} is for a requester but names none")
            requester = notice.requester
            values = {**base, **notice.values}
            language = requester.language
            if notice.own_word and notice.ticket is not None:
                language = notice_language(notice.ticket, requester)
            addressed.append((requester.chat_id, language, values, Audience.REQUESTER))
        places = _staff_places(rules, notice)
        if places:
            staff_values = dict(base)
            if notice.ticket is not None:
                member = rules.staff.get(notice.ticket.owner_id)
                staff_values["owner_staff_number"] = member.staff_number if member else None
                staff_values["owner_name"] = member.name if member else None
            staff_values.update(notice.values)
            addressed.extend((c, staff_language, staff_values, a) for c, a in places)
        for chat_id, language, values, audience in addressed:
            key = (chat_id, notice.kind, ticket_id)
            if key in seen:
                continue
            seen.add(key)
            if audience in (Audience.DEPARTMENT_SUPERVISORS, Audience.MANAGERS):
                # A supervisor's private chat: the wording names no group as "here".
                values = {**values, "in_private": True}
            elif audience is not Audience.REQUESTER and _kept_from_group(notice, audience):
                # A confidential ticket's keeper, in private: their reply to it answers the
                # requester (bot/supervised.py).
                values = {**values, "in_private": True, "keeper": True}
            out.append(
                Outgoing(chat_id, language, notice.kind, dict(values), ticket_id, str(audience))
            )
    return out


async def publish(tx: Transaction, rules: Rules, notices: Iterable[Notice]) -> None:
    """A flow's notices, published in its transaction in the order given. Each is addressed on
    its own: a flow's notices each say something else, so one chat hearing two of the same
    kind about one ticket hears both (`address` keeps one, for notices that repeat)."""
    await tx.publish(m for n in notices for m in address(rules, [n], tx.now))
