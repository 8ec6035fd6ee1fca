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
from enum import StrEnum
from typing import Any

from bot.models import Requester, Ticket
from bot.outgoing import Outgoing
from bot.sla import Rules


class Audience(StrEnum):
    """Who hears a notice, by role."""

    REQUESTER = "requester"  # the ticket's requester, in their own language
    OWNER = "owner"  # the owner's private chat; while nobody owns it, the staff groups
    DEPARTMENT_GROUP = "department_group"  # the staff group of each department concerned
    DEPARTMENT_SUPERVISORS = "department_supervisors"  # their supervisors' private chats
    MANAGEMENT = "management"  # the management chat

    @classmethod
    def supervising(cls) -> tuple[Audience, ...]:
        """Those who supervise: the departments' supervisors and management."""
        return (cls.DEPARTMENT_SUPERVISORS, cls.MANAGEMENT)


@dataclass(frozen=True)
class Notice:
    """One thing a flow decided that people must hear.

    `departments` are the departments concerned (their groups and supervisors); empty means the
    ticket's owning and handling departments. `requester` is needed for Audience.REQUESTER.
    `values` are added to the ticket's own (`ticket_values`) for the wording.
    """

    kind: str
    audience: tuple[Audience, ...]
    ticket: Ticket | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    departments: tuple[str, ...] = ()
    requester: Requester | None = None


def ticket_values(ticket: Ticket, rules: Rules) -> dict[str, Any]:
    """What every notice about a ticket may say of it (instants are aware datetimes)."""
    return {
        "ticket_id": ticket.id,
        "status": str(ticket.status),
        "category": ticket.category,
        "priority": ticket.priority,
        "question": ticket.question[:300],
        "owner": rules.staff.shown_as(ticket.owner_id),
        "first_response_due_at": ticket.first_response_due_at,
        "resolution_due_at": ticket.resolution_due_at,
        "latest_update": ticket.latest_update,
        "latest_update_at": ticket.latest_update_at,
    }


def _departments(notice: Notice) -> list[str]:
    if notice.departments:
        return list(dict.fromkeys(notice.departments))
    if notice.ticket is None:
        return []
    return list(
        dict.fromkeys([notice.ticket.department_key, notice.ticket.handling_department_key])
    )


def staff_chats(rules: Rules, notice: Notice) -> list[int]:
    """The staff chats a notice reaches, in the order of its audience, each once."""
    departments = _departments(notice)
    owner_id = notice.ticket.owner_id if notice.ticket is not None else None
    chats: list[int] = []
    for audience in notice.audience:
        if audience is Audience.OWNER and owner_id is not None:
            chats.append(owner_id)
        elif audience in (Audience.OWNER, Audience.DEPARTMENT_GROUP):
            # Nobody owns it yet: the whole staff group hears instead of an owner.
            chats.extend(rules.settings.department(d).staff_group_chat_id for d in departments)
        elif audience is Audience.DEPARTMENT_SUPERVISORS:
            chats.extend(s for d in departments for s in rules.staff.supervisors_of(d))
        elif audience is Audience.MANAGEMENT:
            chats.append(rules.settings.management.chat_id)
    return list(dict.fromkeys(chats))


def address(rules: Rules, notices: Iterable[Notice]) -> list[Outgoing]:
    """The messages that carry `notices`: one per chat and notice, a chat hearing the same
    kind about the same ticket once even when several notices name it. Staff read the
    configured default language; a requester their own.

    Raises ValueError for Audience.REQUESTER without a requester.
    """
    out: list[Outgoing] = []
    seen: set[tuple[int, str, int | None]] = set()
    staff_language = rules.settings.languages.default
    for notice in notices:
        ticket_id = notice.ticket.id if notice.ticket is not None else None
        base = ticket_values(notice.ticket, rules) if notice.ticket is not None else {}
        addressed: list[tuple[int, str, dict[str, Any]]] = []
        if Audience.REQUESTER in notice.audience:
            if notice.requester is None:
                raise ValueError(f"notice {notice.kind!r} is for a requester but names none")
            requester = notice.requester
            addressed.append((requester.chat_id, requester.language, {**base, **notice.values}))
        chats = staff_chats(rules, notice)
        if chats:
            staff_values = dict(base)
            if notice.ticket is not None:
                member = rules.staff.get(notice.ticket.owner_id)
                staff_values["owner_staff_number"] = member.staff_number if member else None
                staff_values["owner_name"] = member.name if member else None
            staff_values.update(notice.values)
            addressed.extend((chat, staff_language, staff_values) for chat in chats)
        for chat_id, language, values in addressed:
            key = (chat_id, notice.kind, ticket_id)
            if key in seen:
                continue
            seen.add(key)
            out.append(Outgoing(chat_id, language, notice.kind, dict(values), ticket_id))
    return out
