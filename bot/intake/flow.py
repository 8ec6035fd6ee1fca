"""The first inquiry as a flow: a requester's text in, the desk's decision carried out in the
caller's transaction, and what to tell whom returned as plain values for the front to present.

The decision itself is `bot.intake.decision`; this module reads and writes what it needs: the
requester's dialog step and last question, the knowledge base, their open tickets, and the new
ticket with its bot note, its staff group and its alerts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot import conversation, metrics, requesters, tickets
from bot.classify import fallback_category, infer_category
from bot.desk import Desk
from bot.excerpt import question_values
from bot.intake import held
from bot.intake.decision import (
    Action,
    Handover,
    Press,
    PressAction,
    after_match,
    before_match,
    decide_press,
    handover,
    has_words,
    is_vague,
    question_of,
    wants_person,
)
from bot.models import DialogStep, Requester, Ticket
from bot.notices import Audience, Notice, publish
from bot.transaction import Transaction
from knowledge.matcher import Band


@dataclass(frozen=True)
class Outcome:
    """What the desk did with an inquiry, for the front to present.

    `action` is an `Action` or, for a question handed to a person, a `Handover`. The other
    fields are filled as the action needs them: `ticket` (INTO_TICKET: the ticket in progress;
    OPEN: the new one), `template_ids` (ANSWER: one; SUGGEST: up to three), `open_tickets`
    (TOO_MANY), `attempts` and `earlier` (OPEN: the questions of the templates the bot offered,
    and the requester's five latest other tickets, for the staff's card).
    """

    action: Action | Handover
    ticket: Ticket | None = None
    template_ids: tuple[str, ...] = ()
    open_tickets: int = 0
    attempts: tuple[str, ...] = ()
    earlier: tuple[Ticket, ...] = field(default=())


async def take_text(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    text: str,
) -> Outcome:
    """Decide on a text a requester wrote in their private chat, in the caller's transaction.

    `current` is the requester's ticket in progress (or resolved awaiting their word), if any.
    INTO_TICKET changes nothing here: the front files the message with its media under the
    ticket (`conversation.add_requester_message`) and copies it to the staff.
    """
    text = text.strip()
    step = DialogStep(requester.dialog_step) if requester.dialog_step else None
    person = wants_person(text)
    decided = before_match(
        step=step,
        ticket_in_progress=current is not None,
        asks_for_person=person,
        words=has_words(text),
    )
    if decided in (Action.INTO_TICKET, Action.NO_WORDS):
        return Outcome(decided, ticket=current)
    if decided is Action.HANDOVER:
        return await hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question=requester.last_question or text,
            category=None,
        )
    if person and requester.last_question:
        question = requester.last_question  # "人工" adds nothing to what they asked
    else:
        question = question_of(step=step, earlier=requester.last_question, text=text)
    requester.last_question = question
    requester.dialog_step = None
    if decided is Action.FALLBACK:
        return await hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question=question,
            category=fallback_category(desk.settings),
        )
    language = requester.language
    matches = desk.matcher.search(question, language, limit=3)
    band = desk.matcher.band(matches)
    metrics.MATCHER_BANDS.labels(band=band.value).inc()
    action = after_match(step=step, band=band, vague=is_vague(text))
    # What the bot offers is what the staff's card lists if the requester still wants a
    # person: the one answer it gave, or the templates it suggested; nothing otherwise.
    requester.last_offered = None
    if action is Action.ANSWER:
        requester.last_offered = matches[0].template_id
        return Outcome(action, template_ids=(matches[0].template_id,))
    if action is Action.SUGGEST:
        offered = tuple(m.template_id for m in matches if m.template_id in desk.templates)
        requester.last_offered = ",".join(offered) or None
        return Outcome(action, template_ids=offered)
    if action is Action.CLARIFY:
        requester.dialog_step = DialogStep.CLARIFY
        return Outcome(action)
    return await hand_over(tx=tx, desk=desk, requester=requester, question=question, category=None)


@dataclass(frozen=True)
class Pressed:
    """What the desk did with a requester's button, for the front to present: `action`, and
    as it needs them `template_id` (ANSWER), `ticket` (TICKET_IN_HAND: the ticket in progress)
    and `handover` (HANDOVER, HANDOVER_IN_CATEGORY: what handing the question over came to)."""

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
) -> Pressed:
    """Decide on a requester's button (`decision.decide_press`) and carry it out in the
    caller's transaction: the language set, or the question waiting handed to a person
    (`hand_over`). `current` is their ticket in progress, if any; `press` None for data that is
    no button of ours, `value` the button's word ("" if it has none)."""
    step = DialogStep(requester.dialog_step) if requester.dialog_step else None
    action = decide_press(
        press=press,
        value=value,
        languages=desk.texts.supported,
        templates=desk.templates,
        categories={c.key for c in desk.settings.categories},
        step=step,
        question_waiting=bool(requester.last_question),
        ticket_in_progress=current is not None,
    )
    question = requester.last_question or ""
    match action:
        case PressAction.SET_LANGUAGE:
            requester.language = value
        case PressAction.SOLVED:
            held.let_go(requester)  # answered: what they sent with it opens no ticket
        case PressAction.ANSWER:
            return Pressed(action, template_id=value)
        case PressAction.TICKET_IN_HAND:
            return Pressed(action, ticket=current)
        case PressAction.HANDOVER | PressAction.HANDOVER_IN_CATEGORY:
            category = value if action is PressAction.HANDOVER_IN_CATEGORY else None
            outcome = await hand_over(
                tx=tx, desk=desk, requester=requester, question=question, category=category
            )
            return Pressed(action, handover=outcome)
    return Pressed(action)


