"""Who speaks to a ticket's requester, and what becomes of a colleague's words about it.

SPEC rule 1 (首问负责, "first receiver owns it"): when the bot cannot settle an inquiry, a
human takes it over by claiming it and becomes its owner, who talks to the requester through
the bot; supervisors act through /assign, not by writing to the requester. So the officer of
the ticket's department who first answers its requester under an unclaimed card takes it
over by answering: the answer claims it (the requester hears who owns it, as at a claim, then
the answer; issue 14: before, any officer's words under an unclaimed card reached the
requester, remarks meant for colleagues included, and nobody was accountable for them). What
anyone else on staff writes where the ticket's words go (its topic, a reply to its card or to
a relayed message): a colleague on an owned ticket, another department's officer, a
supervisor or management, is staff talk ("这个人之前也投诉过,别理他"): it never reaches the
requester. It is kept as an internal note by its writer (the owner reads it in the topic, or
there as a notice when it was written elsewhere, and in /ticket N), and the writer is told it
did not go and why (`Spoken.why`; the front words it). Once a department has accepted a
handoff of the ticket, that department's staff do the work and write to the requester too
(SPEC rule 7: bot/handed.py)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot import conversation, ownership, staff_replies
from bot.errors import NotAllowed
from bot.excerpt import excerpt
from bot.guards import handling_writes, handoff_over
from bot.models import StaffRole, Ticket, TicketMessage, TicketStatus
from bot.notices import Audience, Notice, card_refresh, publish
from bot.rules import Rules
from bot.store import get, save
from bot.transaction import Transaction

NOTE_SHOWN = 3000  # UTF-16 units of a note written elsewhere, shown in the ticket's topic


class Said(StrEnum):
    """What a staff member's words about a ticket are (`said_as`)."""

    REPLY = "reply"  # to the requester
    CLAIM = "claim"  # to the requester, and the ticket is theirs from then on
    NOTE = "note"  # an internal note by its writer


def said_as(rules: Rules, ticket: Ticket, officer_id: int) -> Said:
    """What `officer_id`'s words on `ticket` are. Each row wins over those below it:
    | the officer owns the ticket                                         | REPLY |
    | nobody owns it, and the writer is an officer of its department (or  | CLAIM |
    |   of the department handling it): who answers first owns it        |       |
    |   (REPLY, refused as any reply is, once it is closed: withdrawn)    |       |
    | a department accepted a handoff of it (handling is not owning),     | REPLY |
    |   and the writer is staff of that department                        |       |
    | otherwise (a colleague on an owned one, another department's staff, | NOTE  |
    |   a supervisor or management: they /assign; the handling department |       |
    |   once the ticket is resolved or closed: its handoff is over)       |       |
    """
    if officer_id == ticket.owner_id:
        return Said.REPLY
    member = rules.staff.get(officer_id)
    departments = (ticket.department_key, ticket.handling_department_key)
    if ticket.owner_id is None:
        officer = member is not None and member.role is StaffRole.OFFICER
        if officer and member is not None and member.department_key in departments:
            # A ticket closed before anyone claimed it (withdrawn) is claimed by nobody: the
            # reply is refused as any reply to a closed ticket is.
            return Said.CLAIM if ticket.status is TicketStatus.OPEN else Said.REPLY
        return Said.NOTE
    if handling_writes(rules, ticket, officer_id) and not handoff_over(rules, ticket, officer_id):
        return Said.REPLY
    return Said.NOTE


def answers_requester(rules: Rules, ticket: Ticket, officer_id: int) -> bool:
    """Whether what `officer_id` writes on `ticket` goes to its requester (`said_as`)."""
    return said_as(rules, ticket, officer_id) is not Said.NOTE


def why_kept(rules: Rules, ticket: Ticket, officer_id: int) -> str:
    """Why `officer_id`'s words on `ticket` were kept as their note (`said_as` NOTE): "owned",
    someone owns it (only they answer); "reassign", someone does and the writer supervises
    its department, or is management (they /assign it themselves: a fresh tester's
    supervisor was told to ask a supervisor); "other_department", nobody does and it is not
    the writer's department's; "unclaimed", nobody does and the writer supervises (they
    /assign, or claim it); "handoff_over", the writer's department accepted a handoff of it
    and the owner has resolved it since (or it is closed): the owner speaks to the requester
    now."""
    if handoff_over(rules, ticket, officer_id):
        return "handoff_over"
    if ticket.owner_id is not None:
        staff = rules.staff
        if staff.is_supervisor(officer_id, ticket.department_key) or staff.is_management(
            officer_id
        ):
            return "reassign"
        return "owned"
    member = rules.staff.get(officer_id)
    departments = (ticket.department_key, ticket.handling_department_key)
    ours = member is not None and member.department_key in departments
    if ours or rules.staff.is_management(officer_id):
        return "unclaimed"
    return "other_department"


