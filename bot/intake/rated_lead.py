"""The rating asked for, typed before a new matter (issue 14): confirmed solved in words, asked
to rate the service, the requester writes "5星,另外我家门口的路灯坏了好几天了". A clerk records
the rating, thanks them, and takes the new matter as a new first inquiry: the words after the
rating (`new_matter.rated_and_new`) are the text read on, alone. A resolution awaiting their
word reads such a lead itself (`lead.confirm_said`)."""

from __future__ import annotations

from bot import closure
from bot.desk import Desk
from bot.intake.new_matter import Led
from bot.intake.rating_typed import awaiting_rating
from bot.models import Requester, Ticket, TicketStatus
from bot.notices import Audience, Notice, publish
from bot.transaction import Transaction


async def rated_before(
    tx: Transaction, desk: Desk, requester: Requester, current: Ticket | None, led: Led
) -> bool:
    """Whether `led` is a rating leading another matter where a rating is awaited (a ticket
    confirmed solved in words lately, not yet rated) and no resolution awaits their word
    (`current` resolved reads it): then that ticket is rated and the requester thanked, and
    the caller reads `led.rest` alone."""
    if led.score is None:
        return False
    if current is not None and current.status is TicketStatus.RESOLVED:
        return False
    awaited = await awaiting_rating(tx, requester)
    if awaited is None:
        return False
    ticket = await closure.rate_and_tell(
        tx=tx, rules=desk.rules, ticket_id=awaited.id, requester_id=requester.id, score=led.score
    )
    why = {"asks_why": closure.asks_why(led.score)}
    thanked = Notice("rated", (Audience.REQUESTER,), ticket, why, requester=requester)
    await publish(tx, desk.rules, [thanked])
    return True
