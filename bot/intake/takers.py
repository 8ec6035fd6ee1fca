"""Which of the desk's takers takes a requester's text in private, tried in the order of the
first-inquiry responsibility system (首问负责), in the caller's transaction.

A text under a closed ticket's message is that matter coming back (bot/intake/recurrence.py);
else, in turn, the answer to "what went wrong?" after a low rating (bot/intake/dissatisfied.py),
whom the complaint ticket in hand is about,
named later (bot/intake/named_later.py), a complaint naming a member of staff
(bot/intake/staff_complaint.py), the auto-closed matter
right after its invitation back (bot/intake/invited_back.py), a closed matter said to be
back ("又", "again") beside whatever is in hand (bot/intake/said_again.py); else the first
inquiry itself (a correction of what it waits for, "不对,其实我想问…", lets that go first and
is a fresh question: bot/intake/corrected.py), a question asked apart under the category
buttons after the one waiting is filed (bot/intake/apart.py)
(`bot.intake.flow.take_text`). The first that takes it has it; the others never see it. The
front's own checks come before (a colleague's message, a ticket named in words), and the
presenting after: `Taken` says which taker had it and what to present.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.desk import Desk
from bot.intake import (
    apart,
    corrected,
    dissatisfied,
    flow,
    invited_back,
    named_later,
    recurrence,
    said_again,
    staff_complaint,
)
from bot.intake.handing import Outcome
from bot.kinds import Origin
from bot.models import Requester, Ticket
from bot.transaction import Transaction


class Taker(Enum):
    """Who took the text, in the order they are tried."""

    REPLIED_RECURRENCE = "replied_recurrence"  # a reply under a closed ticket's message
    LOW_RATING_ANSWER = "low_rating_answer"  # what went wrong, after a low rating
    STAFF_COMPLAINT = "staff_complaint"  # a member of staff complained of: a supervisor's
    INVITED_BACK = "invited_back"  # the auto-closed matter, after "just tell me"
    SAID_AGAIN = "said_again"  # a closed matter said to be back ("又", "again")
    FIRST_INQUIRY = "first_inquiry"  # none of those: the first inquiry (`flow.take_text`)


@dataclass(frozen=True)
class Taken:
    """A text taken: `by` which taker; `recurrence`, a recurrence's ticket handed over, for the
    front to present as one (or None: nothing to present but `inquiry`); `inquiry`,
    `flow.take_text`'s outcome when `by` is FIRST_INQUIRY (None otherwise); `filed`, the
    question that waited for its category filed first, when the text asked another apart."""

    by: Taker
    recurrence: Outcome | None = None
    inquiry: Outcome | None = None
    # FIRST_INQUIRY of a question asked apart under the category buttons (bot/intake/apart.py):
    # the question that waited, filed first; presented before `inquiry`, the new question's.
    filed: Outcome | None = None


async def take_message(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    text: str,
    message_id: int | None = None,
    origin: Origin | None = None,
    replied_to: int | None = None,
) -> Taken:
    """`text` (the message `message_id`, a forward when `origin` is set, a reply to the message
    `replied_to` in their chat) taken by the first taker that will (see the module); `current`
    is the requester's ticket in progress, if any."""
    closed = await recurrence.closed_replied_to(tx=tx, requester=requester, replied_to=replied_to)
    if closed is not None:  # the closed matter back, beside any in hand
        handed = await recurrence.hand_over_recurrence(
            tx=tx, desk=desk, requester=requester, closed=closed, text=text, message_id=message_id
        )
        return Taken(Taker.REPLIED_RECURRENCE, recurrence=handed)
    forwarded = origin is not None  # a forward's words are never theirs
    heard = await dissatisfied.take_answer(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        text=text,
        message_id=message_id,
        forwarded=forwarded,
    )
    if heard is not None:  # the matter still there: its recurrence, else they were thanked
        return Taken(Taker.LOW_RATING_ANSWER, recurrence=heard.recurrence)
    later = await named_later.take_named_later(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        text=text,
        message_id=message_id,
        forwarded=forwarded,
    )
    if later is not None:  # whom the complaint in hand is about: a supervisor's now
        return Taken(Taker.STAFF_COMPLAINT)
    accused = await staff_complaint.take_staff_complaint(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        text=text,
        message_id=message_id,
        forwarded=forwarded,
    )
    if accused is not None:  # a supervisor has it; nothing more to present
        return Taken(Taker.STAFF_COMPLAINT)
    back = await invited_back.take_after_invitation(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        text=text,
        message_id=message_id,
        forwarded=forwarded,
    )
    if back is not None:
        return Taken(Taker.INVITED_BACK, recurrence=back)
    again = await said_again.take_said_again(
        tx=tx,
        desk=desk,
        requester=requester,
        text=text,
        message_id=message_id,
        forwarded=forwarded,
    )
    if again is not None:
        return Taken(Taker.SAID_AGAIN, recurrence=again)
    # "不对,其实我想问…" while its matter is waited for: that inquiry let go, this one fresh.
    fresh = await corrected.take_correction(
        tx=tx, desk=desk, requester=requester, text=text, forwarded=forwarded
    )
    text = fresh or text
    # Another question apart while the category buttons wait: the waiting one filed first.
    asked = await apart.take_apart(
        tx=tx, desk=desk, requester=requester, current=current, text=text, forwarded=forwarded
    )
    if asked is not None:
        current, text = asked.in_hand, asked.question
    outcome = await flow.take_text(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        text=text,
        origin=origin,
        message_id=message_id,
        replied_to=replied_to,
    )
    return Taken(Taker.FIRST_INQUIRY, inquiry=outcome, filed=asked.filed if asked else None)
