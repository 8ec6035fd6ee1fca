"""A text with nothing of the matter while the question waits for its category
(`Action.REMIND`): the requester is reminded of the choice, never in the same words twice,
with one live set of buttons (`pending.reminder`); after the third reminder, a person takes
the question as it is, in the fallback category."""

from __future__ import annotations

from bot.classify import fallback_category
from bot.desk import Desk
from bot.intake import inquiry, offers, pending
from bot.intake.decision import Action
from bot.intake.handing import Outcome, hand_over, record_turn
from bot.intake.inquiry import Turn
from bot.models import Requester
from bot.transaction import Transaction


async def remind(
    *, tx: Transaction, desk: Desk, requester: Requester, turns: list[Turn], text: str
) -> Outcome:
    """Remind the requester, their inquiry so far `turns`, of the category choice; or, the
    third time over, hand the question waiting (else `text`) to a person."""
    requester.inquiry = turns
    reminder = pending.reminder(inquiry.reminded(turns))
    if reminder is None:
        return await hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question=requester.last_question or text,
            category=fallback_category(desk.settings),
        )
    record_turn(requester, inquiry.bot_did("remind", desk.now()))
    if reminder.shows_buttons:
        await offers.retire(tx=tx, rules=desk.rules, requester=requester)
    return Outcome(Action.REMIND, reminder=reminder)
