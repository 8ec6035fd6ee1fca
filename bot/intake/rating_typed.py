"""A rating typed in words (issue 14, input 1), read as a clerk reads it: asked to rate the
service after "解决了,谢谢", the requester types "5星", "5", "五星", "给5星", "5 stars",
"★★★★★" or "4/5" instead of pressing a star (`rating_words.rating_alone`).

Where a rating is awaited (a ticket of theirs confirmed solved in words lately, not yet
rated) it is that rating, recorded as its button records it, and thanked. Awaiting none, a
message that is only a rating is never a question, never a ticket: right after a knowledge-base
answer a good one (3 or more) says the answer helped (as *Solved* pressed), a poor one is
thanked and pointed to *Not solved*; with nothing at all, they are told politely that nothing
waits for a rating. A ticket resolved and awaiting their word reads a rating itself
(`closure.words_after_resolution_and_tell`); a bare number beside a ticket in progress is
theirs for it (an answer to the officer: "几楼?" "5"), and under "did you mean" an option.
"""

from __future__ import annotations

from sqlalchemy import select

from bot import closure
from bot.desk import Desk
from bot.intake import held, inquiry, offers
from bot.intake.decision import Action
from bot.intake.handing import Outcome
from bot.models import CloseReason, DialogStep, Rating, Requester, Ticket, TicketStatus
from bot.rating_words import rating_alone, rating_said
from bot.transaction import Transaction

AWAITED = inquiry.IDLE  # how long after a confirmation in words its rating is awaited
GOOD = 3  # after an answer, a rating this high or higher says it helped
# The bot asked what the matter is ("我要投诉" → "what is it about?"): a rating is no answer.
_ASKED = (DialogStep.CLARIFY, DialogStep.MATTER)


async def rated_in_words(
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    step: DialogStep | None,
    text: str,
) -> Outcome | None:
    """Action.RATED when `text` is only a rating and is taken as one (`rated`: "ticket", the
    awaited ticket rated; "answer" / "answer_low", said of the answer just given; "none",
    nothing awaits one; "asked": the bot's question of the matter asked again), in the
    caller's transaction; None when the caller reads it as anything else would be."""
    score = rating_alone(text)
    if score is None or step not in (None, *_ASKED):
        return None
    bare = rating_said(text) is None  # "5" alone, not "5星"
    if bare and step is DialogStep.MATTER:
        return None  # "5" to "what is it about?": theirs to read
    if current is not None and (current.status is TicketStatus.RESOLVED or bare):
        return None
    turns = requester.inquiry or []
    last = turns[-1].get("did") if turns else None
    if bare and last == "suggest":
        return None  # "2": the second option (`pressing.offer_named`)
    awaited = await awaiting_rating(tx, requester)
    if awaited is not None:
        ticket = await closure.rate_and_tell(
            tx=tx, rules=desk.rules, ticket_id=awaited.id, requester_id=requester.id, score=score
        )
        why = closure.asks_why(score)
        return Outcome(Action.RATED, ticket=ticket, rated="ticket", asks_why=why)
    if step in _ASKED and current is None:
        # "我要投诉" … "5星": a rating is never the matter asked for; thanked, asked again.
        person = step is DialogStep.MATTER and requester.last_question is None
        clarify = step is DialogStep.CLARIFY  # "what is it about?" rather than the matter's
        return Outcome(Action.RATED, rated="asked", again=clarify, person=person)
    if current is not None:
        return None  # a ticket in progress: theirs to read
    if last == "answer" and requester.last_offered and step is None:
        if score < GOOD:
            return Outcome(Action.RATED, rated="answer_low")
        requester.inquiry = None  # settled, as *Solved* pressed: what they ask next is new
        held.let_go(requester)
        await offers.end(tx=tx, rules=desk.rules, requester=requester, ticket=None)
        return Outcome(Action.RATED, rated="answer")
    return Outcome(Action.RATED, rated="none")


async def awaiting_rating(tx: Transaction, requester: Requester) -> Ticket | None:
    """The requester's latest ticket confirmed solved within AWAITED and not rated: its
    rating is awaited (the stars under `confirmed_said`)."""
    ticket = await tx.session.scalar(
        select(Ticket)
        .where(
            Ticket.requester_id == requester.id,
            Ticket.status == TicketStatus.CLOSED,
            Ticket.close_reason == CloseReason.CONFIRMED,
            Ticket.closed_at >= tx.now - AWAITED,
        )
        .order_by(Ticket.closed_at.desc())
        .limit(1)
    )
    if ticket is None:
        return None
    rated = await tx.session.scalar(select(Rating.id).where(Rating.ticket_id == ticket.id))
    return ticket if rated is None else None
