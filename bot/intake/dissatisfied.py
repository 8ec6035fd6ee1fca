"""A low rating heard as dissatisfaction (回访, issue 14: a tester's 1 star closed the ticket as
"confirmed solved" with no follow-up, and their "师傅修完灯还是不亮" after it was not taken as
the matter coming back).

Rated 1 or 2 stars (`closure.asks_why`), the requester is asked what went wrong (the thanks
for the rating says so, `rated` with `asks_why`); the rating alone reopens nothing. Their next
text, within ASKED of the rating, is their answer: filed on the rated ticket (its record shows
it) and kept as the rating's comment (the reports read it beside the score), and its owner
and the supervisors hear the low rating with the words (`low_rating`, the audience of
alerts). An answer saying the matter is still there ("还是不亮", "still off":
`resolution_words.says_not_solved`), and not plainly another matter
(`different_matter.differs`), is the ticket's recurrence (bot/intake/recurrence.py: a new
ticket, its former owner's within config `closure.recurrence_window`); any other answer is
thanked, the requester told it was passed on (`low_rating_heard`). Not answered at once, the
next text within the recurrence window that says the matter is still there, with no ticket in
hand, is that answer and that recurrence. Thanks, "ok", a greeting are no answer, nor is a
question of another matter ("公积金怎么提取?"): the question still waits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, select

from bot import rated_kept
from bot.closure import asks_why
from bot.desk import Desk
from bot.excerpt import excerpt
from bot.guards import MAX_TEXT
from bot.intake import inquiry
from bot.intake.decision import carries_no_matter, has_words, is_courtesy, is_filler
from bot.intake.different_matter import Differs, differs
from bot.intake.handing import Outcome
from bot.intake.new_matter import reads_as_question
from bot.intake.recurrence import SHOWN, hand_over_recurrence
from bot.models import Direction, Rating, Requester, Ticket, TicketMessage, TicketStatus
from bot.notices import Audience, Notice, publish
from bot.resolution_words import says_not_solved
from bot.transaction import Transaction

ASKED = inquiry.IDLE  # how long after the rating their next text is taken as the answer
AFTER = timedelta(microseconds=1)  # an answer is filed after its rating, even at one instant


@dataclass(frozen=True)
class Heard:
    """A requester's answer to "what went wrong?" taken: `recurrence`, the ticket its matter
    coming back opened (the caller presents it as a recurrence), or None (they were thanked)."""

    recurrence: Outcome | None = None


# The requester's latest rating with its ticket; built once (building it cost more than
# running it).
_LATEST_RATED = (
    select(Rating, Ticket)
    .join(Ticket, Rating.ticket_id == Ticket.id)
    .where(Ticket.requester_id == bindparam("requester_id"))
    .order_by(Rating.at.desc(), Rating.id.desc())
    .limit(1)
)


async def awaiting_answer(
    tx: Transaction, desk: Desk, requester: Requester
) -> tuple[Ticket, Rating] | None:
    """The requester's latest rated ticket, when that rating was low (`closure.asks_why`),
    within config `closure.recurrence_window` of now, and what went wrong is not heard yet
    (nothing of theirs filed on the ticket after it: a closed ticket takes none otherwise; the
    words that gave a rating typed under the resolution, "2", are filed at its very instant
    and are the rating, not the answer)."""
    if requester.id is None:
        return None
    window = desk.settings.closure.recurrence_window
    latest = rated_kept.kept(tx.session, requester.telegram_user_id)
    if latest is not None and (latest[0] is None or tx.now - latest[0] > window):
        return None  # never rated, or too long ago: no query needed
    found = (await tx.session.execute(_LATEST_RATED, {"requester_id": requester.id})).first()
    if found is None:
        return None
    rating, ticket = found
    if not asks_why(rating.score) or ticket.status is not TicketStatus.CLOSED:
        return None
    if tx.now - rating.at > window:
        return None
    heard = await tx.session.scalar(
        select(TicketMessage.id)
        .where(
            TicketMessage.ticket_id == ticket.id,
            TicketMessage.direction == Direction.IN,
            TicketMessage.created_at > rating.at,
        )
        .limit(1)
    )
    return None if heard is not None else (ticket, rating)


async def take_answer(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    text: str,
    message_id: int | None = None,
    forwarded: bool = False,
) -> Heard | None:
    """`text` (the message `message_id`) as the answer to "what went wrong?" after a low
    rating, in the caller's transaction (see the module); None when it is not that answer
    (the caller reads it as any text; a forward's words are never theirs)."""
    if forwarded:
        return None
    awaited = await awaiting_answer(tx, desk, requester)
    text = text.strip()
    if awaited is None or not has_words(text):
        return None
    if is_courtesy(text) or is_filler(text) or carries_no_matter(text):
        return None
    ticket, rating = awaited
    apart = differs(desk, requester, ticket, text) is Differs.APART
    if apart and reads_as_question(text):
        return None  # a question of another matter ("公积金怎么提取?"): theirs to ask
    back = says_not_solved(text) and not apart
    if tx.now - rating.at > ASKED and not (back and current is None):
        return None  # long after: only the matter said back, with nothing else in hand
    tx.session.add(
        TicketMessage(
            ticket_id=ticket.id,
            direction=Direction.IN,
            author_id=None,
            content_type="text",
            text=text[:MAX_TEXT],
            created_at=max(tx.now, rating.at + AFTER),  # after the rating, however fast
        )
    )
    rating.comment = text if not rating.comment else f"{rating.comment}\n{text}"
    recurrence = None
    if back:
        recurrence = await hand_over_recurrence(
            tx=tx,
            desk=desk,
            requester=requester,
            closed=ticket,
            text=text,
            message_id=message_id,
            rated=rating.score,
        )
    values = {
        "score": rating.score,
        "said": excerpt(text, SHOWN).text,
        "recurrence": recurrence.ticket.id if recurrence and recurrence.ticket else None,
    }
    notices = [Notice("low_rating", (Audience.OWNER, *Audience.supervising()), ticket, values)]
    if recurrence is None:
        notices.append(
            Notice("low_rating_heard", (Audience.REQUESTER,), ticket, requester=requester)
        )
    await publish(tx, desk.rules, notices)
    return Heard(recurrence)