def _close_template_category(desk: Desk, question: str) -> str | None:
    """The category of the template the question came close to (if not close enough to be
    answered): what kind of case it is, when no cue word says."""
    matches = desk.matcher.search(question, None, limit=1)
    close = bool(matches) and desk.matcher.band(matches) is not Band.HANDOVER
    template = desk.templates.get(matches[0].template_id) if close else None
    return template.category if template else None


def _attempts(desk: Desk, requester: Requester) -> tuple[str, ...]:
    """The questions of the templates the bot offered, as the staff read them."""
    language = desk.settings.languages.default
    offered = [t for t in (requester.last_offered or "").split(",") if t in desk.templates]
    return tuple(desk.templates[t].title(language) for t in offered)


async def hand_over(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    question: str,
    category: str | None,
) -> Outcome:
    """Hand a question to a person, in the caller's transaction: open a ticket in `category`
    (None: the category its cue words or a close template name), with the bot's note of what
    it offered, its alerts stored for sending and its staff group set; or first ask for the
    category; or refuse past the open-ticket limit (config `abuse.open_tickets`). The new
    ticket's card is published for its staff group (`card_notice`)."""
    session = tx.session
    if category is None:
        category = infer_category(
            desk.settings, question, lambda: _close_template_category(desk, question)
        )
    open_count = await requesters.count_open(session=session, requester_id=requester.id)
    decided = handover(
        category=category,
        open_tickets=open_count,
        open_ticket_limit=desk.settings.abuse.open_tickets,
    )
    if decided is Handover.TOO_MANY:
        requester.dialog_step = None
        return Outcome(decided, open_tickets=open_count)
    if decided is Handover.ASK_CATEGORY or category is None:
        requester.dialog_step = DialogStep.CATEGORY
        requester.last_question = question
        return Outcome(Handover.ASK_CATEGORY)
    now = desk.now()
    opened = await tickets.open_ticket(
        session=session,
        rules=desk.rules,
        requester_id=requester.id,
        question=question,
        category=category,
        now=now,
    )
    ticket = opened.ticket
    # Keyword and surge alerts for the supervisors: stored with the ticket.
    await tx.publish(opened.alerts)
    attempts = _attempts(desk, requester)
    if attempts:
        conversation.add_bot_note(
            session=session, ticket_id=ticket.id, text="; ".join(attempts), now=now
        )
    requester.dialog_step = requester.last_question = requester.last_offered = None
    earlier = [
        t
        for t in await tickets.list_for_requester(session=session, requester_id=requester.id)
        if t.id != ticket.id
    ][:5]
    # The card's group now; its message id once Telegram has the card.
    ticket.staff_chat_id = desk.settings.department(
        ticket.handling_department_key
    ).staff_group_chat_id
    attachments = len(held.held(requester))
    await publish(tx, desk.rules, [card_notice(desk, ticket, attempts, earlier, attachments)])
    # What they sent with the question (photos, files), filed and relayed after the card.
    await held.file_held(tx=tx, rules=desk.rules, requester=requester, ticket=ticket)
    return Outcome(decided, ticket=ticket, attempts=attempts, earlier=tuple(earlier))


def card_notice(
    desk: Desk,
    ticket: Ticket,
    attempts: tuple[str, ...],
    earlier: list[Ticket],
    attachments: int = 0,
) -> Notice:
    """The new ticket's card for its staff group (`ticket_card`; the front adds Claim): its
    category and priority by name, the question (`bot.excerpt.question_values`: whole, or
    its start and its length when a card cannot hold it), what the bot offered
    (`attempts`), the requester's earlier tickets (`earlier`: id and status each) and how
    many photos or files came with the question (`attachments`)."""
    names = desk.names(desk.settings.languages.default)
    values = {
        "category": names["categories"][ticket.category],
        "priority": names["priorities"][ticket.priority],
        **question_values(ticket.question),
        "attempts": list(attempts),
        "attachments": attachments,
        "earlier": [{"id": t.id, "status": str(t.status)} for t in earlier],
    }
    return Notice(
        "ticket_card",
        (Audience.DEPARTMENT_GROUP,),
        ticket,
        values,
        departments=(ticket.handling_department_key,),
    )
