"""Whose a requester's text is, while a ticket of theirs is in hand: the first inquiry's going
on beside it (`beside`), the ticket's, or a matter of its own taken apart from it (`apart`:
after a lead; `aside`: another matter, answered or its own ticket); and which ticket in hand
it is about when more than one is (issue 14, "every word reaches its ticket"). A clerk with
two files open files the power cut's address, asked for, with the power cut, though the
lost ID card was opened since or a housing fund question goes on (bot/intake/owed.py), and
"家里没电了" said beside the ID card's ticket with the power cut's already in hand, not as
another power cut: `Placed.settled`, the ticket was chosen by its matter or the details it
waits for, not taken as the latest in hand."""

from __future__ import annotations

from dataclasses import dataclass

from bot import acknowledgements, replies
from bot.complaint_words import complains
from bot.desk import Desk
from bot.details import given
from bot.intake import inquiry, lead, pressing
from bot.intake.answering import asked_ticket
from bot.intake.beside_asked import asked_waits
from bot.intake.close import other_matter
from bot.intake.complaint_opener import complaint_told
from bot.intake.different_matter import Differs, cut_told, differs
from bot.intake.inquiry import Turn
from bot.intake.new_matter import Led, reads_as_question
from bot.intake.openers import wants_person
from bot.intake.owed import owed_ticket
from bot.intake.own_kind import apart_from, same_matter
from bot.intake.reply import Reply, reply_alone, reply_to_answer
from bot.intake.small_words import has_words
from bot.models import DialogStep, Requester, Ticket
from bot.priority import emergency_words
from bot.transaction import Transaction
from bot.withdrawal import asked_of
from bot.withdrawal_words import (
    says_withdrawn,
    withdrawal_answer,
    withdraws,
    withdraws_ticket,
)

_ANSWERED = ("answer", "suggest")  # the bot's acts that a person asked for right after takes


@dataclass(frozen=True)
class Placed:
    """Where a text stands (`place`): `ticket`, the ticket in hand it is about (None: none
    is in hand); `beside`, it goes on with the first inquiry beside the tickets; `apart`, a
    question after a lead, of another matter than the ticket's; `aside`, another matter than
    the ticket's; `settled`, `ticket` was chosen among those in hand for its matter or the
    details it waits for; `unsure`, a complaint or report opener said alone beside `ticket`
    ("我要投诉", "I want to complain"), or words that may be another matter than its
    (`different_matter.Differs.ASK`: "还是没修好,垃圾桶也没人清理" beside a street light):
    about that ticket or a new matter? The requester is asked."""

    ticket: Ticket | None
    beside: bool
    apart: bool
    aside: bool
    settled: bool = False
    unsure: bool = False


