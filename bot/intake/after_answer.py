"""Words a requester says right after the bot's answer, taken as said about that answer."""

from __future__ import annotations

from bot.desk import Desk
from bot.fillers import thanks
from bot.intake import held, inquiry, offers, pending
from bot.intake.answer_asks import answer_turn
from bot.intake.asked_more import asked_aspect, covering
from bot.intake.decision import Action
from bot.intake.handing import Outcome, hand_over, record_turn
from bot.intake.reply import Reply, reply_alone
from bot.models import Requester
from bot.transaction import Transaction


async def said_after_answer(
    tx: Transaction, desk: Desk, requester: Requester, text: str
) -> Outcome | None:
    """Words said right after an answer that name no matter of their own, taken as said
    about that answer (`reply.reply_alone`): "yes" / "解决了" / "谢谢" as *Solved* pressed (the
    inquiry settled, its buttons gone; thanks are welcomed, `Outcome.thanks`); "no" / "that
    did not help" as *Not solved* (a person takes the whole inquiry: the question, the
    answer, these words); a kind of matter alone ("I want to complain", "我要投诉":
    `pending.category_in`) the same in that category; a short follow-up of the answered
    matter ("要多久能拿到?": `asked_more`) answered from its template, or handed over with it
    (`asked_of_answer`). None when the words say more: the caller reads them as a question."""
    said = reply_alone(text)
    if said is Reply.SOLVED:
        requester.inquiry = None  # settled: what they ask next is a new inquiry
        held.let_go(requester)  # answered: what they sent with it opens no ticket
        await offers.end(tx=tx, rules=desk.rules, requester=requester, ticket=None)
        return Outcome(Action.SOLVED, thanks=thanks(text))  # "谢谢": you're welcome first
    category = pending.category_in(desk.settings, text) if said is None else None
    if said is None and category is None:
        return await asked_of_answer(tx, desk, requester, text)
    if said is Reply.NOT_SOLVED:  # "not that": the answer's template decides nothing
        requester.inquiry = inquiry.rejecting(requester.inquiry or [])
    question = requester.last_question or text
    return await hand_over(
        tx=tx, desk=desk, requester=requester, question=question, category=category
    )


async def asked_of_answer(
    tx: Transaction, desk: Desk, requester: Requester, text: str
) -> Outcome | None:
    """A short follow-up right after an answer ("要多久能拿到?", "How long does it take?",
    "那要带什么材料?": `asked_more.asked_aspect`), read with the template(s) just answered
    (`requester.last_offered`, the turn of `text` already in their inquiry): the first
    sentence of an answer that says it (`asked_more.covering`), given as that template's
    answer (Outcome.excerpt); else a person takes the matter, the question the answered one
    and these words (its category and department the template's: never asked again). None
    when `text` is no such follow-up."""
    aspect = asked_aspect(text)
    ids = [t for t in (requester.last_offered or "").split(",") if t in desk.templates]
    if aspect is None or not ids:
        return None
    for template_id in ids:
        excerpt = covering(desk.answer(template_id, requester.language), aspect)
        if excerpt is not None:
            template = desk.templates[template_id]
            question = requester.last_question or text
            record_turn(requester, answer_turn(desk, template, question, requester))
            return Outcome(Action.ANSWER, template_ids=(template_id,), excerpt=excerpt)
    template = desk.templates[ids[0]]
    asked = "\n".join(w for w in (requester.last_question, text) if w)
    requester.last_question = asked
    return await hand_over(
        tx=tx,
        desk=desk,
        requester=requester,
        question=asked,
        category=template.category,
        department=template.department,
    )
