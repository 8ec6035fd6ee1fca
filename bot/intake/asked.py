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

from bot import replies
from bot.answer_fit import terms
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
    r"|^\s*(yes|yeah|yep|no|nope|not|sure|ok|okay|i (do|did|have|had|don't|didn't|haven't|am|was))\b",
    re.IGNORECASE,
)


def answers(text: str, question: str, kinds: frozenset[str]) -> bool:
    """Whether `text` reads as an answer to `question`: it opens as an answer does, shares a
    term with it (`answer_fit.terms`), or gives a kind of detail it asks for (`kinds`)."""
    return bool(_ANSWER_OPENS.search(text) or terms(text) & terms(question) or given(text) & kinds)


def latest_word(in_hand: Sequence[InHand], turns: Sequence[Turn]) -> datetime | None:
    """The instant of the requester's latest word: a message filed under (or the opening of)
    a ticket in hand, or a turn of their first inquiry going on."""
    said = [h.requester_wrote for h in in_hand if h.requester_wrote is not None]
    said += [datetime.fromisoformat(t["at"]) for t in turns if t.get("by") == "requester"]
    return max(said, default=None)


def question_waits(held: InHand, after: datetime | None) -> bool:
    """Whether the staff's question on a ticket waits for the requester's next word: its
    staff's latest public words ask them something, after anything they said since
    (`after`), and the ticket is not resolved (a resolution is answered otherwise)."""
    return (
        held.waiting
        and not held.resolved
        and held.staff_wrote is not None
        and (after is None or held.staff_wrote >= after)
        and asks_requester(held.said)
    )


def first_asked(candidates: Sequence[tuple[bool, datetime, Ticket]]) -> Ticket | None:
    """Of (urgent, asked at, ticket) candidates, the urgent one asked latest, else the one
    asked latest; None when there is none."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1], c[2].id))[2]


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
    after = latest_word([h for _, h in found], turns)
    kinds = given(text)
    candidates: list[tuple[bool, datetime, Ticket]] = []
    for ticket, held in found:
        waits = question_waits(held, after)
        if (
            waits
            and held.staff_wrote is not None
            and _answers(desk, requester, ticket, held, text)
        ):
            candidates.append((urgent(desk, ticket), held.staff_wrote, ticket))
        elif (
            not beside
            and held.awaits & kinds
            and not reads_as_question(text)
            and _its_kind(desk, ticket, text)
        ):
            at = held.staff_wrote if waits and held.staff_wrote else ticket.opened_at
            candidates.append((urgent(desk, ticket), at, ticket))
    return first_asked(candidates)


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