async def place(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    turns: list[Turn],
    text: str,
    step: DialogStep | None,
    forwarded: bool,
    parted: Led | None,
    replied: int | None = None,
) -> Placed:
    """Where `text` stands, `current` the requester's latest ticket in hand, `turns` their
    first inquiry going on, `step` the dialog step waiting, `forwarded` the text passed on,
    `parted` a reply or opener leading a question in it (`new_matter.led_question`),
    `replied` the message of their chat it replies to (None: none).

    A question answered aside from the ticket in hand takes only what answers its answer
    ("没用", "解决了", thanks alone, or such leading a question) or names an option it offered
    ("the second one"); else the ticket's, unless it is one
    too. Details a ticket in hand waits for are that ticket's, not the inquiry's
    (`owed_ticket`); after a lead, a question of another matter than the ticket's is taken
    alone (`lead.apart`); another matter than the ticket's is answered or its own ticket
    (`apart_from`), unless it is the matter of another ticket in hand (`same_matter`); so is
    one that names another thing than the ticket's or the knowledge base answers as another
    kind of matter, with no opener word (`_differs`: "我家楼下的垃圾桶好几天没人清理了" beside
    a street light), or, when it may still be the ticket's, the requester is asked
    (`unsure`)."""
    # Right after its answer, thanks or "ok" alone answer it too ("好的,谢谢": `reply_alone`).
    answered = bool(turns) and turns[-1].get("did") == "answer"
    beside = bool(turns) and not (
        inquiry.is_aside(turns)
        and (reply_alone(text) if answered else reply_to_answer(text)) is None
        and (parted is None or parted.reply is None)
        and not pressing.names_offer(desk, requester, text)
        # "人工" right after the answer: a person for that question, as *Not solved* under it.
        and not (turns[-1].get("did") in _ANSWERED and wants_person(text))
    )
    free = step is None and not forwarded and current is not None
    if free and current is not None:  # beside the ticket their words go to, not the latest
        current = await _pointed(tx, desk, requester, current, replied, parted)
    # Beside an inquiry going on, or instead of the new question /new asked for; but a
    # complaint after /new is the new matter ("我要投诉3号窗口的工作人员让我等了两个小时": its
    # "两个小时" is no detail owed to the street light in hand).
    fresh = (
        step is DialogStep.NEW_QUESTION
        and not forwarded
        and current is not None
        and not complains(text)
    )
    # "cancel it", "撤销我的投诉" right after /new, or "I want to cancel my ticket" whatever
    # the first inquiry is on (a complaint begun, its matter asked for; a question answered
    # beside): the ticket in hand withdrawn, as the same words say without /new (asked to
    # confirm, bot/withdrawal.py; which one, when several are worked on, bot/replies.py
    # `route`). /new begins a new question; it puts no ticket in hand out of reach. While a
    # question waits for its category, "算了" drops that question (`decision.before_match`).
    held = not forwarded and current is not None and step is not DialogStep.CATEGORY
    if held and (withdraws_ticket(text) or (step is DialogStep.NEW_QUESTION and withdraws(text))):
        return Placed(current, beside=False, apart=False, aside=False, settled=True)
    asked = (
        await asked_ticket(
            tx=tx, desk=desk, requester=requester, turns=turns, text=text, beside=beside
        )
        if free
        else None
    )
    if asked is not None:  # the answer to a question waiting: that ticket's, whatever it asks
        return Placed(asked, beside=False, apart=False, aside=False, settled=True)
    # "撤吧", "yes withdraw" typed under the question whether to withdraw a ticket in hand: its
    # answer, as its buttons are (bot/withdrawal.py), never a matter told apart from it (a
    # staff question asked since, or an inquiry going on beside, has the words first).
    answering = free and not beside
    withdrawal = await _withdrawal_answered(tx, requester, current, text) if answering else None
    if withdrawal is not None:
        return Placed(withdrawal, beside=False, apart=False, aside=False, settled=True)
    owed = (
        await owed_ticket(tx=tx, desk=desk, requester=requester, turns=turns, text=text)
        if (free and beside) or fresh
        else None
    )
    if owed is not None:
        return Placed(owed, beside=False, apart=False, aside=False, settled=True)
    apart = (
        step is None and current is not None and not beside and lead.apart(desk, current, parted)
    )
    # "我要投诉" alone: about a ticket in hand, or a new matter? Typed instead of naming a
    # ticket when asked which one a message is for, a new matter begun (bot/intake/
    # beside_asked.py): what is it about? Never the same question again. So is a question
    # of no ticket's matter typed then: answered, or a first inquiry of its own.
    opener = free and not beside and complaint_told(text) == ""
    begun = (
        free
        and not beside
        and (opener or reads_as_question(text))
        and await asked_waits(session=tx.session, requester=requester)
        and (opener or not await _of_any(tx, desk, requester, text))
    )
    aside = (
        free
        and current is not None
        and not beside
        and has_words(text)
        and (apart or begun or apart_from(desk, requester, current, text))
    )
    if opener and not begun:
        return Placed(current, beside=False, apart=False, aside=False, unsure=True)
    unsure = False
    # "算了,不用了", "never mind, cancel it": the ticket in hand withdrawn (asked to confirm,
    # bot/withdrawal.py), never a matter to tell apart from it.
    withdrawing = says_withdrawn(text)
    if free and current is not None and not beside and not aside and has_words(text):
        found = (
            None if withdrawing else await _differs(tx, desk, requester, current, text, replied)
        )
        aside, unsure = found is Differs.APART, found is Differs.ASK
    if (aside or unsure) and not apart and not begun and current is not None:
        other = await _of_matter(tx, desk, requester, current, text)
        if other is not None:
            return Placed(other, beside=False, apart=False, aside=False, settled=True)
    if unsure:
        return Placed(current, beside=False, apart=False, aside=False, unsure=True)
    return Placed(current, beside=beside, apart=apart, aside=aside)


