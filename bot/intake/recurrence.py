"""A requester writing again about a closed ticket by replying (in Telegram) to one of its
messages: "孙师傅,路灯今晚又不亮了" under the closed street-light
ticket's officer's old reply. That is the matter coming back (issue 14: it became a new
ticket in the general queue, with an unrelated earlier exchange of theirs and only "此前工单:
#1 已关闭"): a new ticket at once, in the closed one's category and department, whose first
inquiry says it is a recurrence of it, with its question and its former owner (on the card,
for them and their colleagues to take up; the former owner is told in private), and nothing
of an unrelated exchange. Within config `closure.recurrence_window` of its closing, the new
ticket is its former owner's at once, if they are still its department's staff (首问负责: the
owner remains responsible; a tester's recurrence went to the queue and another officer claimed
it, its owner never told): they are told in private, the requester who has it. So too while
another ticket of theirs is in hand: the reply names the closed matter, and beats the ticket in
hand (a tester's "the light is off again" under the closed light ticket's message was filed in
their open complaint)."""

from __future__ import annotations

from datetime import datetime

from bot import ownership, replies
from bot.desk import Desk
from bot.excerpt import excerpt
from bot.intake import held, inquiry, language
from bot.intake.close import Matter
from bot.intake.handing import Outcome, hand_over
from bot.intake.media import NO_QUESTION, Attachment
from bot.intake.staff_complaint import recurrence_to_supervisor
from bot.models import Requester, Ticket, TicketStatus
from bot.notices import Audience, Notice, publish
from bot.transaction import Transaction


async def closed_replied_to(
    *, tx: Transaction, requester: Requester, replied_to: int | None
) -> Ticket | None:
    """The requester's closed ticket the message `replied_to` in their chat stands for (a
    bot's message about it, or their own filed under it); None for anything else."""
    if replied_to is None or requester.id is None:
        return None
    ticket_id = await replies.ticket_of_message(
        session=tx.session, chat_id=requester.chat_id, message_id=replied_to
    )
    ticket = None if ticket_id is None else await tx.session.get(Ticket, ticket_id)
    if ticket is None or ticket.requester_id != requester.id:
        return None
    return ticket if ticket.status is TicketStatus.CLOSED else None


async def hand_over_recurrence(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    closed: Ticket,
    text: str,
    message_id: int | None = None,
    rated: int | None = None,
    said: bool = False,
) -> Outcome:
    """`text` (the message `message_id`) to a person as a recurrence of `closed`, in the
    caller's transaction (see the module); refused past the open-ticket limit as any
    hand-over is. The closed ticket's former owner hears of it. `rated`: the low rating the
    text answered (bot/intake/dissatisfied.py), said instead of a reply to its message;
    `said`: written of its matter again, not under its message (bot/intake/invited_back.py,
    bot/intake/said_again.py)."""
    # Answered in the language of their own words, as any first inquiry is.
    language.follow_words(requester, text, desk.texts.supported)
    now = desk.now()
    recurs = {
        **inquiry.bot_did("recurrence", now),
        "ticket_id": closed.id,
        "question": closed.question,
        "owner": desk.rules.staff.shown_as(closed.owner_id) or "",
        **({"rated": rated} if rated is not None else {}),
        **({"said": True} if said and rated is None else {}),
    }
    turns = [recurs, inquiry.said(text, now, message_id=message_id)]
    requester.inquiry, requester.last_question, requester.last_offered = turns, text, None
    outcome = await hand_over(
        tx=tx,
        desk=desk,
        requester=requester,
        question=text,
        category=closed.category,
        department=closed.department_key,
        matter=Matter(desk, turns, text),
    )
    if outcome.ticket is not None and await recurrence_to_supervisor(
        tx=tx, desk=desk, ticket=outcome.ticket, closed=closed
    ):
        pass  # its owner was complained of: a supervisor has it (bot/intake/staff_complaint.py)
    elif outcome.ticket is not None and back_to_owner(desk, closed, now):
        # 首问负责: its former owner owns the matter again, told in private (not its queue).
        assert closed.owner_id is not None
        await ownership.give_back_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket=outcome.ticket,
            owner_id=closed.owner_id,
            closed=closed,
            rated=rated,
            said=said,
        )
    elif outcome.ticket is not None and closed.owner_id is not None:
        # Its former owner hears of it (in private), to take it up or tell their colleagues.
        values = {
            "event": "recurred",
            "new_ticket_id": outcome.ticket.id,
            "text": excerpt(text, SHOWN).text,
        }
        await publish(tx, desk.rules, [Notice("staff_event", (Audience.OWNER,), closed, values)])
    return outcome


def back_to_owner(desk: Desk, closed: Ticket, now: datetime) -> bool:
    """Whether the recurrence of `closed` goes back to its former owner (first-inquiry
    responsibility: the owner remains responsible): closed within config
    `closure.recurrence_window` of `now`, and its owner still its department's staff (an
    officer gone, or moved to another department, leaves it to the department's queue, the
    card linking the old ticket)."""
    member = desk.rules.staff.get(closed.owner_id)
    if member is None or member.department_key != closed.department_key:
        return False
    closed_at = closed.closed_at or closed.resolved_at
    window = desk.settings.closure.recurrence_window
    return closed_at is not None and now - closed_at <= window


async def hand_over_media_recurrence(
    *, tx: Transaction, desk: Desk, requester: Requester, closed: Ticket, attachment: Attachment
) -> Outcome:
    """A photo, file, voice message… (`attachment`) sent as a reply to a message of the
    requester's closed ticket `closed`: the matter back, as a text under it is (issue 14: it
    went where a photo alone goes). Held for the recurrence's ticket (filed under it after its
    card, `handing.hand_over`), its caption the question; without one, the question says what
    was sent (`sent_without_words`). The later items of its album join that ticket as items
    sent into a ticket in hand do (`requester.media_group`)."""
    held.hold(requester, attachment)
    if attachment.media_group_id is not None:
        requester.media_group = attachment.media_group_id
    text = attachment.caption.strip() or desk.texts.render(
        "sent_without_words", requester.language, kind=attachment.kind
    )
    return await hand_over_recurrence(
        tx=tx,
        desk=desk,
        requester=requester,
        closed=closed,
        text=text,
        message_id=attachment.message_id,
    )


def opens_recurrence(requester: Requester, attachment: Attachment) -> bool:
    """Whether `attachment`, replying to a closed ticket's message, may open its recurrence:
    a kind that can carry a matter (a photo, a file; no sticker or dice, `NO_QUESTION`, unless
    words come under it), and not a later item of an album whose first item opened it
    already."""
    group = attachment.media_group_id
    later = group is not None and group == requester.media_group
    carries = attachment.kind not in NO_QUESTION or bool(attachment.caption.strip())
    return carries and not later


SHOWN = 1000  # UTF-16 units of the requester's words the former owner reads