@dataclass(frozen=True)
class Spoken:
    """What became of a staff message about a ticket: `message`, as filed; `to_requester`,
    whether it went to the requester (else it is an internal note by its writer, kept for the
    reason `why`: `why_kept`); `claimed`, whether it made its writer the owner (`Said.CLAIM`);
    `ticket_id`, `owner_id` (None: nobody owns it) and `department_key` (the ticket's), for
    the words to its writer."""

    message: TicketMessage
    to_requester: bool
    ticket_id: int
    owner_id: int | None
    claimed: bool = False
    why: str = ""
    department_key: str = ""


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
    `chat_id`, in its topic `thread_id` if any; `text` its words or caption), as `said_as`
    says: a reply to the requester (bot/staff_replies.py `staff_reply_and_tell`); the same
    after claiming the ticket for its writer (`ownership.claim_and_tell`: the requester hears
    who owns it first; the card is redrawn claimed, showing the answer); else an internal
    note by its writer at the transaction's instant (`note_and_tell`). Raises NotAllowed
    (reason "owner_only") for a writer who is not staff, and as the claim does (DeskError).

    What the words are is decided on the ticket's row held (`get` with `lock`): a claim at the
    same instant (a press of Claim elsewhere, another officer's answer) either commits first,
    and these words are then a note by their writer (who hears it is owned), or waits for
    this transaction, and finds it claimed by these words: never both a claim and words
    refused as a lost race (issue 14)."""
    ticket = await get(session=tx.session, ticket_id=ticket_id, lock=True)
    said = said_as(rules, ticket, officer_id)
    if said is Said.NOTE:
        return await note_and_tell(
            tx=tx,
            rules=rules,
            ticket=ticket,
            officer_id=officer_id,
            text=text,
            chat_id=chat_id,
            message_id=message_id,
            thread_id=thread_id,
            content_type=content_type,
        )
    if said is Said.CLAIM:
        ticket = await ownership.claim_and_tell(
            tx=tx, rules=rules, ticket_id=ticket_id, officer_id=officer_id
        )
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
    if said is Said.CLAIM:  # the card, claimed, shows the answer that claimed it
        await publish(tx, rules, [card_refresh(ticket)])
    claimed = said is Said.CLAIM
    owner_id = ticket.owner_id
    return Spoken(message, True, ticket_id, owner_id, claimed, "", ticket.department_key)


async def note_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket: Ticket,
    officer_id: int,
    text: str,
    chat_id: int,
    message_id: int,
    thread_id: int | None = None,
    content_type: str = "text",
) -> Spoken:
    """Staff words about `ticket` kept as their writer's internal note at the transaction's
    instant, whichever department they are of (what they know of the matter is kept, never
    lost; it never reaches the requester). A note written outside the ticket's own place
    (its topic; under its card in a group without topics or while it has no topic) reaches
    the ticket's staff there as a `staff_event` (event "noted_elsewhere", values `by`,
    `text`: its start). Raises NotAllowed (reason "owner_only") for a writer who is not
    staff."""
    if rules.staff.get(officer_id) is None and not rules.staff.is_management(officer_id):
        raise NotAllowed(
            f"user {officer_id} may not write on ticket {ticket.id}",
            "owner_only",
            ticket_id=ticket.id,
        )
    message = conversation.file_staff_message(
        tx.session,
        rules,
        ticket,
        officer_id=officer_id,
        text=text,
        now=tx.now,
        internal=True,
        content_type=content_type,
        chat_id=chat_id,
        message_id=message_id,
    )
    await save(tx.session, rules, ticket)
    in_group = chat_id == ticket.staff_chat_id
    if ticket.staff_thread_id is not None:
        here, topic_only = in_group and thread_id == ticket.staff_thread_id, False
    else:
        # No topic known: under the card is the ticket's place while nobody owns it (and in
        # a group without topics always); once owned, in a forum its owner works in the topic
        # its claim is opening (words under the card just after a claim, issue 14), so they
        # go there too, and only there (`topic_only`: nothing in a group without topics).
        topic_only = in_group and thread_id is None and ticket.owner_id is not None
        here = in_group and not topic_only
    if not here:
        values = {
            "event": "noted_elsewhere",
            "by": rules.staff.shown_as(officer_id) or "-",
            "text": excerpt(text, NOTE_SHOWN).text,
            **({"topic_only": True} if topic_only else {}),
        }
        await publish(tx, rules, [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, values)])
    why = why_kept(rules, ticket, officer_id)
    return Spoken(message, False, ticket.id, ticket.owner_id, False, why, ticket.department_key)
