"""The ticket whose question the requester's words answer (issue 14, a fresh tester: "every
answer reaches its person"). #1's officer asked "请问您是否有本地居住证?"; the requester's next
words "有的,我有居住证,去年办的。需要带什么材料?" were taken for a new question and answered
from the residence permit's template: the officer never saw them. A clerk who asked
something takes the next words as the answer, whatever question they carry: while a
ticket's staff question waits (its staff's latest public words ask the requester something,
`asking.asks_requester`, said after anything the requester said since, on any ticket or in a
first inquiry), their next message is that ticket's, unless it is clearly of another matter
and reads as no answer (`answers`). Details the bot or its staff asked for (bot/awaited.py)
are the ticket's that asked for them. When several asked, an emergency's ticket comes first
(the gas leak's address is never filed with the street light's), then the latest asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from bot import answer_fit, replies
from bot.answer_fit import fit, terms
from bot.asking import asks_requester
from bot.desk import Desk
from bot.details import given
from bot.faults import reports_fault
from bot.intake.inquiry import Turn
from bot.intake.new_matter import reads_as_question
from bot.intake.own_kind import apart_from, danger_apart, same_matter
from bot.models import Requester, Ticket
from bot.priority import emergency_priority, emergency_words
from bot.replies import InHand
from bot.transaction import Transaction

# Words that open an answer to a question put to the requester ("有的", "没有", "是的",
# "Yes", "No, ...", "I do").
_ANSWER_OPENS = re.compile(
    r"^\s*(有|没|是|不|对|好|嗯|已经|还没|还未|暂时|目前|大概|应该|可以|行)"
    r"|^\s*(yes|yeah|yep|no|nope|not|sure|ok|okay"
    r"|i (do|did|have|had|don't|didn't|haven't|am|was))\b",
    re.IGNORECASE,
)


def answers(text: str, question: str, kinds: frozenset[str]) -> bool:
    """Whether `text` reads as an answer to `question`: it opens as an answer does, shares a
    term with it (`answer_fit.terms`), or gives a kind of detail it asks for (`kinds`)."""
    return bool(_ANSWER_OPENS.search(text) or terms(text) & terms(question) or given(text) & kinds)


def since(in_hand: Sequence[InHand], turns: Sequence[Turn]) -> datetime | None:
    """The instant after which a staff question is the latest thing put to the requester: the
    opening of their latest ticket in hand, or a turn of theirs in the first inquiry going on
    (their words on another ticket leave a question waiting: a reply to one officer answers
    that one only, bot/replies.py)."""
    said = [h.opened for h in in_hand if h.opened is not None]
    said += [datetime.fromisoformat(t["at"]) for t in turns if t.get("by") == "requester"]
    return max(said, default=None)


def question_waits(held: InHand, after: datetime | None) -> bool:
    """Whether the staff's question on a ticket waits for the requester's next word: its
    staff's latest public words ask them something, after they last wrote to it and after
    `after` (`since`), and the ticket is not resolved (a resolution is answered otherwise)."""
    return (
        held.waiting
        and not held.resolved
        and held.staff_wrote is not None
        and (after is None or held.staff_wrote > after)
        and asks_requester(held.said)
    )


Asker = tuple[bool, datetime, Ticket, InHand, bool]  # urgent, asked at, ticket, held, staff's


def first_asked(candidates: Sequence[Asker], text: str) -> Ticket | None:
    """Of the tickets that asked what `text` may answer, the one it answers: the only one; an
    emergency's, when one alone is; the one whose question the words fit best
    (`answer_fit`); else, when only the bot's requests for details are in question, the one
    that asked last; None: the requester is asked which (bot/replies.py)."""
    if len(candidates) == 1:
        return candidates[0][2]
    urgent = [c for c in candidates if c[0]]
    if len(urgent) == 1:
        return urgent[0][2]
    fits = [
        (
            fit(text, said=c[3].said if c[4] else "", question=c[2].question, resolved=False),
            c[2].id,
        )
        for c in candidates
    ]
    best = answer_fit.best(fits)
    if best is not None:
        return next(c[2] for c in candidates if c[2].id == best)
    if candidates and not any(c[4] for c in candidates):
        return max(candidates, key=lambda c: (c[1], c[2].id))[2]
    return None


def urgent(desk: Desk, ticket: Ticket) -> bool:
    """Whether `ticket` is at the priority a danger to people demands."""
    return ticket.priority == emergency_priority(desk.settings)


async def asked_ticket(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    turns: Sequence[Turn],
    text: str,
    beside: bool,
) -> Ticket | None:
    """The ticket in hand whose question `text` answers, `turns` the first inquiry going on
    (see the module): a staff question waiting for their next word, or, no inquiry going on
    (`beside`: bot/intake/owed.py reads those), details a ticket waits for
    (`InHand.awaits`); None: none asked, and the other readers decide."""
    if requester.id is None:
        return None
    found = await replies.in_hand(session=tx.session, requester_id=requester.id, words=text)
    after = since([h for _, h in found], turns)
    kinds = given(text)
    candidates: list[Asker] = []
    for ticket, held in found:
        waits = question_waits(held, after)
        if waits and held.staff_wrote and _answers(desk, requester, ticket, held, text):
            candidates.append((urgent(desk, ticket), held.staff_wrote, ticket, held, True))
        elif (
            not beside
            and held.awaits & kinds
            and not reads_as_question(text)
            and _its_kind(desk, ticket, text)
        ):
            candidates.append((urgent(desk, ticket), ticket.opened_at, ticket, held, False))
    return first_asked(candidates, text)


def _answers(desk: Desk, requester: Requester, ticket: Ticket, held: InHand, text: str) -> bool:
    """Whether `text`, the next word after `ticket`'s staff asked, is taken as its answer:
    it reads as one (`answers`), or it is not clearly a matter of its own (`apart_from`)."""
    if emergency_words(desk.rules, text) and danger_apart(desk, ticket, text):
        return False  # a danger told now of another matter: its own urgent ticket
    if answers(text, held.said, held.awaits):
        return True
    return same_matter(desk, ticket, text) or not apart_from(desk, requester, ticket, text)


def _its_kind(desk: Desk, ticket: Ticket, text: str) -> bool:
    """Details that tell a fault are the ticket's only when it is of that matter
    ("和平路12号的路灯坏了" is a street light's, wherever the power cut's address waits)."""
    return not reports_fault(text) or same_matter(desk, ticket, text)
