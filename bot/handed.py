"""A ticket handed to another department (SPEC rule 7; the seed's 跨部门协作: the receiving
department does the work, the owner stays accountable, and the requester never repeats
anything), as that department meets it:

- accepted: what the requester writes afterwards (text, media, forwards, edits) reaches the
  accepting department too, in its staff group as replies to the handoff form there, each
  with the ticket's number (`HANDED_RELAY`), as well as the owner's place; a reply there goes
  to the requester (bot/conversation.py). The flow follows the handling department: it stops
  when the ticket is settled (resolved or closed) or handled by the owner's department again,
  and moves when another department accepts it (`reaches_handler`). A handoff returned never
  started one: the department that returned it never handled the ticket.
- settled or reopened: the department that accepted it is told, once, under its form
  (`settled_notices`, `HANDED_SETTLED`): resolved (with the summary), closed (the requester
  confirmed it, or did not answer in time), reopened (the requester says it is not solved:
  their words reach it again).
- before accepting (or after returning it): the receiving department asks the owner, not
  the requester (bot/handoff_questions.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import StaffLink, Ticket, TicketMessage, TicketStatus
from bot.notices import Audience, Notice
from bot.rules import Rules

HANDED_RELAY = "handed_relay"  # what the requester wrote, for the accepting department
HANDED_SETTLED = "handed_settled"  # the ticket settled or reopened, for that department
# What became of the ticket (HANDED_SETTLED's `event`): resolved by its owner, closed (the
# requester confirmed it, or the auto-close), reopened (the requester says it is not solved),
# withdrawn (the requester no longer needs it: bot/withdrawal.py).
SETTLED_EVENTS = ("resolved", "closed", "auto_closed", "reopened", "withdrawn")
# What the requester sent as the ticket's staff get it (bot/conversation.py), and the part of
# a HANDED_RELAY that carries it (the presenter words each as that kind, replying to the form).
PARTS = {
    "relay": "copy",
    "relay_origin": "origin",
    "relay_described": "described",
    "requester_edit": "edit",
}
SETTLED = (TicketStatus.RESOLVED, TicketStatus.CLOSED)
# The links a handoff form keeps, pending and decided (bot/handoff_forms.py FORM and
# FORM_DECIDED; not imported: that module reads the intake, which files what requesters write
# through bot/conversation.py, which calls here).
FORM_KINDS = ("handoff_card", "handoff_decided")


def reaches_handler(
    *,
    status: TicketStatus,
    owning: str,
    handling: str,
    ticket_chat: int | None,
    handling_chat: int,
) -> bool:
    """Whether what the requester writes on a ticket also goes to its handling department's
    group, beside the ticket's place (`ticket_chat`, its staff group; None: it has none).

    | the ticket is resolved or closed                            | no: settled               |
    | it is handled by its own department                         | no: nobody else handles it|
    | it has no staff group (its words go to the handling group)  | no: they reach it already |
    | the handling group is the ticket's group                    | no: they reach it already |
    | otherwise (a department accepted it)                        | yes                       |
    """
    return status not in SETTLED and handled_elsewhere(
        owning=owning, handling=handling, ticket_chat=ticket_chat, handling_chat=handling_chat
    )


def handled_elsewhere(
    *, owning: str, handling: str, ticket_chat: int | None, handling_chat: int
) -> bool:
    """Whether another department accepted the ticket and works in a group of its own (the
    rows of `reaches_handler` but the first), whatever the ticket's status."""
    if handling == owning or ticket_chat is None:
        return False
    return handling_chat != ticket_chat


@dataclass(frozen=True)
class Handed:
    """Where a handed ticket's requester's words go in the accepting department: its staff
    group (`chat_id`), as replies to its latest form there (`form_message_id`; None: the form
    is not in Telegram, then in the group as they are, still numbered)."""

    department_key: str
    chat_id: int
    form_message_id: int | None


