"""The handoff form as the receiving department's group reads it (SPEC rule 7: summary,
suggested handling, deadline, and the requester's first inquiry, so nobody asks them again),
and the same message once decided: edited to say who accepted or returned it, and when.

The form is sent as `handoff_card` (the front adds Accept) and kept as a link to its ticket
(bot/delivery.py `Link`, kind `handoff_card`): a reply to it is about the ticket. Once the
form is decided, its link's kind becomes FORM_DECIDED, so a later form of the same ticket is
the only one a later decision edits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.intake import inquiry
from bot.intake.inquiry import Turn
from bot.intake.later import WORDS, said_later
from bot.kinds import NOT_COPIED
from bot.models import Direction, Handoff, HandoffStatus, StaffLink, Ticket, TicketMessage
from bot.notices import Audience, Notice
from bot.rules import Rules
from bot.transaction import Transaction

FORM = "handoff_card"  # the form's notice kind (its template) and its link's kind
FORM_DECIDED = "handoff_decided"  # the form edited once decided, and then its link's kind


def department_name(rules: Rules, key: str, language: str | None = None) -> str:
    """A department's name in `language` (default: the staff's), else in the staff's."""
    names = rules.settings.department(key).names
    default = names[rules.settings.languages.default]
    return names.get(language, default) if language is not None else default


def form_values(
    rules: Rules, ticket: Ticket, form: Handoff, later: Sequence[Turn] = ()
) -> dict[str, Any]:
    """What the form shows: where it comes from, the owner, the summary, the suggested
    handling, the deadline, and the first inquiry whole with what the requester said since
    the ticket opened (`later`, up to the handoff: bot/intake/later.py `said_later`), as
    `inquiry.whole_values` gives them (the front shows as much as the message holds,
    `inquiry.fitted`, as on the ticket's card): nobody asks them again. A confidential
    complaint's (bot/supervised.py) shows none of its words, nor the summary and handling
    its owner wrote (`confidential`: the group is pointed to its owner, in private)."""
    if ticket.confidential:  # issue 14: its words went to the receiving group
        return {
            "from_department": department_name(rules, form.from_department_key),
            "owner": rules.staff.shown_as(ticket.owner_id) or "-",
            "due_at": form.due_at,
            "due_with_ticket": form.due_at == ticket.resolution_due_at,
            "confidential": True,
            **inquiry.whole_values([], ""),
        }
    return {
        "from_department": department_name(rules, form.from_department_key),
        "owner": rules.staff.shown_as(ticket.owner_id) or "-",
        "summary": form.summary,
        "suggested": form.suggested_handling,
        "due_at": form.due_at,
        # Due with the ticket itself: a deadline asked for later was set at the ticket's.
        "due_with_ticket": form.due_at == ticket.resolution_due_at,
        **inquiry.whole_values(ticket.inquiry or [], ticket.question, later),
    }


def form_notice(rules: Rules, ticket: Ticket, form: Handoff, later: Sequence[Turn] = ()) -> Notice:
    """The form for the receiving department's group (`handoff_card`; `later` as
    `form_values` takes it)."""
    return Notice(
        FORM,
        (Audience.DEPARTMENT_GROUP,),
        ticket,
        form_values(rules, ticket, form, later),
        departments=(form.to_department_key,),
    )


async def form_copies(session: AsyncSession, ticket: Ticket, form: Handoff) -> list[Notice]:
    """What the requester sent besides words (photos, voice, files, a location, a contact:
    every such message filed under `ticket`, in order), copied into the receiving
    department's group after the form, so that it decides on all they gave, not on the
    words alone (a poll in words: it cannot be copied). Each copy is linked to the ticket as
    the form is: a reply to it is about the ticket. None of a confidential complaint's."""
    if ticket.confidential:
        return []
    filed = await session.scalars(
        select(TicketMessage)
        .where(
            TicketMessage.ticket_id == ticket.id,
            TicketMessage.direction == Direction.IN,
            TicketMessage.content_type.not_in(WORDS),
            TicketMessage.telegram_chat_id.is_not(None),
            TicketMessage.telegram_message_id.is_not(None),
        )
        .order_by(TicketMessage.id)
    )
    notices = []
    for message in filed:
        values: dict[str, Any]
        if message.content_type in NOT_COPIED:
            kind, values = (
                "relay_described",
                {
                    "kind": message.content_type,
                    "described": message.text,
                },
            )
        else:
            kind, values = (
                "relay",
                {
                    "from_chat_id": message.telegram_chat_id,
                    "message_id": message.telegram_message_id,
                },
            )
        notices.append(
            Notice(
                kind,
                (Audience.DEPARTMENT_GROUP,),
                ticket,
                values,
                departments=(form.to_department_key,),
            )
        )
    return notices


async def decided_form_notices(
    tx: Transaction, rules: Rules, ticket: Ticket, form: Handoff
) -> list[Notice]:
    """A FORM_DECIDED notice for each of the ticket's forms in Telegram not yet shown decided
    (values: the form's, `message_id`, `decision` "accepted" or "returned", `decided_by`
    (the name staff know them by), `decided_at`, `reason`), edited in the receiving group;
    their links are then counted decided. None when the form is not in Telegram (yet)."""
    group = rules.settings.department(form.to_department_key).staff_group_chat_id
    links = await tx.session.scalars(
        select(StaffLink).where(
            StaffLink.ticket_id == ticket.id, StaffLink.kind == FORM, StaffLink.chat_id == group
        )
    )
    decision = "returned" if form.status is HandoffStatus.RETURNED else "accepted"
    later = await said_later(
        session=tx.session, ticket=ticket, until=form.created_at, names=rules.staff.shown_as
    )
    values = {
        **form_values(rules, ticket, form, later),
        "decision": decision,
        "decided_by": rules.staff.shown_as(form.decided_by) or "-",
        "decided_at": form.decided_at,
        "reason": form.return_reason or "",
    }
    notices = []
    for link in links:
        link.kind = FORM_DECIDED
        notices.append(
            Notice(
                FORM_DECIDED,
                (Audience.DEPARTMENT_GROUP,),
                ticket,
                {**values, "message_id": link.message_id},
                departments=(form.to_department_key,),
            )
        )
    return notices
