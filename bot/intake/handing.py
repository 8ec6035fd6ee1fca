"""A question handed to a person: the ticket the first inquiry becomes, opened in the caller's
transaction with the inquiry whole (its words, its turns, what the bot offered), routed to its
department (config `routing`), its card published for the staff group; or the category asked
for first; or refused past the open-ticket limit. `Outcome` is what the desk did with an
inquiry, for the front to present (`bot.intake.flow.take_text` and the buttons' presses).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot import address, conversation, details, hazard, peril_needs, requesters, tickets
from bot.dangers import of_tickets
from bot.desk import Desk
from bot.incident_reports import reports_of
from bot.intake import held, ignored_heard, inquiry, offers, past_limit
from bot.intake.card import Earlier, card_notice, others_for_card
from bot.intake.close import Matter, area_matter, matter_words, topic
from bot.intake.decision import Action, Handover, handover, route
from bot.intake.pending import Reminder
from bot.kinds import BOT_OFFERED
from bot.models import DialogStep, Incident, Requester, Ticket
from bot.notices import Audience, publish
from bot.priority import emergency_words
from bot.transaction import Transaction
from knowledge.templates import CaseTemplate


@dataclass(frozen=True)
class Outcome:
    """What the desk did with an inquiry, for the front to present.

    `action` is an `Action` or, for a question handed to a person, a `Handover`. The other
    fields are filled as the action needs them: `ticket` (INTO_TICKET: the ticket in progress;
    OPEN: the new one), `template_ids` (ANSWER: one, or each of several options named at
    once; SUGGEST: up to three; OPEN after several named: the answers given before the one
    that needs a person), `open_tickets` (TOO_MANY), `attempts` and `earlier` (OPEN: the
    questions of the templates the bot offered, and the requester's five latest other
    tickets, for the staff's card), `answered` (OPEN or TOO_MANY after a template that needs
    a person, Action.REGISTER: that template's id, whose answer the requester gets first).
    """

    action: Action | Handover
    ticket: Ticket | None = None
    template_ids: tuple[str, ...] = ()
    open_tickets: int = 0
    attempts: tuple[str, ...] = ()
    earlier: tuple[Earlier, ...] = field(default=())  # id and status each
    answered: str | None = None
    # REGISTER: the kinds of detail the requester's words already gave (`details.given`):
    # not asked for again, said to be noted.
    given: frozenset[str] = frozenset()
    place: str | None = None  # REGISTER: an estate or a road named alone (`address.part_named`)
    # OPEN of an older inquiry (*Not solved* under an older answer, bot/intake/earlier.py):
    # its question, which the requester is told the ticket is about.
    about: str | None = None
    # ASK_MATTER: they asked for a person (else for a kind of service); INTO_TICKET: the
    # words only ask for a person (the ticket in hand already waits for or has one).
    person: bool = False
    upset: bool = False  # ASK_MATTER: the words only vented anger (`openers.outburst`)
    # ASK_ABOUT: another forward, joined to those already asked about; MORE: a forward
    # right after another, added to the question too.
    more: bool = False
    typed: bool = False  # ASK_ABOUT: a notice they typed (`announcement`), not forwarded
    reminder: Reminder | None = None  # REMIND: which reminder (`pending.reminder`)
    edited: bool = False  # MORE: an edit of the question applied (else words added to it)
    forwarded: bool = False  # MORE: a forward added to it (its kind not decided by it)
    # MORE: words added in a row after others just acknowledged: kept, no reply (the first of
    # a run is acknowledged, `bot.intake.wait_more.in_a_row`).
    quiet: bool = False
    thanks: bool = False  # COURTESY, SOLVED: the words were thanks (else "ok" and the like)
    asks_why: bool = False  # RATED: the rating was low, what went wrong is asked (dissatisfied)
    # CLARIFY: asked before, still nothing of the matter; NO_WORDS: the second message
    # without words in a row (`wordless.in_a_row`), said otherwise.
    again: bool = False
    # An emergency said (Action.EMERGENCY, or into a ticket: INTO_TICKET): the requester is
    # told the emergency numbers first (`bot.intake.emergency`).
    emergency: bool = False
    dangers: tuple[str, ...] = ()  # the kinds of danger heard, for the numbers that fit
    # An emergency whose place nothing told: the front asks exactly where, after the numbers.
    ask_place: bool = False
    # INTO_TICKET of a danger: the ticket was not raised (already that urgent, or no longer
    # worked on), its supervisors only alerted.
    alerted_only: bool = False
    # INTO_TICKET: `ticket` was chosen among those in hand for its matter or the details it
    # waits for (bot/intake/whose.py), not taken as the latest.
    settled: bool = False
    # NO_WORDS: what the text without words is (`bot.intake.wordless`), worded for its kind;
    # the bot's question it leaves waiting, asked again (`wordless.waited`; "": none).
    wordless: str = ""
    waiting: str = ""
    # One of two questions in one message answered, the other not (bot/intake/second.py):
    # the words of the one the knowledge base could not answer, which a person takes.
    unanswered: str | None = None
    # OPEN, ASK_CATEGORY or TOO_MANY of a matter reported beside a question the knowledge
    # base only came close to (bot/intake/two_matters.py): the templates offered for it.
    offered: tuple[str, ...] = ()
    # INTO_TICKET of words taking a withdrawal back (bot/intake/taken_back.py): the ticket
    # is in hand again and they were told so; filed without "added".
    taken_back: bool = False
    # INTO_TICKET of a complaint or report opener said alone beside `ticket` ("我要投诉"):
    # the requester is asked whether it is about that ticket or a new matter (whose.py).
    unsure: bool = False
    # OPEN of words asking how their own case under way stands (bot/intake/close_status.py):
    # they are told only staff can look a case up, which is why a person takes it.
    own_case: bool = False
    # ANSWER of a short follow-up on the answer just given ("要多久能拿到?"): the sentence of
    # its template's answer that says it (bot/intake/asked_more.py), given alone.
    excerpt: str | None = None
    # ANSWER of words that only complete the question the answer just given settles ("社保卡
    # 丢了" answered, then "怎么补办": bot/intake/gathered.py): that answer is not sent twice;
    # the requester is pointed to it above, whose buttons are still the live ones.
    above: bool = False
    # RATED (bot/intake/rating_typed.py): "ticket" (`ticket` rated), "answer" / "answer_low"
    # (said of the answer just given), "none" (nothing awaits a rating).
    rated: str = ""
    # OPEN after a template that needs a person (Action.REGISTER), urgent for a vulnerable
    # person at home without heating (`peril_needs.exposure`): the template's self-help
    # answer ("check the valves, bleed the radiators") is not given; the promise says what
    # happens next (the details the template asks for stay).
    exposed: bool = False
    # OPEN of voice notes alone, the second in a row (bot/intake/spoken.py): they are told
    # a staff member will listen to them and reply.
    spoken: bool = False
    # OPEN: the incident, open before, the new ticket joined (a report of its event at its
    # place, bot/incidents.py); after a template that needs a person (Action.REGISTER) its
    # generic answer is not given: the incident's latest update is what they hear.
    incident: int | None = None
    # OPEN: their words complain of the service, not yet apologised for (`ignored_heard`).
    sorry: bool = False
    # OPEN of words complaining of the service, ignored or angry (bot/intake/ignored_heard.py):
    # the supervisors were told and their alert says the requester was; the promise says so.
    supervised: bool = False
    # TOO_MANY: the latest open ticket their words were filed in (bot/intake/past_limit.py).
    kept_in: Ticket | None = None

    @property
    def known_event(self) -> bool:
        """Whether the ticket is a report of an event already known (it joined `incident`,
        no danger of its own): its promise says so and that the incident's updates will reach
        them, and asks none of the details its template lists (the place and the time are
        the incident's; "when did it begin?" is a first report's question)."""
        return self.incident is not None and not self.emergency


# Why an answer was withheld (`inquiry.withholding`): a vulnerable person in a cold home; a
# report of an open incident's event, which hears the incident's update instead, or, none
# posted yet, that the event is known and its updates will reach them.
EXPOSED = "exposed"
INCIDENT = "incident"
INCIDENT_KNOWN = "incident_known"


def record_turn(requester: Requester, turn: inquiry.Turn) -> None:
    """A turn added to the requester's first inquiry (a new list: the JSON column is
    written when it is assigned)."""
    requester.inquiry = [*(requester.inquiry or ()), turn]


async def register(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    template: CaseTemplate,
    question: str,
    emergency: bool = False,
) -> Outcome:
    """The answer of a template that needs a person (`CaseTemplate.handling`), and at once a
    ticket in the template's category and department (Action.REGISTER): the requester need
    not ask for a person, nor pick a category. The details it asks for that the requester's
    words or what they sent with them (`held.carries`) give are `given`: said noted, not asked
    for. A template with a `priority` (one whose
    answer promises an emergency: urgent) opens the ticket at least that urgent, unless the
    question only supposes or asks how to deal with the matter ("How do I report a gas leak
    if I ever smell one?", `hazard.supposed`): a danger said now raises it anyway. A ticket
    urgent for a vulnerable person without heating (`peril_needs.exposure` of their own
    words) is `exposed`: its promise, not the template's self-help answer, is what they hear."""
    supposed = hazard.supposed(question)
    carries = held.carries(requester)  # before the ticket takes what is held
    own = inquiry.own_words(requester.inquiry) if requester.inquiry else question
    # A freezing 85-year-old is not told to bleed the radiators first: the urgent ticket. The
    # inquiry the ticket takes says so (the answer matched, not sent), not that it was given.
    cold = bool(peril_needs.exposure(own))
    if cold and requester.inquiry:
        requester.inquiry = inquiry.withholding(requester.inquiry, EXPOSED)
    outcome = await hand_over(
        tx=tx,
        desk=desk,
        requester=requester,
        question=question,
        category=template.category,
        department=template.department,
        priority=None if supposed else template.priority,
        priority_from=None if supposed else template.title(desk.settings.languages.default),
        emergency=emergency,
        admitted=cold,  # urgent: never kept out for their other open tickets, as a danger
        answering=True,
    )
    words = outcome.ticket.question if outcome.ticket is not None else question
    exposed = outcome.ticket is not None and cold
    if cold and not exposed and requester.inquiry:  # no ticket: the answer given after all
        requester.inquiry = inquiry.withholding(requester.inquiry, None)
    given = details.stated(words) | carries  # their words, and a photo or place sent with them
    place = address.named_alone(words, carries)
    return replace(outcome, answered=template.id, given=given, place=place, exposed=exposed)


def _attempts(desk: Desk, requester: Requester) -> tuple[str, ...]:
    """The questions of the templates the bot offered in the first inquiry, as the staff read
    them (from `last_offered` for an inquiry begun before turns were kept)."""
    if requester.inquiry:
        return tuple(inquiry.offered(requester.inquiry))
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
    department: str | None = None,
    priority: str | None = None,
    priority_from: str | None = None,
    emergency: bool = False,
    matter: Matter | None = None,
    earlier: bool = False,
    admitted: bool = False,
    answering: bool = False,
    complaint_about: int | None = None,
) -> Outcome:
    """Hand a question to a person, in the caller's transaction: open a ticket in `category`
    (None: the category its cue words or a close template name) for `department` (None: as
    config `routing` says, `decision.route`), with the requester's first inquiry whole (its
    question is all their words in it, `inquiry.words`, else `question`; its turns kept on the
    ticket), the bot's note of what it offered, its alerts stored for sending and its staff
    group set; or first ask for the category; or refuse past the open-ticket limit (config
    `abuse.open_tickets`). The new ticket's card is published for its staff group
    (`card_notice`). `priority`: at least this priority (None: the lowest), set by the
    template titled `priority_from` (`tickets.open_ticket`); keywords may raise it.
    `emergency`: a danger to people said (`bot.intake.emergency`): no open-ticket limit
    keeps it from a person. `matter`: the caller's `Matter` of the requester's inquiry and
    this `question`, when it has one (its close template is searched once, not again here).
    `earlier`: the inquiry is an older one set aside (bot/intake/earlier.py): the buttons and
    the media of the one in progress are not its. `admitted`: the question was let in under
    the open-ticket limit when its kind of matter was asked (so is one whose kind waits, the
    requester's step CATEGORY): settling its kind (a button, a name typed, "人工", the
    sweep's fallback, `bot.intake.unchosen`) never refuses it for a ticket of theirs opened
    or reopened meanwhile (issue 14: the sweep dropped it, unsaid). The limit keeps a flood
    of new questions out; a question already in is finished, as a clerk finishes the slip
    in hand. `answering`: a template's answer goes with the ticket (`register`), marked
    withheld on its inquiry when the ticket joins an open incident (`Outcome.incident`:
    the front gives no generic answer then). `complaint_about`: the member of staff it
    complains of, kept confidential: from its staff group but its card (bot/supervised.py)."""
    session = tx.session
    # The whole inquiry says what the matter is: details sent after an answer name no
    # category, the question they follow does.
    turns = requester.inquiry or []
    matter = matter or Matter(desk, turns, question)
    words = matter.words
    # Their own words (not a notice's or a forward's: "停水" passed on is not their emergency)
    # read for a danger to people on every path that opens a ticket (a recurrence, a press,
    # words after an answer): urgent, marked, the numbers told first, never refused.
    own = inquiry.own_words(turns) if turns else question
    danger = bool(own and emergency_words(desk.rules, own))
    emergency = emergency or danger
    if category is None:  # its words' kind; else, ignored however often they tried, a complaint
        category = matter.category() or ignored_heard.category(desk.settings, own)
    # A requester first seen in this transaction (not yet written: no id) has no tickets.
    open_count = (
        0
        if requester.id is None
        else await requesters.count_open(session=session, requester_id=requester.id)
    )
    # An emergency is never refused for the requester's other open tickets, nor a question
    # let in when its kind was asked.
    admitted = admitted or requester.dialog_step == DialogStep.CATEGORY
    decided = handover(
        category=category,
        open_tickets=open_count,
        open_ticket_limit=open_count + 1
        if emergency or admitted
        else desk.settings.abuse.open_tickets,
    )
    if decided is Handover.TOO_MANY:  # kept in their latest open ticket, not refused
        requester.dialog_step = None
        kept_in = await past_limit.keep_in_latest(
            tx=tx, rules=desk.rules, requester=requester, question=question, earlier=earlier
        )
        return Outcome(decided, open_tickets=open_count, kept_in=kept_in)
    if decided is Handover.ASK_CATEGORY or category is None:
        requester.dialog_step = DialogStep.CATEGORY
        requester.last_question = question
        record_turn(requester, inquiry.bot_did("category", desk.now()))
        return Outcome(Handover.ASK_CATEGORY)
    now = desk.now()
    settings = desk.settings
    attempts = _attempts(desk, requester)
    # The requester's dialog is over, cleared before their row is first written (a first
    # contact's: `identified`) and the ticket's with its inquiry and card group: each row
    # written once, not written and then changed.
    requester.dialog_step = requester.last_question = requester.last_offered = None
    requester.inquiry = None
    requester_id = await requesters.identified(session=session, requester=requester)
    department = department or route(
        template_department=matter.department(category),
        category=category,
        by_category=settings.routing.categories,
        default=settings.home_department,
        topic_department=matter.topic_department(),
    )
    opened = await tickets.open_ticket(
        session=session,
        rules=desk.rules,
        requester_id=requester_id,
        question=words,  # every word; each turn also whole on ticket.inquiry
        category=category,
        now=now,
        department=department,
        priority=ignored_heard.raised(settings, priority, own),  # ignored: raised
        priority_from=priority_from,
        inquiry=turns or None,
        # The card's group now; its message id once Telegram has the card.
        staff_chat_id=settings.department(department).staff_group_chat_id,
        # Their own words, not a notice's or a forward's: "停水" passed on is not their emergency.
        priority_words=own if turns else None,
        topic=lambda text: topic(desk.matcher, text, desk.templates),
        area=lambda found: area_matter(desk.templates, found),
        matter_words=matter_words,
        complaint_about=complaint_about,  # before any alert: never to the one complained of
    )
    ticket = opened.ticket
    joined = await session.get(Incident, opened.joined) if opened.joined is not None else None
    updated = opened.updated  # not an earlier rescue to someone trapped now
    if answering and joined is not None and ticket.inquiry:
        # The template's answer about to go with it is not sent: the incident's update is,
        # or, none yet, that the event is known (the card says which).
        why = INCIDENT if updated else INCIDENT_KNOWN
        # A report of the known event is asked none of its details (`Outcome.known_event`).
        ticket.inquiry = inquiry.withholding(ticket.inquiry, why, asked=danger)
    # The inquiry's buttons (an answer's, suggestions, the category choice) are used up.
    if not earlier:
        await offers.end(tx=tx, rules=desk.rules, requester=requester, ticket=ticket)
    # Keyword and surge alerts for the supervisors: stored with the ticket. What a surge tells
    # requesters (an incident's latest update to one joining it) goes after all else, after
    # the promise of their own ticket the caller publishes.
    told = [m for m in opened.alerts if m.audience == Audience.REQUESTER]
    await tx.publish([m for m in opened.alerts if m not in told])
    await tx.publish(told, last=True)
    if attempts:
        conversation.add_bot_note(
            session=session,
            ticket_id=ticket.id,
            text="; ".join(attempts),
            now=now,
            content_type=BOT_OFFERED,
        )
    others = await others_for_card(session, ticket)
    kept = [] if earlier else [item.kind for item in held.held(requester)]
    marked = (await of_tickets(session, [ticket.id])).get(ticket.id, [])
    reports = await reports_of(session, ticket.incident_id)
    card = card_notice(
        desk, ticket, attempts, others, len(kept), kept, dangers=marked, reports=reports
    )
    await publish(tx, desk.rules, [card])
    # A complaint about a member of staff is alerted by its taker, as the complaint about
    # them it is, once a supervisor has it (bot/intake/staff_complaint.py): its anger is not
    # alerted here too, as a ticket nobody claimed (issue 14).
    supervised = complaint_about is None and await ignored_heard.alert_ignored(
        tx=tx, rules=desk.rules, ticket=ticket, requester=requester, own=own
    )
    # What they sent with the question (photos, files), filed and relayed after the card.
    if not earlier:
        await held.file_held(tx=tx, rules=desk.rules, requester=requester, ticket=ticket)
    kinds = tuple(d.kind for d in hazard.dangers(own)) if danger else ()
    return Outcome(
        decided,
        ticket=ticket,
        attempts=attempts,
        earlier=tuple(others),
        emergency=danger,
        dangers=kinds,
        incident=opened.joined,
        sorry=ignored_heard.owed_apology(turns, own),
        supervised=supervised,
    )
