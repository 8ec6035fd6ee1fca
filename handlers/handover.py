"""What the first inquiry came to, presented: an answer, suggestions, a clarifying question
(what the matter is, what to do about a forward), the category choice, a polite refusal, or
the promise (the new ticket's card is published by the intake, bot/intake/handing.py, and shown by
handlers/presenter.py); and what a requester's button did.

The decisions and their writes are the desk's (`bot.intake`); this module only words them.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot import address, danger_filing, dangers, details
from bot.classify import fallback_category
from bot.desk import Desk
from bot.intake import (
    attachments,
    emergency,
    handing,
    inquiry,
    offers,
    pressing,
    small_words,
    spoken,
)
from bot.intake.buttons import PressAction
from bot.intake.card import Earlier
from bot.intake.decision import Action, Handover
from bot.intake.media import MediaAction
from bot.intake.two_matters import reported
from bot.intake.wordless import REPLY_KIND, Wordless
from bot.models import IN_HAND, Requester, Ticket
from bot.outbox import Call
from handlers import keyboards, post


def _offer(chat_id: int, text: str, markup: InlineKeyboardMarkup, kind: str = "reply") -> Call:
    """A message whose buttons act on the inquiry in progress: recorded once sent, so that
    they go when the inquiry ends (bot/intake/offers.py)."""
    return post.message(chat_id, text, markup, kind=kind, after=offers.AFTER)


def present(desk: Desk, requester: Requester, outcome: handing.Outcome) -> list[Call]:
    """The messages that say what the first-inquiry flow did (none for INTO_TICKET, whose
    message the caller files and relays), after the emergency numbers when an emergency was
    said (`emergency_advice`)."""
    if outcome.emergency:
        return [emergency_advice(desk, requester, outcome), *_present(desk, requester, outcome)]
    return _present(desk, requester, outcome)


def emergency_advice(desk: Desk, requester: Requester, outcome: handing.Outcome) -> Call:
    """The emergency numbers (config `emergency.numbers`) in the requester's language, first:
    a new urgent ticket is being registered, or (INTO_TICKET) their ticket is raised."""
    language = requester.language
    raised = outcome.action is Action.INTO_TICKET and outcome.ticket is not None
    text = desk.texts.render(
        "emergency_advice",
        language,
        numbers=emergency.numbers(desk.settings, language, outcome.dangers),
        dangers=list(outcome.dangers),  # brief safety advice for the first kind told
        raised=raised,
        alerted_only=outcome.alerted_only,
        ticket_id=outcome.ticket.id if outcome.ticket is not None else None,
        ask_place=outcome.ask_place,  # no place told: exactly where, after the numbers
        outside=dangers.leave_first(outcome.dangers),  # asked once outside (a gas leak)
    )
    return post.message(requester.chat_id, text, kind=post.FIRST)


def _present(desk: Desk, requester: Requester, outcome: handing.Outcome) -> list[Call]:
    language, chat_id = requester.language, requester.chat_id
    match outcome.action:
        case Action.ANSWER if outcome.above:
            # The rest of the question the answer above settles: pointed to it, not sent twice.
            title = desk.templates[outcome.template_ids[0]].title(language)
            return [
                post.message(chat_id, desk.texts.render("answered_above", language, title=title))
            ]
        case Action.ANSWER if outcome.excerpt is not None:
            # A follow-up on the answer just given: the sentence of it that says what was
            # asked, under its title.
            title = desk.templates[outcome.template_ids[0]].title(language)
            text = desk.texts.render("answer", language, answer=outcome.excerpt, title=title)
            return [_offer(chat_id, text, keyboards.answered(desk, language))]
        case Action.ANSWER:
            # Each answer asked for (several options named at once), the buttons under the
            # last: one *Solved* / *Not solved* for them all.
            *before, last = [
                desk.texts.render("answer", language, answer=desk.answer(t, language))
                for t in outcome.template_ids
            ]
            return [
                *(post.message(chat_id, text) for text in before),
                _offer(chat_id, last, keyboards.answered(desk, language)),
            ]
        case Action.SUGGEST:
            markup = keyboards.suggestions(desk, language, outcome.template_ids)
            return [_offer(chat_id, desk.texts.render("suggest", language), markup)]
        case Action.CLARIFY:
            said = next((t["text"] for t in reversed(requester.inquiry or []) if "text" in t), "")
            greeted = small_words.greets(said)  # greeted back first
            text = desk.texts.render("clarify", language, again=outcome.again, greeted=greeted)
            return [post.message(chat_id, text)]
        case Action.ASK_ABOUT:
            text = desk.texts.render("ask_about", language, more=outcome.more, typed=outcome.typed)
            return [post.message(chat_id, text)]
        case Action.ASK_MATTER:
            upset = outcome.upset
            text = desk.texts.render("ask_matter", language, person=outcome.person, upset=upset)
            return [post.message(chat_id, text)]
        case Action.REMIND:
            # The buttons above still work; from the second reminder on they come again
            # (the core took those above away: one live set).
            assert outcome.reminder is not None
            fallback = fallback_category(desk.settings)
            text = desk.texts.render(
                "category_waiting",
                language,
                reason=outcome.reminder.value,
                fallback=desk.names(language)["categories"][fallback],
            )
            if outcome.reminder.shows_buttons:
                return [_offer(chat_id, text, keyboards.categories(desk, language))]
            return [post.message(chat_id, text)]
        case Action.MORE:
            if outcome.quiet:  # kept with the question; the first of the run was answered
                return []
            reason = "edited" if outcome.edited else "added"
            if outcome.forwarded:  # "this one too" for a forward right after another
                reason = "forwarded_more" if outcome.more else "forwarded"
            text = desk.texts.render("category_waiting", language, reason=reason)
            return [post.message(chat_id, text)]
        case Action.DROPPED:
            return [post.message(chat_id, desk.texts.render("question_dropped", language))]
        case Action.COURTESY:
            text = desk.texts.render("courtesy", language, thanks=outcome.thanks)
            return [post.message(chat_id, text)]
        case Action.NO_WORDS:
            text = desk.texts.render(
                "no_words",
                language,
                kind=outcome.wordless,
                waiting=outcome.waiting,
                again=outcome.again,  # the second in a row: examples, how to reach a person
                **desk.settings.knowledge.context(language),
            )
            if outcome.wordless == Wordless.PUZZLED_AFTER_ANSWER:  # a person, as under it
                person = keyboards.person(desk, language)
                return [_offer(chat_id, text, person, REPLY_KIND)]
            return [post.message(chat_id, text, kind=REPLY_KIND)]
        case Action.SOLVED:
            solved = desk.texts.render("solved_said", language, thanks=outcome.thanks)
            return [post.message(chat_id, solved)]
        case Action.RATED if outcome.ticket is not None:  # the ticket awaiting it, rated
            text = desk.texts.render(
                "rated", language, ticket_id=outcome.ticket.id, asks_why=outcome.asks_why
            )
            return [post.message(chat_id, text)]
        case Action.RATED if outcome.rated == "asked":  # no matter: the question again
            text = desk.texts.render("rating_typed", language, rated=outcome.rated)
            asked = (
                desk.texts.render("clarify", language, again=True)
                if outcome.again
                else desk.texts.render("ask_matter", language, person=outcome.person)
            )
            return [post.message(chat_id, f"{text}\n{asked}")]
        case Action.RATED:
            text = desk.texts.render("rating_typed", language, rated=outcome.rated)
            return [post.message(chat_id, text)]
        case Handover.TOO_MANY:
            kept_in = outcome.kept_in.id if outcome.kept_in is not None else None
            text = desk.texts.render(
                "too_many_open", language, count=outcome.open_tickets, kept_in=kept_in
            )
            return [
                *_answered_first(desk, requester, outcome, "refused"),
                post.message(chat_id, text),
            ]
        case Handover.ASK_CATEGORY:
            text = desk.texts.render("category_choice", language)
            return [
                *_answered_first(desk, requester, outcome, "category"),
                _offer(chat_id, text, keyboards.categories(desk, language)),
            ]
        case Handover.OPEN:
            return [
                *_answered_first(desk, requester, outcome, "ticket"),
                *_promise(desk, requester, outcome),
            ]
    return []


def present_press(desk: Desk, requester: Requester, pressed: pressing.Pressed) -> list[Call]:
    """The messages that say what a requester's button did (none for SOLVED, STALE,
    IN_TICKET and NO_LONGER_OPEN: the caller drops the used buttons, or answers the press
    with why nothing happened)."""
    language, chat_id = requester.language, requester.chat_id
    match pressed.action:
        case PressAction.SET_LANGUAGE:
            return [post.message(chat_id, desk.texts.render("language_set", language))]
        case PressAction.ANSWER:
            assert pressed.template_id is not None
            found = desk.answer(pressed.template_id, language)
            text = desk.texts.render("answer", language, answer=found)
            return [_offer(chat_id, text, keyboards.answered(desk, language))]
        case PressAction.EARLIER_ANSWER:
            # For a question set aside: its "did you mean" keeps its buttons ("none of
            # these"), no buttons here that would act on the inquiry in progress.
            assert pressed.template_id is not None
            found = desk.answer(pressed.template_id, language)
            return [post.message(chat_id, desk.texts.render("answer", language, answer=found))]
        case (
            PressAction.HANDOVER
            | PressAction.HANDOVER_IN_CATEGORY
            | PressAction.REGISTER
            | PressAction.EARLIER_HANDOVER
        ):
            assert pressed.handover is not None
            return present(desk, requester, pressed.handover)
        case PressAction.TICKET_IN_HAND:
            assert pressed.ticket is not None
            return [in_hand(desk, requester, pressed.ticket)]
        case PressAction.ASK_FIRST:
            return [post.message(chat_id, desk.texts.render("ask_first", language))]
    return []


def in_hand(desk: Desk, requester: Requester, ticket: Ticket) -> Call:
    """A person asked for (a button, or "人工" typed) while a ticket is in hand: who has it,
    or, nobody yet, that it waits for one and by when a person replies."""
    text = desk.texts.render(
        "ticket_in_hand",
        requester.language,
        ticket_id=ticket.id,
        owner=desk.rules.staff.shown_as(ticket.owner_id),
        first_response_due_at=ticket.first_response_due_at,
        # A time already past is not promised again (bot/notices.py `ticket_values`).
        first_response_overdue=desk.clock() >= ticket.first_response_due_at,
    )
    return post.message(requester.chat_id, text)


def _answered_first(
    desk: Desk, requester: Requester, outcome: handing.Outcome, way: str
) -> list[Call]:
    """The answer of a template that needs a person, before what handing it over came to
    (Action.REGISTER): what happens next and what to provide, without "solved" buttons;
    after the answers of the other options named with it (`template_ids`), if any; those alone
    when no such template was (a second question of the same message answered too). Then,
    when one of two questions in the message was answered and the other not
    (`unanswered`), which one could not be, and that a person takes it (`way`: "ticket",
    "category", or "refused" past the open-ticket limit)."""
    language = requester.language
    # Urgent for a vulnerable person without heating: no self-help first, the promise; a
    # report of an open incident's event: no generic answer, the incident's update.
    answered = None if outcome.exposed or outcome.incident else outcome.answered
    answers = [t for t in (*outcome.template_ids, answered) if t and t in desk.templates]
    said = [post.message(requester.chat_id, desk.answer(t, language)) for t in answers]
    if outcome.offered:  # the question beside the matter came close to these: which?
        markup = keyboards.suggestions(desk, language, outcome.offered)
        said.append(_offer(requester.chat_id, desk.texts.render("suggest", language), markup))
    if outcome.unanswered is None:
        return said
    part = outcome.unanswered  # a matter reported is named as one taken, not a question
    text = desk.texts.render(
        "part_unanswered", language, part=part, way=way, reported=reported(part)
    )
    return [*said, post.message(requester.chat_id, text)]


_HELD = {
    MediaAction.HOLD_AND_ASK: "media_held_ask",
    MediaAction.HOLD_FOR_CATEGORY: "media_held_category",
    MediaAction.HOLD_WITH_ANSWER: "media_held_answered",
}


def present_media(desk: Desk, requester: Requester, taken: attachments.Taken) -> list[Call]:
    """The one reply to a photo, file or album (none for the album's other items), when the
    front words it: what the first inquiry did with the caption, or that it is kept (and what
    it is about, or which kind of matter, please). Into a ticket, the desk's own notice tells
    them (bot/conversation.py)."""
    language, chat_id = requester.language, requester.chat_id
    if taken.action in (MediaAction.INTO_TICKET, MediaAction.INTO_TICKET_QUIET):
        # The desk told them (bot/conversation.py), once an album; a danger in the caption
        # raised the ticket: the emergency numbers.
        if taken.emergency:
            raised = handing.Outcome(
                Action.INTO_TICKET,
                ticket=taken.ticket,
                emergency=True,
                dangers=taken.dangers,
                alerted_only=taken.alerted_only,
                ask_place=taken.ask_place,
            )
            return [emergency_advice(desk, requester, raised)]
        return []
    if taken.question is not None:
        # A caption apart under the category buttons: the question that waited, filed first.
        filed = present(desk, requester, taken.filed) if taken.filed is not None else []
        return [*filed, *present(desk, requester, taken.question)]
    if taken.action is MediaAction.NO_WORDS:  # a sticker, a GIF, a dice; the next: in a row
        text = desk.texts.render(
            "no_words",
            language,
            kind=Wordless.NOT_WORDS,
            again=taken.again,  # the second in a row: examples, how to reach a person
            **desk.settings.knowledge.context(language),
        )
        return [post.message(chat_id, text, kind=REPLY_KIND)]
    if taken.action in _HELD:
        text = desk.texts.render(_HELD[taken.action], language)
        # Words asked for about a voice note: the next one in a row goes to a person.
        return [post.message(chat_id, text, kind=spoken.ASKED_KIND if taken.spoken else "reply")]
    return []


def _apart_from(ticket: Ticket, earlier: tuple[Earlier, ...]) -> int | None:
    """The ticket in hand a new one was opened apart from: its question was another matter
    said beside that ticket (`inquiry.is_aside`), not filed into it
    (bot/intake/second_matter.py); None otherwise."""
    if not inquiry.is_aside(ticket.inquiry or []):
        return None
    return next((t.id for t in earlier if t.status in IN_HAND), None)


def _promise(desk: Desk, requester: Requester, outcome: handing.Outcome) -> list[Call]:
    """The promise to the requester (the new ticket's card is the core's notice), asking for
    the details the answered template lists, if it does."""
    ticket = outcome.ticket
    assert ticket is not None
    language = requester.language
    answered = desk.templates.get(outcome.answered) if outcome.answered else None
    # The details the template asks for, but those their words already gave: said noted; an
    # estate named alone is noted as said, its building still asked (bot/address.py).
    items = answered.ask_for(language) if answered is not None and not outcome.known_event else []
    asked, received = address.split(items, outcome.given, outcome.place)
    if outcome.ask_place:  # the emergency's reply asked where, first: not asked twice
        asked = [item for item in asked if details.kind_of(item) != details.LOCATION]
    promise = desk.texts.render(
        "ticket_opened",
        language,
        ticket_id=ticket.id,
        category=desk.names(language)["categories"][ticket.category],
        first_response_due_at=ticket.first_response_due_at,
        resolution_due_at=ticket.resolution_due_at,
        ask_for=asked,
        received=received,
        about=outcome.about,
        own_case=outcome.own_case,
        exposed=outcome.exposed,
        apart_from=_apart_from(ticket, outcome.earlier),
        spoken=outcome.spoken,  # voice notes alone: a staff member will listen
        incident=outcome.known_event,  # its updates will reach them; nothing asked
        sorry=outcome.sorry,  # their words complained of the service: apologised
        supervised=outcome.supervised,  # ignored, angry: the supervisors were told
        outside=dangers.leave_first(outcome.dangers),  # what is asked, once outside
        # A danger to people now: urgent, the duty officer's call, not a category and a date
        # to settle by (a trial's "我不想活了" and a second's fire, lift and electrocution heard
        # "工单 #32(故障报修)…前办结"); a thing's danger (a manhole open, a tree down) stays a
        # fault report to settle.
        emergency=outcome.emergency and danger_filing.to_people_now(outcome.dangers),
    )
    # Linked to the ticket once sent: a reply to the promise is about it (bot/replies.py).
    return [
        post.message(requester.chat_id, promise, kind="promise", ticket_id=ticket.id, after="link")
    ]
