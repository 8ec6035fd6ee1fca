"""A requester's button, decided (`buttons.decide_press`) and carried out: the language set,
a template's answer, the question waiting handed to a person; or, for a button whose inquiry
or choice is over, nothing but the reason why (bot/intake/offers.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.desk import Desk
from bot.intake import held, inquiry, offers
from bot.intake.answer_asks import answer_turn
from bot.intake.buttons import Press, PressAction, decide_press
from bot.intake.decision import Action
from bot.intake.earlier import answer_earlier, hand_over_earlier
from bot.intake.handing import Outcome, hand_over, record_turn, register
from bot.intake.picking import picked, picked_several
from bot.models import DialogStep, InquiryOffer, Requester, Ticket
from bot.transaction import Transaction


@dataclass(frozen=True)
class Pressed:
    """What the desk did with a requester's button, for the front to present: `action`, and
    as it needs them `template_id` (ANSWER, REGISTER), `ticket` (TICKET_IN_HAND: the ticket in
    progress, or the one that took the pressed message's inquiry; IN_TICKET: that ticket) and
    `handover` (HANDOVER, HANDOVER_IN_CATEGORY, REGISTER: what handing the question over came
    to)."""

    action: PressAction
    template_id: str | None = None
    ticket: Ticket | None = None
    handover: Outcome | None = None


async def take_press(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    press: Press | None,
    value: str,
    offer: InquiryOffer | None = None,
) -> Pressed:
    """Decide on a requester's button (`buttons.decide_press`) and carry it out in the
    caller's transaction: the language set, or the question waiting handed to a person
    (`hand_over`). `current` is their ticket in progress, if any; `press` None for data that is
    no button of ours, `value` the button's word ("" if it has none); `offer` the record of
    the pressed message, if it is one (`offers.of`)."""
    step = DialogStep(requester.dialog_step) if requester.dialog_step else None
    ended = offer is not None and offer.ended_at is not None
    taken = None
    if offer is not None and ended and offer.ticket_id is not None:
        taken = await tx.session.get(Ticket, offer.ticket_id)
    action = decide_press(
        earlier=offer is not None and offer.inquiry is not None,
        press=press,
        value=value,
        languages=desk.texts.supported,
        templates=desk.templates,
        categories={c.key for c in desk.settings.categories},
        step=step,
        question_waiting=bool(requester.last_question),
        ticket_in_progress=current is not None,
        needing_person={t.id for t in desk.templates.values() if t.needs_person},
        inquiry_in_progress=bool(requester.inquiry),
        ended=ended,
        taken=taken is not None,
    )
    if action is PressAction.EARLIER_HANDOVER and offer is not None:
        # Under an older answer: that question to a person, the one in progress untouched.
        outcome = await hand_over_earlier(tx=tx, desk=desk, requester=requester, offer=offer)
        return Pressed(action, handover=outcome)
    if action is PressAction.EARLIER_ANSWER and offer is not None:
        return await earlier_answer(
            tx=tx, desk=desk, requester=requester, offer=offer, value=value
        )
    if action is PressAction.EARLIER_SOLVED and offer is not None:
        offer.inquiry = None  # settled: its buttons go (the front drops them)
        return Pressed(action)
    if action in (PressAction.IN_TICKET, PressAction.NO_LONGER_OPEN):
        return Pressed(action, ticket=taken)
    if action is PressAction.TICKET_IN_HAND and taken is not None:
        return Pressed(action, ticket=taken)  # a person, please, on a question in a ticket
    question = requester.last_question or ""
    if action is not PressAction.SET_LANGUAGE and requester.inquiry:
        requester.inquiry = (
            inquiry.current(requester.inquiry, now=desk.now(), waiting=step is not None) or None
        )
    match action:
        case PressAction.SET_LANGUAGE:
            requester.language, requester.language_chosen = value, True
        case PressAction.ANSWER | PressAction.REGISTER:
            template = desk.templates[value]
            record_turn(requester, answer_turn(desk, template, question, requester))
            if action is PressAction.REGISTER:
                outcome = await register(
                    tx=tx, desk=desk, requester=requester, template=template, question=question
                )
                return Pressed(action, template_id=value, handover=outcome)
            return Pressed(action, template_id=value)
        case PressAction.TICKET_IN_HAND:
            return Pressed(action, ticket=current)
        case PressAction.SOLVED:
            requester.inquiry = None  # settled: what they ask next is a new inquiry
            held.let_go(requester)  # answered: what they sent with it opens no ticket
            await offers.end(tx=tx, rules=desk.rules, requester=requester, ticket=None)
        case PressAction.HANDOVER | PressAction.HANDOVER_IN_CATEGORY:
            if action is PressAction.HANDOVER:
                # *Not solved*, "none of these": what the bot answered or offered is not it.
                requester.inquiry = inquiry.not_that(requester.inquiry or [], desk.now())
            category = value if action is PressAction.HANDOVER_IN_CATEGORY else None
            outcome = await hand_over(
                tx=tx, desk=desk, requester=requester, question=question, category=category
            )
            return Pressed(action, handover=outcome)
    return Pressed(action)


async def earlier_answer(
    *, tx: Transaction, desk: Desk, requester: Requester, offer: InquiryOffer, value: str
) -> Pressed:
    """A suggestion pressed under a "did you mean" set aside for a new matter
    (bot/intake/after_offer.py): that template's answer, for the older question
    (`earlier.answer_earlier`); one that needs a person hands that question over with it."""
    done = await answer_earlier(tx=tx, desk=desk, requester=requester, offer=offer, chosen=value)
    if done is not None:
        return Pressed(PressAction.EARLIER_HANDOVER, template_id=value, handover=done)
    return Pressed(PressAction.EARLIER_ANSWER, template_id=value)


def _offered(desk: Desk, requester: Requester) -> list[str]:
    """The templates "did you mean" offers while that is the bot's last turn, in the order
    shown; none otherwise."""
    turns = requester.inquiry or []
    if not turns or turns[-1].get("did") != "suggest":
        return []
    return [t for t in (requester.last_offered or "").split(",") if t in desk.templates]


def names_offer(desk: Desk, requester: Requester, text: str) -> bool:
    """Whether `text` names an option of "did you mean" still the bot's last turn, or
    several, or none of them (`picking.picked`): the choice, not words for a ticket."""
    offered = _offered(desk, requester)
    if not offered:
        return False
    return picked(text, len(offered)) is not None or bool(picked_several(text, len(offered)))


async def offer_named(
    tx: Transaction, desk: Desk, requester: Requester, current: Ticket | None, text: str
) -> Outcome | None:
    """An option of "did you mean" named in words while the suggestions are the bot's last
    turn ("第二个", "the last one", "都不是": `picking.picked`): carried out exactly as a press
    of its button (`pressing.take_press`): that template's answer (and its ticket, when it
    needs a person), or for none of them the question to a person. None when the text names
    no offered option (or no suggestions are live): the caller reads it as a question.
    Several named at once ("第二个和第三个"): each one's answer (`_several_named`)."""
    offered = _offered(desk, requester)
    if not offered:
        return None
    several = picked_several(text, len(offered))
    if several is not None:
        return await _several_named(tx, desk, requester, current, [offered[i] for i in several])
    pick = picked(text, len(offered))
    if pick is None:
        return None
    press, value = (Press.PERSON, "")
    if pick.index is not None:
        press, value = Press.ANSWER, offered[pick.index]
    done = await take_press(
        tx=tx, desk=desk, requester=requester, current=current, press=press, value=value
    )
    if done.action is PressAction.ANSWER:
        return Outcome(Action.ANSWER, template_ids=(value,))
    # Used up, as the pressed message's buttons are (the front drops them on a press): gone
    # here too when the question still waits for its category.
    await offers.retire(tx=tx, rules=desk.rules, requester=requester)
    return done.handover  # REGISTER, HANDOVER: what handing the question over came to


async def _several_named(
    tx: Transaction, desk: Desk, requester: Requester, current: Ticket | None, chosen: list[str]
) -> Outcome:
    """Several offered options named at once: a clerk gives each answer asked for, in the
    order named, with one *Solved* / *Not solved* for them all (the staff's card lists each
    answer if a person is still wanted). When one of them says a person must act on the
    matter, the others' answers come first and that one is carried out as its button
    pressed (its answer, its details asked for, its ticket)."""
    needing = [t for t in chosen if desk.templates[t].needs_person]
    answered = [t for t in chosen if t not in needing[:1]]
    requester.inquiry = inquiry.current(requester.inquiry or [], now=desk.now(), waiting=False)
    for template_id in answered:
        record_turn(requester, answer_turn(desk, desk.templates[template_id]))
    if needing:
        done = await take_press(
            tx=tx,
            desk=desk,
            requester=requester,
            current=current,
            press=Press.ANSWER,
            value=needing[0],
        )
        assert done.handover is not None
        await offers.retire(tx=tx, rules=desk.rules, requester=requester)
        return replace(done.handover, template_ids=tuple(answered))
    requester.last_offered = ",".join(answered)
    return Outcome(Action.ANSWER, template_ids=tuple(answered))
