"""Details a ticket in hand waits for, written while a first inquiry goes on beside it (issue
14, "every word reaches its ticket"). The bot asked for the power cut's address with ticket #1;
the requester, after /new, asked about the housing fund and was answered; then they send
"和平路12号3单元": a clerk files the address with the power cut, not into the housing fund
question (which would open a ticket of the fund with the power cut's address in it). The
inquiry goes on as it was: its answer's buttons stay."""

from __future__ import annotations

from collections.abc import Sequence

from bot import answer_kinds, awaited, matter_terms, replies
from bot.classify import infer_category
from bot.desk import Desk
from bot.faults import reports_fault
from bot.intake import inquiry
from bot.intake.inquiry import Turn
from bot.intake.new_matter import reads_as_question
from bot.intake.own_kind import fault_category, same_matter
from bot.models import Requester, Ticket
from bot.transaction import Transaction

_INQUIRY = 0  # the inquiry going on, among the tickets' ids in `matter_terms.named`


async def owed_ticket(
    *, tx: Transaction, desk: Desk, requester: Requester, turns: Sequence[Turn], text: str
) -> Ticket | None:
    """The ticket in hand that `text`, written while the first inquiry `turns` goes on,
    answers: the details it gives (`answer_kinds.gives`: "灯一直闪" tells what the lights do)
    are of a kind that ticket, and no other, waits for (`awaited.awaits`: the bot or its
    officer asked for them), the inquiry's own answer asked for none of that kind, the text
    asks nothing (`reads_as_question`), names no matter but that ticket's
    (`matter_terms.named`) and tells no fault but its (`own_kind.same_matter`: "和平路12号的
    路灯坏了" is a street light's, wherever the power cut's address is awaited). None: it is
    the inquiry's."""
    kinds = answer_kinds.gives(text)
    if not kinds or awaited.bot_asked(turns) & kinds or reads_as_question(text):
        return None
    if requester.id is None:  # first seen now: nothing of theirs is in hand
        return None
    found = await replies.in_hand(session=tx.session, requester_id=requester.id, words=text)
    matters = {ticket.id: held.question for ticket, held in found}
    named = matter_terms.named(text, {**matters, _INQUIRY: inquiry.words(turns)})
    owed = [ticket for ticket, held in found if held.awaits & kinds]
    if len(owed) != 1 or not named <= {owed[0].id}:
        return None
    fault = reports_fault(text) or infer_category(desk.settings, text) == fault_category(desk)
    return None if fault and not same_matter(desk, owed[0], text) else owed[0]
