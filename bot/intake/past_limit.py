"""A new matter past the open-ticket limit (config `abuse.open_tickets`): its words kept, not
refused into nothing (the seed: the first receiver loses nothing a requester says).

A clerk who cannot open another file for a visitor with three already open does not hand the
new slip back: it goes into their latest open file, its staff read it there, and the visitor
is told which file took it and that withdrawing one lets a new one open. So here: the
requester's words in the first inquiry (each text a message of theirs, as they sent it), and
what they sent with them (photos, files: bot/intake/held.py), are filed in their latest open
ticket and copied to its staff as their other messages are (bot/conversation.py); the
inquiry is over, its buttons used up in that ticket. A danger is never refused
(bot/intake/handing.py): it opens its own urgent ticket.
"""

from __future__ import annotations

from sqlalchemy import select

from bot import conversation
from bot.intake import held, inquiry, offers
from bot.intake.inquiry import Turn
from bot.kinds import BOT_OFFERED
from bot.models import ACTIVE_STATUSES, Requester, Ticket
from bot.notices import card_refresh, publish
from bot.rules import Rules
from bot.transaction import Transaction


def kept_words(turns: list[Turn], question: str) -> list[tuple[str, int | None]]:
    """What the requester said in the inquiry, each text with the message it came in (None:
    not known), in order; `question` alone when no turn holds their words. Pure."""
    said: list[tuple[str, int | None]] = [
        (str(turn["text"]), turn.get("message_id"))
        for turn in turns
        if turn.get("by") == "requester" and str(turn.get("text", "")).strip()
    ]
    if said or not question.strip():
        return said
    return [(question, None)]


async def latest_open(*, tx: Transaction, requester: Requester) -> Ticket | None:
    """The requester's latest ticket still being worked on (open, claimed, handed over)."""
    if requester.id is None:
        return None
    return await tx.session.scalar(
        select(Ticket)
        .where(Ticket.requester_id == requester.id, Ticket.status.in_(ACTIVE_STATUSES))
        .order_by(Ticket.id.desc())
        .limit(1)
    )


async def keep_in_latest(
    *, tx: Transaction, rules: Rules, requester: Requester, question: str, earlier: bool = False
) -> Ticket | None:
    """File the requester's first inquiry (`question`, when it holds no words of theirs) in
    their latest open ticket, in the caller's transaction: each text a message of theirs
    copied to the ticket's staff (one without its message known filed, its card redrawn),
    what they sent with it filed after, the inquiry ended (its buttons go, in that ticket).
    `earlier`: the inquiry is an older one set aside (bot/intake/earlier.py), whose caller
    marks its messages taken: the media and the buttons of the one in progress are not its.
    The ticket, or None when none is open (nothing changed)."""
    ticket = await latest_open(tx=tx, requester=requester)
    if ticket is None:
        return None
    for text, message_id in kept_words(requester.inquiry or [], question):
        if message_id is None:
            await conversation.add_requester_message(
                session=tx.session,
                rules=rules,
                ticket_id=ticket.id,
                requester_id=requester.id,
                now=tx.now,
                text=text,
            )
            await publish(tx, rules, [card_refresh(ticket)])
            continue
        await conversation.requester_message_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester.id,
            chat_id=requester.chat_id,
            message_id=message_id,
            text=text,
            acknowledge=False,  # they are told once, which ticket took it all
        )
    # What the bot answered or offered them, on the record as on a new ticket's: an answer
    # withheld for the ticket no longer is (bot/intake/handing.py `register` gives it).
    offered = inquiry.offered(inquiry.withholding(requester.inquiry or [], None))
    if offered:
        conversation.add_bot_note(
            session=tx.session,
            ticket_id=ticket.id,
            text="; ".join(offered),
            now=tx.now,
            content_type=BOT_OFFERED,
        )
    if earlier:
        return ticket
    await held.file_held(tx=tx, rules=rules, requester=requester, ticket=ticket)
    await offers.end(tx=tx, rules=rules, requester=requester, ticket=ticket)
    requester.dialog_step = requester.last_question = requester.last_offered = None
    requester.inquiry = None
    return ticket
