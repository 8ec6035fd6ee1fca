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
- before accepting (or after returning it): a reply on the form by the receiving
  department's staff, who may not speak to the requester for a ticket they do not handle, is
  a question to the owner (`question_and_tell`): filed as an internal note and shown in the
  ticket's place with who asked, from which department; never sent to the requester.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.excerpt import excerpt
from bot.guards import clean_text, may_speak_for
from bot.handoff_forms import FORM, FORM_DECIDED
from bot.models import Direction, StaffLink, Ticket, TicketMessage, TicketStatus
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.transaction import Transaction

HANDED_RELAY = "handed_relay"  # what the requester wrote, for the accepting department
QUESTION = "handoff_question"  # a receiving department's question on a form, for the owner
QUESTION_SHOWN = 3000  # UTF-16 units of the question the owner reads in the ticket's place
# What the requester sent as the ticket's staff get it (bot/conversation.py), and the part of
# a HANDED_RELAY that carries it (the presenter words each as that kind, replying to the form).
PARTS = {
    "relay": "copy",
    "relay_origin": "origin",
    "relay_described": "described",
    "requester_edit": "edit",
}
SETTLED = (TicketStatus.RESOLVED, TicketStatus.CLOSED)


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
    if status in SETTLED or handling == owning or ticket_chat is None:
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
            StaffLink.kind.in_((FORM, FORM_DECIDED)),
        )
        .order_by(StaffLink.message_id.desc())
        .limit(1)
    )


async def handed(*, session: AsyncSession, rules: Rules, ticket: Ticket) -> Handed | None:
    """Where the requester's words on `ticket` go in the department that accepted it
    (`reaches_handler`); None when they go only to the ticket's place."""
    department = ticket.handling_department_key
    chat_id = rules.settings.department(department).staff_group_chat_id
    if not reaches_handler(
        status=ticket.status,
        owning=ticket.department_key,
        handling=department,
        ticket_chat=ticket.staff_chat_id,
        handling_chat=chat_id,
    ):
        return None
    form = await latest_form(session=session, ticket_id=ticket.id, chat_id=chat_id)
    return Handed(department, chat_id, form)


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


def asks_owner(rules: Rules, ticket: Ticket, officer_id: int, form_department: str) -> bool:
    """Whether an officer's words on a handoff form of `form_department` are a question to
    the ticket's owner: they are staff of that department, who may not (yet, or any more)
    speak to the requester for this ticket (bot/guards.py `may_speak_for`)."""
    member = rules.staff.get(officer_id)
    if member is None or member.department_key != form_department:
        return False
    return not may_speak_for(rules, ticket, officer_id)


async def on_form(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    officer_id: int,
    chat_id: int,
    replied_to: int | None,
) -> bool:
    """Whether an officer's message in the staff group `chat_id`, replying to its message
    `replied_to`, is a question to the ticket's owner (`asks_owner`): that message is one of
    the ticket's handoff forms, in the group of the officer's department."""
    if replied_to is None:
        return False
    link = await session.get(StaffLink, (chat_id, replied_to))
    if link is None or link.ticket_id != ticket.id or link.kind not in (FORM, FORM_DECIDED):
        return False
    member = rules.staff.get(officer_id)
    if member is None:
        return False
    group = rules.settings.department(member.department_key).staff_group_chat_id
    return group == chat_id and asks_owner(rules, ticket, officer_id, member.department_key)


async def question_and_tell(
    *, tx: Transaction, rules: Rules, ticket: Ticket, officer_id: int, text: str
) -> TicketMessage:
    """A receiving department's question on a handoff form (`asks_owner`), filed on the
    ticket as an internal note at the transaction's instant; the ticket's staff (the
    owner's place) read it as QUESTION (values `by`, the asker as staff know them,
    `department`, their department's key, `text`, its start: `excerpt`). The requester hears
    nothing of it. InvalidInput for empty words."""
    text = clean_text(text, "the question")
    member = rules.staff.get(officer_id)
    note = TicketMessage(
        ticket_id=ticket.id,
        direction=Direction.NOTE,
        author_id=officer_id,
        content_type="text",
        text=text,
        created_at=tx.now,
    )
    tx.session.add(note)
    values = {
        "by": rules.staff.shown_as(officer_id) or "-",
        "department": member.department_key if member is not None else "",
        "text": excerpt(text, QUESTION_SHOWN).text,
    }
    notice = Notice(QUESTION, (Audience.TICKET_STAFF,), ticket, values, fallback=ticket.owner_id)
    await publish(tx, rules, [notice])
    return note
