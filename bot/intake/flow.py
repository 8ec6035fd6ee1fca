"""The first inquiry as a flow: a requester's text in, the desk's decision carried out in the
caller's transaction, and what to tell whom returned as plain values for the front to present.

The decision itself is `bot.intake.decision`; this module reads and writes what it needs: the
requester's dialog step, last question and first inquiry (its turns, `bot.intake.inquiry`),
the knowledge base and their open tickets; a question for a person goes to
`bot.intake.handing`, which opens the ticket with the inquiry whole.
"""

from __future__ import annotations

from dataclasses import replace

from bot import hazard, metrics
from bot.classify import fallback_category
from bot.desk import Desk
from bot.faults import reports_fault
from bot.fillers import thanks
from bot.intake import (
    emergency,
    inquiry,
    language,
    lead,
    offers,
    pending,
    pressing,
    search,
    taken_back,
    whose,
)
from bot.intake.about import ask_about
from bot.intake.after_answer import said_after_answer
from bot.intake.after_offer import anew_after_offer, last_offered
from bot.intake.announcement import leading_notice
from bot.intake.answer_asks import answer_turn
from bot.intake.close_status import asks_own_status, own_case
from bot.intake.decision import (
    Action,
    after_match,
    before_match,
    carries_no_matter,
    is_courtesy,
    is_filler,
    is_opening,
    names_no_matter,
    question_of,
    says_words,
    searched_words,
    wants_person,
)
from bot.intake.gathered import answered_above, answered_or_handed
from bot.intake.handing import Outcome, hand_over, record_turn, register
from bot.intake.letting_go import lets_go
from bot.intake.new_matter import led_question
from bot.intake.openers import anger_asked, outburst
from bot.intake.own_kind import anew_after, strays
from bot.intake.rated_lead import rated_before
from bot.intake.rating_typed import rated_in_words
from bot.intake.reminding import remind
from bot.intake.second import message_parts, with_second
from bot.intake.wait_more import more_of_waiting
from bot.intake.wordless import in_a_row, is_empty, waited, wordless_of
from bot.kinds import Origin
from bot.models import DialogStep, Requester, Ticket
from bot.peril_needs import in_context
from bot.priority import emergency_words
from bot.resolution_words import says_not_solved
from bot.transaction import Transaction
from knowledge.matcher import Band


