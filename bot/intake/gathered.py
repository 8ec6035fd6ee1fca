"""A question typed in parts ("我想问一下", "社保卡丢了", "怎么补办"; "I have a question about",
"my lost social security card, how do I replace it") or corrected by an edit, read whole
before a person takes it: a clerk who heard it all answers what the knowledge base answers,
as if it had come in one message, rather than open a ticket for it.

The requester's own words gathered in the first inquiry (`inquiry.words`, without forwards,
notices or "人工") are searched, and the latest message alone; a confident answer is given
(`Action.ANSWER`), a middling match offered ("did you mean", `Action.SUGGEST`) when their
latest message asks something (details added are no question). Nothing is answered when
they asked for a person, when their words complain, tell a fault or a template that needs a
person (a ticket is what they need), nor from a template they rejected. Dangers
never reach here: an emergency said is decided before any search (`decision.before_match`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bot import hazard
from bot.complaint_words import complains, complains_of_someone
from bot.desk import Desk
from bot.faults import reports_fault
from bot.intake import inquiry, offers, search
from bot.intake.answer_asks import answer_turn
from bot.intake.close_status import asks_own_status
from bot.intake.decision import Action, after_match, carries_no_matter, wants_person
from bot.intake.handing import Outcome, hand_over, record_turn
from bot.intake.new_matter import reads_as_question
from bot.models import Requester
from bot.transaction import Transaction
from knowledge.matcher import Band, Match
from knowledge.templates import CaseTemplate


@dataclass(frozen=True)
class Found:
    """What the knowledge base said of some words: ANSWER with `matches[0]`'s template, or
    SUGGEST with `matches`."""

    action: Action
    matches: list[Match]
    best: CaseTemplate


def found_for(
    desk: Desk, words: str, language: str | None, rejected: frozenset[str] = frozenset()
) -> Found | None:
    """How the first inquiry would take `words` typed in one message, when that is an answer
    or "did you mean" (`search.closest`, `search.band_of`, `decision.after_match`); None for
    anything else: a person's (a fault, a template that needs a person, their case's state)."""
    if not words.strip():
        return None
    matches, band = search.closest(desk, words, language, rejected)
    matches, band = search.band_of(desk, matches, band, words, words)
    best = desk.templates.get(matches[0].template_id) if matches else None
    if best is None or band is Band.HANDOVER:
        return None
    action = after_match(
        step=None,
        band=band,
        vague=False,
        needs_person=best.needs_person,
        fault=reports_fault(words),
        fault_template=search.fault_template(desk, best, band, words),
        how_to=hazard.asks_how_only(words, carries_no_matter),
        status=asks_own_status(words),
    )
    if action not in (Action.ANSWER, Action.SUGGEST):
        return None
    if complains(words) or complains_of_someone(words):
        return None  # a complaint is a person's to take, whatever else it says
    return Found(action, matches, best)


def read_whole(
    desk: Desk, gathered: str, latest: str, language: str | None, rejected: frozenset[str]
) -> Found | None:
    """The `gathered` words as one question, else the `latest` message alone when its answer
    is one of the templates the gathered words came near (its few words never choose a
    template blind that the whole question does not point to); else "did you mean" for the
    gathered words, when they come middling close, or for the latest alone (what came
    before it, far from any template, drowned it: "我想咨询一下我家的事", then "公积金怎么
    提取"), when the latest asks something (`reads_as_question`: details added, "The address
    is 12 Heping Road", are no question to offer answers for). None: a person's (pure but
    for the search)."""
    whole = found_for(desk, gathered, language, rejected)
    if whole is not None and whole.action is Action.ANSWER:
        return whole
    alone = found_for(desk, latest, language, rejected) if latest != gathered else None
    if alone is not None and alone.action is Action.ANSWER:
        near = {m.template_id for m in whole.matches} if whole is not None else set()
        near |= {m.template_id for m in search.nearest(desk, gathered, language, rejected)}
        if alone.best.id in near:
            return alone
    if not reads_as_question(latest):
        return None
    if whole is None and alone is not None and alone.action is Action.SUGGEST:
        return alone
    return whole


def asked_person(turns: Sequence[inquiry.Turn]) -> bool:
    """Whether the requester asked for a person in the inquiry ("人工", the button): a
    person is what they get, never an answer instead."""
    return any(
        t.get("by") == "requester"
        and (t.get("asked") is not None or wants_person(str(t.get("text", ""))))
        for t in turns
    )


async def answered_instead(
    *, tx: Transaction, desk: Desk, requester: Requester, latest: str, edit: bool = False
) -> Outcome | None:
    """The answer (or "did you mean") the requester's first inquiry gets, read whole
    (`read_whole`: their words gathered over its messages, `latest` their last one), instead
    of what would wait for a person; None when the knowledge base has none for it, or a
    person is theirs (`asked_person`). The category buttons waiting go (one live set: the
    answer's own come under it); the question stays whole, for *Not solved* to hand over.
    An `edit` of the question is a correction, the choice still theirs: only a confident
    answer takes the buttons' place, never "did you mean"."""
    turns = requester.inquiry or []
    if asked_person(turns):
        return None
    gathered = inquiry.words(turns, asks_for_person=wants_person, own=True)
    found = read_whole(desk, gathered, latest, requester.language, inquiry.rejected(turns))
    if found is None or (edit and found.action is not Action.ANSWER):
        return None
    await offers.retire(tx=tx, rules=desk.rules, requester=requester)
    requester.dialog_step = None
    question = requester.last_question or gathered
    requester.last_question = question
    if found.action is Action.ANSWER:
        requester.last_offered = found.best.id
        record_turn(requester, answer_turn(desk, found.best, question, requester))
        return Outcome(Action.ANSWER, template_ids=(found.best.id,))
    offered = tuple(m.template_id for m in found.matches if m.template_id in desk.templates)
    requester.last_offered = ",".join(offered)
    titles = [desk.templates[t].title(desk.settings.languages.default) for t in offered]
    record_turn(requester, inquiry.bot_did("suggest", desk.now(), titles, templates=offered))
    return Outcome(Action.SUGGEST, template_ids=offered)


# How close the words with the latest message must come to the template just answered,
# against the words before it alone, for the latest to be more of the question it answers
# ("社保卡丢了" then "怎么补办": 67.7, then 73.4; "I lost my social security card" then "how
# do I replace it": 91.5, then 88.8), not a matter of their own its answer does not say
# ("补办以后原来卡里的钱还在吗": 65.3, then 42.4; "我家的户号找不到了" after the bills': 60.2,
# then 34.0), which a person takes.
HOLDS = 0.9


def holds(desk: Desk, before: str, whole: str, template_id: str, language: str | None) -> bool:
    """Whether the `whole` words come as close to template `template_id` as the words
    `before` the latest message did (`HOLDS` of their score, or more)."""

    def score(words: str) -> float:
        found = search.nearest(desk, words, language)
        return next((m.score for m in found if m.template_id == template_id), 0.0)

    return score(whole) >= HOLDS * score(before)


async def answered_again(
    *, tx: Transaction, desk: Desk, requester: Requester, answered: str
) -> Outcome | None:
    """Words right after the answer of template(s) `answered` (their turn the inquiry's last)
    that only go on with the question it answered, typed in parts ("社保卡丢了" answered,
    then "怎么补办"): the whole question is that template's (`found_for`) and comes as close
    to it as before (`holds`). That answer is not sent again (a new-user trial got it twice,
    a few seconds apart): the requester is pointed to it above (`Outcome.above`), its buttons
    still the live ones, and the bot's turn says so to the staff. None otherwise (a person
    takes what its answer does not say)."""
    turns = requester.inquiry or []
    if len(turns) < 2 or asked_person(turns):
        return None
    language = requester.language
    whole = inquiry.words(turns, asks_for_person=wants_person, own=True)
    before = inquiry.words(turns[:-1], asks_for_person=wants_person, own=True)
    found = found_for(desk, whole, language, inquiry.rejected(turns))
    if found is None or found.action is not Action.ANSWER:
        return None
    best = found.best
    if best.id not in answered.split(",") or not holds(desk, before, whole, best.id, language):
        return None
    requester.last_offered = best.id
    turn = answer_turn(desk, best, requester.last_question or whole, requester)
    record_turn(requester, {**turn, "above": True})
    return Outcome(Action.ANSWER, template_ids=(best.id,), above=True)


async def answered_above(
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    answered: str | None,
    action: Action,
    closest: str | None,
) -> Outcome | None:
    """Words going on with the question just answered with template(s) `answered` (None:
    they do not) that the first inquiry would answer or offer ("did you mean": `action`) from
    that template, the one they come nearest alone (`closest`): pointed to that answer above
    (`answered_again`), never given it twice nor offered it among others ("水费" answered,
    then "怎么交"). None otherwise: words nearest another template ("公积金" answered with the
    balance, then "怎么提取", which narrows it) get what the knowledge base finds for them,
    and so does the question asked again whole (`asked_again`: answered again, as asked)."""
    if not answered or action not in (Action.ANSWER, Action.SUGGEST):
        return None
    if closest not in answered.split(",") or asked_again(requester.inquiry or []):
        return None
    return await answered_again(tx=tx, desk=desk, requester=requester, answered=answered)


def asked_again(turns: Sequence[inquiry.Turn]) -> bool:
    """Whether the requester's latest words (the inquiry's last turn) hold their words before
    it whole: "What are your opening hours?" a minute after its answer is that question asked
    again, no part of it (pure; case, width, spaces and punctuation aside)."""
    earlier = inquiry.words(turns[:-1], own=True).splitlines()
    latest = _plain(inquiry.words(turns[-1:], own=True))
    return bool(earlier) and bool(latest) and _plain(earlier[-1]) in latest


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


async def answered_or_handed(
    tx: Transaction, desk: Desk, requester: Requester, question: str, answered: str | None
) -> Outcome:
    """Words going on with the question just answered with template(s) `answered`, pointed
    to that answer (`answered_again`), else `question` handed to a person
    (`handing.hand_over`)."""
    if answered:
        again = await answered_again(tx=tx, desk=desk, requester=requester, answered=answered)
        if again is not None:
            return again
    return await hand_over(tx=tx, desk=desk, requester=requester, question=question, category=None)
