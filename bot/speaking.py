"""Who speaks to a ticket's requester, and what becomes of a colleague's words about it.

SPEC rule 1: the owner talks to the requester through the bot; supervisors act through
/assign, not by writing to the requester. What another officer, a supervisor or management
writes where the ticket's words go (its topic, a reply to its card or to a relayed message)
is staff talk ("这个人之前也投诉过,别理他"): it never reaches the requester. It is kept as an
internal note by its writer (the owner reads it in the topic, or there as a notice when it was
written elsewhere, and in /ticket N), and the writer is told it did not go and why (the front
words it: `Spoken.to_requester`). Before anyone owns the ticket, its department's staff may
ask the requester under its card (issue 14: seen before anyone claims it); once a department
has accepted a handoff of it, that department's staff do the work and write to the requester
too (SPEC rule 7: bot/handed.py)."""

from __future__ import annotations

from dataclasses import dataclass

from bot import conversation, staff_replies
from bot.excerpt import excerpt
from bot.models import Ticket, TicketMessage
from bot.notices import Audience, Notice, publish
from bot.rules import Rules
from bot.store import get
from bot.transaction import Transaction

NOTE_SHOWN = 3000  # UTF-16 units of a note written elsewhere, shown in the ticket's topic


def answers_requester(rules: Rules, ticket: Ticket, officer_id: int) -> bool:
    """Whether what `officer_id` writes on `ticket` goes to its requester. Each row wins
    over those below it:
    | the officer owns the ticket                                        | yes |
    | nobody owns it, and the officer is its department's staff or       | yes |
    |   management (asking under the card)                               |     |
    | a department accepted a handoff of it (handling is not owning),    | yes |
    |   and the officer is staff of that department                      |     |
    | otherwise (a colleague, a supervisor, management on an owned one)  | no  |
    """
    if officer_id == ticket.owner_id:
        return True
    member = rules.staff.get(officer_id)
    if ticket.owner_id is None:
        ours = member is not None and member.department_key in (
            ticket.department_key,
            ticket.handling_department_key,
        )
        return ours or rules.staff.is_management(officer_id)
    handed = ticket.handling_department_key != ticket.department_key
    return (
        handed and member is not None and member.department_key == ticket.handling_department_key
    )


@dataclass(frozen=True)
class Spoken:
    """What became of a staff message about a ticket: `message`, as filed; `to_requester`,
    whether it went to the requester (else it is an internal note by its writer); `ticket_id`
    and `owner_id` (None: nobody owns it), for the words to its writer."""

    message: TicketMessage
    to_requester: bool
    ticket_id: int
    owner_id: int | None


async def staff_words_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    officer_id: int,
    text: str,
    chat_id: int,
    message_id: int,
    thread_id: int | None = None,
    content_type: str = "text",
) -> Spoken:
    """A staff message about ticket `ticket_id` (the message `message_id` in the staff chat
    `chat_id`, in its topic `thread_id` if any; `text` its words or caption): a reply to the
    requester when its writer answers them (`answers_requester`; bot/staff_replies.py
    `staff_reply_and_tell`), else an internal note by its writer at the transaction's
    instant. A note written outside the ticket's own place (its topic; under its card in a
    group without topics) reaches the ticket's staff there as a `staff_event` (event
    "noted_elsewhere", values `by`, `text`: its start). Raises NotAllowed (reason
    "owner_only") for a writer who may not write on the ticket at all, as
    `conversation.add_staff_message` does (DeskError)."""
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    owner_id = ticket.owner_id
    if answers_requester(rules, ticket, officer_id):
        message = await staff_replies.staff_reply_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket_id,
            officer_id=officer_id,
            text=text,
            chat_id=chat_id,
            message_id=message_id,
            content_type=content_type,
        )
        return Spoken(message, True, ticket_id, owner_id)
    message = await conversation.add_staff_message(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        officer_id=officer_id,
        text=text,
        internal=True,
        content_type=content_type,
        chat_id=chat_id,
        message_id=message_id,
        now=tx.now,
    )
    here = chat_id == ticket.staff_chat_id and (
        ticket.staff_thread_id is None or thread_id == ticket.staff_thread_id
    )
    if not here:
        values = {
            "event": "noted_elsewhere",
            "by": rules.staff.shown_as(officer_id) or "-",
            "text": excerpt(text, NOTE_SHOWN).text,
        }
        await publish(tx, rules, [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, values)])
    return Spoken(message, False, ticket_id, owner_id)
