"""*Not solved* pressed under an older answer: a requester asked one thing, was answered, asked
another (a new matter, `new_matter.starts_anew`), and then says the first answer did not
help. A clerk takes the first question to a person, the one the answer was about, and says
so; the question in progress stays as it was, its buttons live.

The older inquiry's turns were kept with its answer's message when the new matter took its
place (`offers.set_aside`); here they become the ticket's first inquiry (the answer marked
rejected, the press recorded), in the category their words or a close template name, else the
fallback one (a person takes it now: a clerk does not make them choose a kind for an old
question while a new one is going on)."""

from __future__ import annotations

from dataclasses import replace

from bot.desk import Desk
from bot.intake import inquiry, offers
from bot.intake.answer_asks import answer_turn
from bot.intake.close import Matter
from bot.intake.handing import Outcome, hand_over
from bot.intake.own_kind import matter_said
from bot.models import InquiryOffer, Requester
from bot.transaction import Transaction


async def hand_over_earlier(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    offer: InquiryOffer,
    turns: list[inquiry.Turn] | None = None,
) -> Outcome:
    """The inquiry set aside with `offer` (its turns) to a person, in the caller's
    transaction; the requester's inquiry in progress, its question and its buttons as they
    were. The outcome's `about` is the older question, for the requester to read which one
    the ticket took; each message of that inquiry is marked taken by the ticket (a second press on
    any of them: in ticket, `offers.take_aside`). `turns`: the inquiry's turns as handed over
    (a suggestion of it answered, `answer_earlier`); else those kept, the offer rejected."""
    turns = turns or inquiry.not_that(offer.inquiry or [], desk.now())
    question = inquiry.words(turns)
    kept = (requester.inquiry, requester.last_question, requester.last_offered)
    step = requester.dialog_step
    requester.inquiry, requester.last_question, requester.last_offered = turns, question, None
    matter = Matter(desk, turns, question)
    outcome = await hand_over(
        tx=tx,
        desk=desk,
        requester=requester,
        question=question,
        category=matter.filed_category(),
        matter=matter,
        earlier=True,
    )
    requester.inquiry, requester.last_question, requester.last_offered = kept
    requester.dialog_step = step
    # Its ticket, or past the open-ticket limit the one its words were kept in.
    taken = outcome.ticket or outcome.kept_in
    if taken is not None:
        # Each message of it, not the pressed one alone: no press under it files it twice.
        await offers.take_aside(
            tx=tx, rules=desk.rules, requester=requester, offer=offer, ticket=taken
        )
    # What it is about, as the requester reads it: their words of the matter, no greetings.
    return replace(outcome, about=matter_said(turns) or question)


async def answer_earlier(
    *, tx: Transaction, desk: Desk, requester: Requester, offer: InquiryOffer, chosen: str
) -> Outcome | None:
    """A suggestion `chosen` pressed under a "did you mean" set aside for a new matter
    ("公积金怎么提取" offered, then "公司拖欠我三个月工资" its own ticket, then "租房提取" pressed
    under the first): a clerk answers the older question with it, the matter in progress
    untouched. The answer joins the inquiry set aside (`offers.answered_aside`), so that "none
    of these" pressed later hands it over with what was answered; None, the answer to be shown.
    A template that needs a person (a complaint) hands that inquiry over at once, its answer
    given (the outcome's `answered`), as its press on a live offer registers it."""
    template = desk.templates[chosen]
    turns = [*(offer.inquiry or []), answer_turn(desk, template)]
    if not template.needs_person:
        await offers.answered_aside(tx=tx, requester=requester, offer=offer, turns=turns)
        return None
    outcome = await hand_over_earlier(
        tx=tx, desk=desk, requester=requester, offer=offer, turns=turns
    )
    return replace(outcome, answered=chosen)