async def _withdrawal_answered(
    tx: Transaction, requester: Requester, current: Ticket | None, text: str
) -> Ticket | None:
    """The ticket in hand whose withdrawal question `text` answers (`withdrawal.asked_of`),
    `current`, the one the words point at, first."""
    if current is None or requester.id is None or withdrawal_answer(text) is None:
        return None  # most words: no look at the tickets in hand
    found = await replies.in_hand(session=tx.session, requester_id=requester.id)
    tickets = [current, *(t for t, _ in found if t.id != current.id)]
    return await asked_of(session=tx.session, tickets=tickets, requester=requester, text=text)


async def _pointed(
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket,
    replied: int | None,
    parted: Led | None,
) -> Ticket:
    """The ticket in hand the requester's own words point their text at, which it is read
    beside: the one whose message they reply to; else, "solved" leading it (`parted`), the
    one resolution in hand awaiting their word; else the one they go on a run in
    (bot/acknowledgements.py `run_of`: its acknowledgement promised what follows in a row goes
    there, and bot/replies.py routes it there); else `current`, their latest. A tester's
    "另外灯杆底座也有点歪", in a row after a reply on the street light's #1, was read beside
    #2, the newest, and opened a ticket of its own "not merged into #2"; "好了,但是水压还是很低"
    was read beside the ticket in progress, not the resolved one it confirms."""
    if requester.id is None:
        return current
    found = await replies.in_hand(session=tx.session, requester_id=requester.id)
    if len(found) <= 1:
        return current
    pointed = None
    if replied is not None:
        pointed = await replies.ticket_of_message(
            session=tx.session, chat_id=requester.chat_id, message_id=replied
        )
    if pointed is None and parted is not None and parted.reply is Reply.SOLVED:
        resolved = [t.id for t, held in found if held.resolved]
        pointed = resolved[0] if len(resolved) == 1 else None
    if pointed is None:
        pointed = await acknowledgements.run_of(
            session=tx.session,
            requester_id=requester.id,
            now=tx.now,
            quiet=desk.settings.notices.acknowledge_quiet,
        )
    if pointed is None or pointed == current.id:
        return current
    return next((t for t, _ in found if t.id == pointed), current)


async def _differs(
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket,
    text: str,
    replied: int | None,
) -> Differs | None:
    """How `text`, beside `current` and not taken apart from it (`apart_from`), differs from
    its matter (`different_matter.differs`); None, never read so, when it is an opener's
    complaint or a danger (`apart_from` decided those), replies to a message of a ticket
    (`replied`: theirs, whatever it names), or gives details `current` waits for (the place
    it asked for, "在和平路88号垃圾桶旁边"), unless it tells a supply cut now that `current`
    does not (`different_matter.cut_told`: a place with it is the cut's)."""
    if complaint_told(text) is not None or emergency_words(desk.rules, text):
        return None
    if replied is not None and requester.id is not None:
        of = await replies.ticket_of_message(
            session=tx.session, chat_id=requester.chat_id, message_id=replied
        )
        if of is not None:
            return None
    cut = cut_told(desk, current, text)  # a water cut is no address a ticket asked for
    if cut is not None:
        return cut
    kinds = given(text)
    if kinds and requester.id is not None:
        found = await replies.in_hand(session=tx.session, requester_id=requester.id, words=text)
        if any(t.id == current.id and held.awaits & kinds for t, held in found):
            return None
    return differs(desk, requester, current, text, tx.now)


async def _of_any(tx: Transaction, desk: Desk, requester: Requester, text: str) -> bool:
    """Whether `text` tells the matter of a ticket in hand (`same_matter`)."""
    found = await replies.in_hand(session=tx.session, requester_id=requester.id)
    return any(same_matter(desk, t, text) for t, _ in found)


async def _of_matter(
    tx: Transaction, desk: Desk, requester: Requester, current: Ticket, text: str
) -> Ticket | None:
    """The one other ticket in hand whose matter `text`, of another matter than `current`'s,
    tells (`same_matter`); None when none does, or more than one."""
    if requester.id is None:
        return None
    found = await replies.in_hand(session=tx.session, requester_id=requester.id)
    others = [
        t
        for t, _ in found
        if t.id != current.id
        and same_matter(desk, t, text)
        # A question the knowledge base answers as another matter than the ticket's is not
        # its for a word they share ("housing fund" beside "public rental housing").
        and not other_matter(desk, requester, t, text)
    ]
    return others[0] if len(others) == 1 else None
