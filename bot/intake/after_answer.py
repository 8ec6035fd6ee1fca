"""Words a requester says right after the bot's answer, taken as said about that answer."""

from __future__ import annotations

from bot.desk import Desk
from bot.intake import held, inquiry, offers, pending
from bot.intake.decision import Action
from bot.intake.handing import Outcome, hand_over
from bot.intake.reply import Reply, reply_to_answer
from bot.models import Requester
from bot.transaction import Transaction


async def said_after_answer(
    tx: Transaction, desk: Desk, requester: Requester, text: str
) -> Outcome | None:
    """Words said right after an answer that name no matter of their own, taken as said
    about that answer (`reply.reply_to_answer`): "yes" / "解决了" as *Solved* pressed (the
    inquiry settled, its buttons gone); "no" / "that did not help" as *Not solved* (a person
    takes the whole inquiry: the question, the answer, these words); a kind of matter alone
    ("I want to complain", "我要投诉": `pending.category_in`) the same in that category.
    None when the words say more: the caller reads them as a question."""
    said = reply_to_answer(text)
    if said is Reply.SOLVED:
        requester.inquiry = None  # settled: what they ask next is a new inquiry
        held.let_go(requester)  # answered: what they sent with it opens no ticket
        await offers.end(tx=tx, rules=desk.rules, requester=requester, ticket=None)
        return Outcome(Action.SOLVED)
    category = pending.category_in(desk.settings, text) if said is None else None
    if said is None and category is None:
        return None
    if said is Reply.NOT_SOLVED:  # "not that": the answer's template decides nothing
        requester.inquiry = inquiry.rejecting(requester.inquiry or [])
    question = requester.last_question or text
    return await hand_over(
        tx=tx, desk=desk, requester=requester, question=question, category=category
    )
