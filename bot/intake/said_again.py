"""A closed matter said to be back in words, whatever else is in hand (issue 14, a tester): a
street light's ticket resolved and closed (by itself, no answer by the auto-close time), then
a noise complaint's ticket in hand; "路灯昨晚又不亮了" ("The street light is out again") became
a plain new ticket (or was asked to be the noise ticket's), while right after the auto-close
notice the same words are the light's recurrence (bot/intake/invited_back.py).

A clerk who hears "again" ("又", "再次", "还是", "again", "still") about the matter of a
ticket of theirs closed within config `closure.recurrence_window` (resolved: never one they
withdrew) hears that matter back: its recurrence (bot/intake/recurrence.py: a new ticket in
its department, back to its former owner within the window, who is told), beside any other
ticket in hand. Words of the matter of a ticket still in hand are that ticket's ("楼上又在
装修" beside the noise ticket): not taken here. Nor are words that start another matter
("另外…", "also…"), words while the bot waits for an answer of theirs (`dialog_step`), or a
forward's."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.desk import Desk
from bot.intake.different_matter import Differs, differs
from bot.intake.handing import Outcome
from bot.intake.new_matter import closing_and_new, starts_anew
from bot.intake.own_kind import same_matter
from bot.intake.recurrence import hand_over_recurrence
from bot.intake.small_words import carries_no_matter, has_words, is_courtesy, is_filler
from bot.models import IN_HAND, CloseReason, Requester, Ticket, TicketStatus
from bot.transaction import Transaction

# Words that say a thing is so again, or still: "又" (not "又有一件事", "又想问": more to
# ask), "再次", "还是" before a state ("还是不亮", "还是没人修", "还是老样子"; not the "or" of
# "是A还是B", nor "还是想问"), "仍然", "again", "still", "once more".
_AGAIN = re.compile(
    r"又(?!有(?:个|一|件|别|其他|些)|想|要问|问)|再次|再度|再一次|还是(?=不|没|坏|一样|老样子|那样|这样|有|很|在|黑|漏|堵|臭|吵)|仍然|仍旧|依然|依旧|照样|照旧"
    r"|\b(?:again|still|once more)\b",
    re.IGNORECASE,
)
NOTICE = "said_again"  # what `starts_anew` reads the words after (no question of ours)
RECENT = 20  # of the requester's latest tickets, those read for a matter back


def says_again(text: str) -> bool:
    """Whether `text` says something is so again, or still (see `_AGAIN`), and tells a matter:
    not only thanks, "ok", a greeting; not said to be a new one ("另外…", "also…")."""
    text = text.strip()
    if not _AGAIN.search(text) or not has_words(text):
        return False
    if is_courtesy(text) or is_filler(text) or carries_no_matter(text):
        return False
    return not (starts_anew(text=text, answered=NOTICE, closest=None) or closing_and_new(text))


async def closed_matter(
    tx: Transaction, desk: Desk, requester: Requester, text: str
) -> Ticket | None:
    """The requester's ticket closed within config `closure.recurrence_window` (not
    withdrawn) whose matter `text` tells (`own_kind.same_matter`, and not plainly another by
    `different_matter.differs`), the latest first; None when there is none, or when `text`
    tells the matter of a ticket of theirs still in hand (it goes there)."""
    if requester.id is None:
        return None
    theirs = list(
        await tx.session.scalars(
            select(Ticket)
            .where(Ticket.requester_id == requester.id)
            .order_by(Ticket.id.desc())
            .limit(RECENT)
        )
    )
    if any(t.status in IN_HAND and same_matter(desk, t, text) for t in theirs):
        return None
    window = desk.settings.closure.recurrence_window
    for ticket in theirs:
        closed_at = ticket.closed_at
        if ticket.status is not TicketStatus.CLOSED or closed_at is None:
            continue
        if ticket.close_reason is CloseReason.WITHDRAWN or tx.now - closed_at > window:
            continue
        if not same_matter(desk, ticket, text):
            continue
        if differs(desk, requester, ticket, text, tx.now) is not Differs.APART:
            return ticket
    return None


async def take_said_again(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    text: str,
    message_id: int | None = None,
    forwarded: bool = False,
) -> Outcome | None:
    """`text` (the message `message_id`) as a closed ticket's matter back, in the caller's
    transaction: its recurrence handed over (the caller presents it as one); None when it is
    not (see the module)."""
    if forwarded or requester.dialog_step is not None or not says_again(text):
        return None
    closed = await closed_matter(tx, desk, requester, text)
    if closed is None:
        return None
    return await hand_over_recurrence(
        tx=tx,
        desk=desk,
        requester=requester,
        closed=closed,
        text=text,
        message_id=message_id,
        said=True,
    )