async def take_text(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    text: str,
    origin: Origin | None = None,
    message_id: int | None = None,
    edit_of: int | None = None,
    replied_to: int | None = None,
) -> Outcome:
    """Decide on a text a requester wrote in their private chat, in the caller's transaction.

    `current` is the requester's ticket in progress (or resolved awaiting their word), if any.
    INTO_TICKET: the front files the message under the ticket and copies it to the staff.
    `origin`: the text was forwarded from there; the question and the first inquiry keep it
    written out (`forwarded_words`: the staff never take another's words for the
    requester's), while the knowledge base is searched with the words alone. A forward
    alone is no question yet: the requester is asked what they want done about it
    (ASK_ABOUT), and their answer completes it (searched for alone, `searched_words`). A
    notice typed before words of their own (`leading_notice`) stays in the question, their
    words searched for. "第二个", "都不是" after "did you mean": its button pressed. Words
    taking back a withdrawal just made: that ticket in hand again (`taken_back`). `message_id`:
    the message of the text (kept with its turn); `edit_of`: an edit of that message, applied
    to the question waiting for its category (`Action.MORE`); `replied_to`: the message of
    their chat it replies to (a ticket's: never read as a different matter, bot/intake/whose.py).
    """
    text = text.strip()
    if origin is None and says_words(text):  # their own words (no forward's, no gibberish)
        await language.follow_words_and_tell(
            tx=tx, rules=desk.rules, requester=requester, text=text, supported=desk.texts.supported
        )
    theirs = origin is None and edit_of is None
    back = await taken_back.take_back(tx=tx, desk=desk, requester=requester, text=text, own=theirs)
    if back is not None:  # "我没要撤销那个!" just after a withdrawal: that ticket, in hand again
        return Outcome(Action.INTO_TICKET, ticket=back, taken_back=True)
    step = DialogStep(requester.dialog_step) if requester.dialog_step else None
    rating = await rated_in_words(tx, desk, requester, current, step, text) if theirs else None
    if rating is not None:  # "5星" asked for, or only a rating: never a question nor a ticket
        return rating
    now = desk.now()
    going_on = inquiry.current(requester.inquiry, now=now, waiting=step is not None)
    person = wants_person(text)
    named = None
    if step is DialogStep.CATEGORY and origin is None:
        named = pending.category_in(desk.settings, text)
    # Words of theirs wait for an answer or a person; an opener alone ("I need help") is no
    # matter waiting: "human" after it is asked what the matter is, as "人工" alone is.
    waiting = bool(requester.last_question and requester.inquiry) and not all(
        map(carries_no_matter, (requester.last_question or "").split("\n"))
    )
    # Their own words (not a forward's, nor a notice's) alone tell an emergency of theirs.
    led = leading_notice(text)
    mine = None if origin is not None else (text if led is None else led.own)
    if mine:  # a cut a notice of the inquiry told, beside their medical equipment
        mine = in_context(mine, inquiry.words(going_on))
    parted = led_question(text) if origin is None and led is None else None  # "没用,我是想问…"
    rated = parted is not None and await rated_before(tx, desk, requester, current, parted)
    if rated and parted is not None:
        text, parted = parted.rest, None  # "5星,另外…": rated; the new matter read alone
    # The inquiry's, the ticket's, or a matter of its own; which ticket in hand (whose.py).
    placed = await whose.place(
        tx=tx,
        desk=desk,
        requester=requester,
        current=current,
        turns=going_on,
        text=text,
        step=step,
        forwarded=origin is not None,
        parted=parted,
        replied=replied_to,
    )
    current, beside, apart, aside = placed.ticket, placed.beside, placed.apart, placed.aside
    step = None if placed.settled else step  # into the ticket it settled on, whatever waits
    decided = before_match(
        step=step,
        ticket_in_progress=current is not None,
        asks_for_person=person,
        words=says_words(text),
        no_matter=names_no_matter(text),
        question_waiting=waiting,
        forwarded=origin is not None,
        names_category=named is not None,
        withdrawn=step is not None and origin is None and lets_go(text),
        filler=origin is None and is_filler(text),
        beside=beside,
        aside=aside,
        emergency=bool(mine and emergency_words(desk.rules, mine)),
        opener=origin is None and is_opening(text),
        courtesy=(courteous := origin is None and is_courtesy(text)),
        empty=is_empty(text),
        vented=step is DialogStep.MATTER and anger_asked(requester.last_question, text, going_on),
    )
    carried = ""  # the place of the ticket a lead confirmed, for words naming none (lead.py)
    if apart and parted is not None and current is not None:
        text, carried = await lead.said_apart(
            tx=tx, desk=desk, requester=requester, ticket=current, led=parted
        )
    if decided is Action.INTO_TICKET and current is not None and mine:
        # A danger said into it: raised to urgent at once ("人工": the front says who has it).
        danger = await emergency.raise_ticket(
            tx=tx, desk=desk, requester=requester, ticket=current, text=mine
        )
        into = Outcome(
            decided, ticket=current, person=person, settled=placed.settled, unsure=placed.unsure
        )
        return await emergency.told(tx, danger, mine, into, desk.settings.surge.places)
    if decided is Action.NO_WORDS:  # each kind answered for what it is, nothing filed
        kind = wordless_of(text, going_on, step is None)
        again = await in_a_row(tx, requester.chat_id)  # the second in a row: said otherwise
        return Outcome(decided, wordless=kind, waiting=waited(step), again=again)
    if decided is Action.INTO_TICKET:
        return Outcome(decided, ticket=current, settled=placed.settled, unsure=placed.unsure)
    if decided is Action.COURTESY or (
        courteous and decided in (Action.CLARIFY, Action.ASK_MATTER)
    ):
        # Thanks, "ok": nothing of a matter, never a question's words; you're welcome (or,
        # asked what it is about, asked again). Whatever waited still waits.
        return Outcome(
            decided,
            thanks=thanks(text),
            again=step is DialogStep.CLARIFY,
            person=requester.last_question is None,  # ASK_MATTER: a person was asked for
        )
    if decided is Action.IN_CATEGORY:
        # The name they read on a button, typed: the choice, as if pressed (`pressing.take_press`).
        requester.inquiry = going_on or None
        return await hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question=requester.last_question or text,
            category=named,
        )
    if decided is Action.DROPPED:  # "算了", "没事了" while more or a category waits: let go
        await pending.drop(tx=tx, rules=desk.rules, requester=requester)
        return Outcome(decided)
    if decided is Action.REMIND:  # nothing of the matter: reminded of the choice waiting
        return await remind(tx=tx, desk=desk, requester=requester, turns=going_on, text=text)
    # The first inquiry goes on (or starts again): every text reaches the ticket it may become.
    written = text + carried  # searched without the place carried, filed with it
    if origin is not None:  # as a forward inside a ticket is introduced (`relay_origin`)
        written = desk.texts.render(
            "forwarded_words",
            desk.settings.languages.default,
            origin_kind=origin.kind,
            origin_name=origin.name,
            text=text,
        )
    if requester.inquiry and not going_on:  # idle too long: its buttons are over too
        await offers.end(tx=tx, rules=desk.rules, requester=requester, ticket=None)
    requester.inquiry = await lead.fresh(tx=tx, requester=requester, turns=going_on, new=aside)
    # A notice's words are kept, marked: they say what the matter is about, not how urgent
    # it is for them (`inquiry.own_words`); a notice typed before words of their own in one
    # text is their matter's context: their words are searched for, and tell its kind and
    # priority.
    announced = led is not None and not led.own
    own = led.own if led is not None and led.own and origin is None else None
    if decided is Action.EMERGENCY:
        record_turn(requester, inquiry.said(written, now, message_id=message_id, own=own))
        return await emergency.open_urgent(
            tx=tx, desk=desk, requester=requester, step=step, text=mine or text, written=written
        )
    # The turn their text makes, as the inquiry records it (unless it is an edit applied).
    said = inquiry.said(
        written, now, message_id=message_id, forwarded=bool(origin), notice=announced, own=own
    )
    if decided is Action.MORE:
        return await more_of_waiting(
            tx=tx,
            desk=desk,
            requester=requester,
            step=step,
            written=written,
            said=said,
            forwarded=origin is not None,
            edit_of=edit_of,
            announced=announced,
            own=own,
        )
    if decided is None and step is None and origin is None and edit_of is None:
        chosen = await pressing.offer_named(tx, desk, requester, current, text)
        if chosen is not None:
            return chosen
    if aside:
        said["aside"] = True
    if apart and parted is not None:
        said["closing"] = parted.lead
    record_turn(requester, said)
    if decided is Action.ASK_ABOUT:
        # What do they want done about it? The forward (with any that follow it) leads the
        # question their answer completes; asked once.
        requester.last_question = question_of(
            step=step, earlier=requester.last_question, text=written
        )
        return ask_about(desk, requester, step, typed=False)
    if decided is Action.CLARIFY:
        # An opener ("我想咨询一下", "I need help"): what is it about? Their next text is
        # looked up alone (`searched_words`), the opener kept in the question.
        requester.last_question = question_of(
            step=step, earlier=requester.last_question, text=written
        )
        requester.dialog_step, requester.last_offered = DialogStep.CLARIFY, None
        record_turn(requester, inquiry.bot_did("clarify", now))
        return Outcome(decided, again=step is DialogStep.CLARIFY)
    if decided is Action.ASK_MATTER:
        # What is it about? Their words lead the question their answer completes.
        requester.dialog_step = DialogStep.MATTER
        kept = question_of(step=step, earlier=requester.last_question, text=written)
        requester.last_question, requester.last_offered = (None if person else kept), None
        record_turn(requester, inquiry.bot_did("matter", now))
        return Outcome(decided, person=person, upset=outburst(written))
    if decided is Action.HANDOVER:
        asked = requester.last_question or written
        handed = await hand_over(
            tx=tx, desk=desk, requester=requester, question=asked, category=None
        )
        # "人工" beside a ticket in hand: they hear which question the person takes.
        return replace(handed, about=asked) if person and current is not None else handed
    # The templates answered with, or offered, when that was the bot's turn before this text.
    answered, options = last_offered(requester, step)
    if decided is None and answered is not None and origin is None:
        replied = await said_after_answer(tx, desk, requester, text)
        if replied is not None:
            return replied
    # Thanks (or "solved") closing the answered matter, then another ("谢谢。另外…"): the new
    # one's words alone are its question (the closing words kept beside them in its turn).
    # "Not solved" leading a question ("没用,我是想问…"): the answer is rejected, and the
    # question after it searched alone, in the same inquiry.
    after = parted if answered is not None and origin is None and not own else None
    split = (after.lead, after.rest) if after and after.opener else None
    rejected = lead.after_answer(requester, after)
    if after is not None and (split or rejected):
        text = written = after.rest
    searched = None
    if person and requester.last_question:
        question = requester.last_question  # "人工" adds nothing to what they asked
    else:
        question = question_of(step=step, earlier=requester.last_question, text=written)
        searched = searched_words(step=step, earlier=requester.last_question, text=text, own=own)
    requester.last_question = question
    requester.dialog_step = None
    if decided is Action.FALLBACK:
        return await hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question=question,
            category=fallback_category(desk.settings),
            admitted=step is DialogStep.CATEGORY,
        )
    # A second question (or a matter after a question) in the text: apart (second, two_matters).
    fresh = decided is None and origin is None and step is None
    parts = message_parts(own or text) if fresh else None
    first = parts[0] if parts else searched or question
    matches, band = search.closest(desk, first, requester.language, rejected)
    metrics.MATCHER_BANDS.labels(band=band.value).inc()
    matches, band = search.band_of(desk, matches, band, first, text)  # a blind answer only offered
    best = desk.templates.get(matches[0].template_id) if matches else None
    closest = best.id if best is not None and band is not Band.HANDOVER else None
    if answered is not None and closest in answered.split(","):
        answered = closest  # one of the answers just given (several options were named)
    so_far = (requester.inquiry or [])[:-1]  # the inquiry it may narrow rather than leave
    anew = split is not None or (
        not rejected and anew_after(desk, own or text, answered, closest, turns=so_far)
    )
    anew = anew or anew_after_offer(desk, own or text, options, closest, band)
    if answered and not (anew or rejected) and strays(desk, text, answered, closest, so_far):
        matches, band, best = [], Band.HANDOVER, None  # more of it: no other matter's answer
    if anew:
        # Not more of the question answered (or offered): a first inquiry of its own; the
        # one before keeps its buttons (*Not solved*, "none of these" under it are about it).
        earlier, requester.inquiry = (requester.inquiry or [])[:-1], (requester.inquiry or [])[-1:]
        if split is not None:
            requester.inquiry = [{**said, "text": written, "closing": split[0]}]
            if current is not None and inquiry.is_aside(going_on):
                requester.inquiry[0]["aside"] = True  # still beside the ticket in hand
        await offers.set_aside(tx=tx, requester=requester, turns=earlier)
    # "没用" right after an answer: not solved, as the button says.
    unhelped = answered is not None and not anew and origin is None and says_not_solved(text)
    status = origin is None and asks_own_status(first if parts else own or text)  # of theirs
    action = after_match(
        step=step,
        band=band,
        vague=search.vague(desk, text),
        needs_person=best is not None and best.needs_person,
        announced=announced,
        question_waiting=waiting,
        unhelped=unhelped,
        # A fault told by its kind: registered, not offered "did you mean".
        fault=not announced and origin is None and reports_fault(first if parts else own or text),
        fault_template=search.fault_template(desk, best, band, own or text),
        how_to=origin is None and hazard.asks_how_only(own or text, carries_no_matter),
        status=status,
    )
    if unhelped and action is Action.HANDOVER:
        requester.inquiry = inquiry.rejecting(requester.inquiry or [])
    if action is Action.ASK_ABOUT:  # a notice typed that no template answers alone
        return ask_about(desk, requester, step, typed=True)
    goes_on = None if anew or rejected or unhelped or person or status or origin else answered
    if (above := await answered_above(tx, desk, requester, goes_on, action, closest)) is not None:
        return await with_second(above, tx, desk, requester, parts, question)  # not twice
    # What the staff's card lists if they still want a person: the answer or options given.
    requester.last_offered = None
    if action in (Action.ANSWER, Action.REGISTER) and best is not None:
        requester.last_offered = best.id
        record_turn(requester, answer_turn(desk, best, question, requester))
        answered_now = (
            await register(tx=tx, desk=desk, requester=requester, template=best, question=question)
            if action is Action.REGISTER
            else Outcome(Action.ANSWER, template_ids=(best.id,))
        )
        return await with_second(answered_now, tx, desk, requester, parts, question)
    if action is Action.SUGGEST:
        offered = tuple(m.template_id for m in matches if m.template_id in desk.templates)
        requester.last_offered = ",".join(offered) or None
        titles = [desk.templates[t].title(desk.settings.languages.default) for t in offered]
        record_turn(requester, inquiry.bot_did("suggest", now, titles, templates=offered))
        suggested = Outcome(action, template_ids=offered)  # a matter beside it: handed too
        return await with_second(suggested, tx, desk, requester, parts, question)
    if action is Action.CLARIFY:
        requester.dialog_step = DialogStep.CLARIFY
        record_turn(requester, inquiry.bot_did("clarify", now))
        return Outcome(action)
    handed = await answered_or_handed(tx, desk, requester, question, goes_on)
    handed = own_case(handed, status)  # told why a person takes it
    return await with_second(handed, tx, desk, requester, parts, question)
