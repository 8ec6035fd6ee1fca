"""An emergency said in the first inquiry or into a ticket (SPEC rule 9: a configured keyword,
safety, raises priority): a careful clerk asks nothing first. The requester's own words that
tell a danger to people now (a kind `bot.hazard` hears: smoke in the stairwell, someone
stuck in the elevator, water flooding an electrical room; or config `keywords` marked
`emergency`) open an urgent ticket at once in config `emergency.category` (a
safety matter is a fault report; a danger to a person alone is the general window's:
`bot.danger_filing`), with the answer of a template that needs a person when one
answers them; into a ticket in progress they raise it to urgent. Either way the supervisors
are alerted (`alert_keyword`) and the front tells the requester the emergency numbers that
fit the danger first (`numbers`, template `emergency_advice`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import Enum
from typing import Any

from sqlalchemy import select

from bot import dangers, details, hazard, premises
from bot.config import Settings
from bot.danger_filing import filing
from bot.desk import Desk
from bot.excerpt import excerpt, one_line
from bot.intake import inquiry, offers
from bot.intake.answer_asks import answer_turn
from bot.intake.decision import question_of
from bot.intake.emergency_turns import own_turns
from bot.intake.handing import Outcome, hand_over, record_turn, register
from bot.models import ACTIVE_STATUSES, DialogStep, Direction, Requester, Ticket, TicketMessage
from bot.notices import NOTICE_QUESTION, Audience, Notice, card_refresh, publish
from bot.priority import danger_priority, emergency_words, priority_notices, set_priority
from bot.same_matter import subject
from bot.store import save
from bot.transaction import Transaction
from knowledge.matcher import Band
from knowledge.templates import CaseTemplate

# The names of places, a group each (config `surge.places`).
Groups = tuple[tuple[str, ...], ...]


def numbers(
    settings: Settings, language: str, kinds: tuple[str, ...] = ()
) -> list[dict[str, str]]:
    """The emergency numbers to tell a requester: those for the `kinds` of danger heard, the
    one that fits first (`bot.dangers.first_numbers`: the gas company and the fire brigade
    for a gas leak, the ambulance for someone who fainted), not every line the city has (a
    fresh tester got all six for each danger, issue 14); all of them only when the danger is
    unclear (a configured phrase of no kind)."""
    return dangers.first_numbers(settings, language, kinds)


def kinds_told(text: str) -> tuple[str, ...]:
    """The kinds of danger `text` tells now (`bot.dangers.kinds_now`), for `numbers`."""
    return tuple(dangers.kinds_now(text))


def _places(words: str, groups: Groups = ()) -> bool:
    """Whether `words` give a place: a road or estate (config `surge.places` among them:
    "幸福里"), or an address, a spot (`details.given`) that is more than a building, unit or
    number alone: "3号楼" is in any estate, and help cannot find it (issue 14); or the desk's
    own premises ("the lobby of your service centre": `bot.premises`), which its staff know."""
    if premises.named(words):
        return True
    told = subject(words, None, places=groups)
    if told.places:
        return True
    return details.LOCATION in details.given(words) and not told.spots


async def place_unknown(
    tx: Transaction, ticket: Ticket | None, text: str, groups: Groups = ()
) -> bool:
    """Whether nothing tells where the danger said in `text` into `ticket` (or opening it)
    is: neither these words nor the ticket's question, nor any message its requester filed
    in it (their words, a location or venue shared: `details.carried`); `groups`: config
    `surge.places`, the names of places (`_places`)."""
    if _places(text, groups) or (ticket is not None and _places(ticket.question, groups)):
        return False
    if ticket is None:
        return True
    rows = await tx.session.execute(
        select(TicketMessage.text, TicketMessage.content_type).where(
            TicketMessage.ticket_id == ticket.id, TicketMessage.direction == Direction.IN
        )
    )
    return not any(
        _places(words or "", groups) or details.LOCATION in details.carried(kind)
        for words, kind in rows
    )


def _same_danger(text: str, template: CaseTemplate) -> bool:
    """Whether `template` is about the danger `text` tells (`bot.hazard.kinds` of its own
    questions): smoke in the stairwell gets no gas leak's advice (turn off the gas main)
    because the words came close. Words whose danger has no kind (a configured phrase
    alone) take any close template, as before; someone on medical equipment in a power cut
    gets no answer about a tripped breaker (no template tells their danger)."""
    told = set(dangers.kinds_now(text))
    if not told:
        return True
    return any(told & hazard.kinds(q) for qs in template.questions.values() for q in qs)


async def _its_own(tx: Transaction, desk: Desk, requester: Requester, text: str) -> bool:
    """The first inquiry's turns the emergency's ticket holds (`emergency_turns.own_turns`):
    its words, and what of the earlier ones is of it (a place, the same danger or thing); a
    question answered about something else (the housing fund balance, then a manhole cover
    stolen: `_same_danger`), small talk, another matter are set aside, an answer's buttons
    kept (`offers.set_aside`). Whether any were (the inquiry is now the kept turns)."""
    settings = desk.settings

    def same(ids: Sequence[str]) -> bool:
        answered = [t for i in ids if (t := desk.templates.get(i)) is not None]
        return any(_same_danger(text, t) for t in answered)

    split = own_turns(
        requester.inquiry or [],
        same_danger=same,
        places=settings.surge.places,
        objects=settings.surge.objects,
    )
    if not split.aside:
        return False
    requester.inquiry = split.kept
    await offers.set_aside(tx=tx, requester=requester, turns=split.aside)
    return True


async def open_urgent(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    step: DialogStep | None,
    text: str,
    written: str,
) -> Outcome:
    """Action.EMERGENCY in the first inquiry, whose turn for `written` the caller recorded:
    the ticket now, its question their words (those before it that are of it lead). A
    template that needs a person and answers `text` gives its answer and its category and
    department (`handing.register`); else the emergency's category (`emergency.category`)
    routed as config `routing` says, or, for a danger to a person alone, at the general
    window (`bot.danger_filing`); a template of another danger than theirs does not
    answer (`_same_danger`). Its priority is urgent by the danger in its words
    (`tickets.open_ticket`); no open-ticket limit (config `abuse.open_tickets`) refuses it.
    The outcome is marked `emergency`, and `ask_place` when their words give no place. The
    ticket holds the emergency's words and what of the inquiry is of it (`_its_own`): an
    answered question about something else, small talk, another matter are set aside."""
    if await _its_own(tx, desk, requester, text):
        question = inquiry.words(requester.inquiry or [])
    else:
        question = question_of(step=step, earlier=requester.last_question, text=written)
    requester.last_question, requester.dialog_step, requester.last_offered = question, None, None
    matches = desk.matcher.search(text, requester.language, limit=1)
    best = desk.templates.get(matches[0].template_id) if matches else None
    if (
        best is not None
        and best.needs_person
        and desk.matcher.band(matches) is Band.ANSWER
        and _same_danger(text, best)
    ):
        requester.last_offered = best.id
        record_turn(requester, answer_turn(desk, best, question, requester))
        outcome = await register(
            tx=tx,
            desk=desk,
            requester=requester,
            template=best,
            question=question,
            emergency=True,
        )
    else:
        filed = filing(desk.settings, kinds_told(text))
        outcome = await hand_over(
            tx=tx,
            desk=desk,
            requester=requester,
            question=question,
            category=filed.category,
            department=filed.department,
            emergency=True,
        )
    unknown = not _places(question, desk.settings.surge.places)
    return replace(outcome, emergency=True, dangers=kinds_told(text), ask_place=unknown)


class Said(Enum):
    """What a danger said into a ticket did (`raise_ticket`): nothing (no danger said), the
    ticket raised, only its supervisors alerted (it was that urgent already, or is no longer
    being worked on), or nothing new (MERGED: `bot.dangers.news`)."""

    NOTHING = "nothing"
    RAISED = "raised"
    ALERTED = "alerted"
    MERGED = "merged"  # the same danger again soon after an alert: filed, nothing said


QUIET = (Said.NOTHING, Said.MERGED)  # nothing to tell the requester beyond the usual


async def told(
    tx: Transaction, said: Said, text: str, outcome: Outcome, groups: Groups = ()
) -> Outcome:
    """`outcome` (INTO_TICKET) with what the danger said into its ticket did (`said`): an
    emergency (the front tells the numbers for the kinds `text` tells), whether the
    supervisors were only alerted, and whether the place is still to be asked
    (`place_unknown`)."""
    if said in QUIET:
        return outcome
    only = said is Said.ALERTED
    unknown = await place_unknown(tx, outcome.ticket, text, groups)
    kinds = kinds_told(text)
    return replace(outcome, emergency=True, dangers=kinds, alerted_only=only, ask_place=unknown)


async def raise_ticket(
    *, tx: Transaction, desk: Desk, requester: Requester, ticket: Ticket, text: str
) -> Said:
    """Words a requester sends into their ticket `ticket`: when they are their own and tell
    an emergency (`emergency_words`), the supervisors are alerted (`alert_keyword`, with the
    words just sent); an active ticket less urgent than those keywords demand is raised to
    that priority (RAISED), its staff and requester told and its card redrawn; otherwise the
    alert alone (ALERTED: the front never says an alert was sent when none was). NOTHING for
    words of no emergency."""
    words = emergency_words(desk.rules, text)
    if not words:
        return Said.NOTHING
    settings = desk.settings
    wanted = danger_priority(settings, words)
    # The words that raised it, beside the question the alert shows (what the ticket is).
    said = excerpt(one_line(text), NOTICE_QUESTION).text
    values: dict[str, Any] = {"words": words, "said": said}
    # Recorded on the ticket (its card, /queue and /ticket N mark it) and named in the alert,
    # with the numbers the requester is told first; the same danger told again soon after an
    # alert (a cry for help twenty times) is filed alone: no alert, no numbers again.
    already = ticket.status not in ACTIVE_STATUSES or settings.priority_rank(
        wanted
    ) <= settings.priority_rank(ticket.priority)
    fresh = await dangers.news(tx.session, ticket, dangers.kinds_told(text, words), tx.now)
    kinds = dangers.told(
        tx.session,
        ticket,
        text=text,
        words=words,
        now=tx.now,
        actor_id=requester.telegram_user_id,
        alerted=not already or fresh is not None,
    )
    if already and fresh is None:
        return Said.MERGED
    values |= dangers.alert_values(settings, kinds)
    if already:
        values["again"] = True
        await publish(
            tx, desk.rules, [Notice("alert_keyword", Audience.supervising(), ticket, values)]
        )
        return Said.ALERTED
    due = ticket.resolution_due_at
    set_priority(
        tx.session, desk.rules, ticket, wanted, now=tx.now, actor_id=None, reason="keywords"
    )
    await save(tx.session, desk.rules, ticket)
    notices = [
        Notice("alert_keyword", Audience.supervising(), ticket, values),
        *priority_notices(
            desk.rules, ticket, requester, promise_moved=ticket.resolution_due_at != due
        ),
        card_refresh(ticket),
    ]
    await publish(tx, desk.rules, notices)
    return Said.RAISED