async def latest_form(*, session: AsyncSession, ticket_id: int, chat_id: int) -> int | None:
    """The message id of the ticket's latest handoff form in the staff group `chat_id`,
    pending or decided; None when none is in Telegram there."""
    return await session.scalar(
        select(StaffLink.message_id)
        .where(
            StaffLink.ticket_id == ticket_id,
            StaffLink.chat_id == chat_id,
            StaffLink.kind.in_(FORM_KINDS),
        )
        .order_by(StaffLink.message_id.desc())
        .limit(1)
    )


async def handed(
    *, session: AsyncSession, rules: Rules, ticket: Ticket, settled_too: bool = False
) -> Handed | None:
    """Where the requester's words on `ticket` go in the department that accepted it
    (`reaches_handler`); None when they go only to the ticket's place. With `settled_too`,
    where that department is even though the ticket is settled (`handled_elsewhere`)."""
    department = ticket.handling_department_key
    chat_id = rules.settings.department(department).staff_group_chat_id
    elsewhere = handled_elsewhere(
        owning=ticket.department_key,
        handling=department,
        ticket_chat=ticket.staff_chat_id,
        handling_chat=chat_id,
    )
    # reaches_handler: handled elsewhere and not settled.
    if not elsewhere or (not settled_too and ticket.status in SETTLED):
        return None
    form = await latest_form(session=session, ticket_id=ticket.id, chat_id=chat_id)
    return Handed(department, chat_id, form)


async def read_too(*, session: AsyncSession, rules: Rules, ticket: Ticket) -> dict[str, str]:
    """Who else reads what the requester adds to `ticket`, for their acknowledgement to say
    truthfully: `handling`, the department that accepted a handoff of it (its group gets their
    words too: `mirrored`), beside the owner, who stays accountable; none when not handed."""
    place = await handed(session=session, rules=rules, ticket=ticket)
    return {} if place is None else {"handling": place.department_key}


async def mirrored(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    notices: list[Notice],
    message: TicketMessage | None = None,
) -> list[Notice]:
    """The accepting department's copies (`HANDED_RELAY`) of `notices`, what the ticket's
    staff get of something the requester sent (PARTS; others are left out); none when the
    ticket is not handed (`handed`). Values: the notice's, `part` (PARTS), `reply_to` (the
    form's message id, or None), and for the copy of a new message (`message`, not an edit)
    its `text` and `content_type`, shown after the ticket's number."""
    place = await handed(session=session, rules=rules, ticket=ticket)
    if place is None:
        return []
    copies = []
    edited = any(n.kind == "requester_edit" for n in notices)
    for notice in notices:
        part = PARTS.get(notice.kind)
        if part is None:
            continue
        values = {**notice.values, "part": part, "reply_to": place.form_message_id}
        if part == "copy" and message is not None and not edited:
            values |= {"text": message.text, "content_type": message.content_type}
        copies.append(
            Notice(
                HANDED_RELAY,
                (Audience.DEPARTMENT_GROUP,),
                ticket,
                values,
                departments=(place.department_key,),
            )
        )
    return copies


async def settled_notices(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    event: str,
    values: dict[str, object] | None = None,
) -> list[Notice]:
    """The department that accepted `ticket` hears what became of it (`event`, one of
    SETTLED_EVENTS; `values` what its wording adds: the resolution's `summary`, the
    requester's `score`), once, in its staff group under its latest form there (`reply_to`:
    the form's message id, None when it is not in Telegram), worded in the staff's language
    (bot/notices.py `address`): a `HANDED_SETTLED` notice. None when no other department
    accepted it (`handled_elsewhere`). Raises ValueError for an unknown event."""
    if event not in SETTLED_EVENTS:
        raise ValueError(f"unknown event {event!r}")
    place = await handed(session=session, rules=rules, ticket=ticket, settled_too=True)
    if place is None:
        return []
    told = {**(values or {}), "event": event, "reply_to": place.form_message_id}
    return [
        Notice(
            HANDED_SETTLED,
            (Audience.DEPARTMENT_GROUP,),
            ticket,
            told,
            departments=(place.department_key,),
        )
    ]
