"""The requester withdraws their request: asked to confirm when their words say so, closed when
they do.

Words a requester writes to a ticket still being worked on (open, claimed, handed over) that
clearly withdraw it (bot/withdrawal_words.py: "Please cancel my complaint", "算了,不用了") are
filed and relayed as any are, and answered, instead of "added", with the question whether to
withdraw that ticket, named by its number and its question (`WITHDRAW_ASK`: the front puts
Withdraw / Keep it open under it); words less clear are only filed. Confirmed
(`withdraw_and_tell`), the ticket closes as withdrawn (bot/closure.py `withdraw`): nothing
is due on it any more (no escalation, no reminder), its staff and its owner hear it (while
nobody owns it, the department's staff group, under its card, which loses its Claim), and
so does the department that accepted it, if another did.
"""

from __future__ import annotations

from bot import handed
from bot.closure import withdraw
from bot.models import ACTIVE_STATUSES, Requester, Ticket
from bot.notices import Audience, Notice, card_refresh, publish
from bot.rules import Rules
from bot.transaction import Transaction
from bot.withdrawal_words import says_withdrawn

WITHDRAW_ASK = "withdraw_ask"  # the question to the requester, values `ticket_id`, `question`


def withdrawal_asked(ticket: Ticket, requester: Requester, text: str) -> Notice | None:
    """The question whether to withdraw `ticket` (a WITHDRAW_ASK notice to its requester)
    when `text`, which they just wrote to it, clearly withdraws it and it can still be
    withdrawn (being worked on: a resolved one awaits their word on the resolution); None
    otherwise."""
    if ticket.status not in ACTIVE_STATUSES or not says_withdrawn(text):
        return None
    return Notice(WITHDRAW_ASK, (Audience.REQUESTER,), ticket, requester=requester)


async def withdraw_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, requester_id: int
) -> Ticket:
    """The requester confirmed: `withdraw` at the transaction's instant; its staff and its
    owner are told (`staff_event` "withdrawn"; while nobody owns it, the staff group of its
    department), its card loses Claim, and the department that accepted it, if another did,
    hears it (bot/handed.py `settled_notices`). The requester, who pressed, is answered by
    the front. Raises as `withdraw` does (DeskError: IllegalMove once it is no longer being
    worked on, a stale button)."""
    ticket = await withdraw(
        session=tx.session, rules=rules, ticket_id=ticket_id, requester_id=requester_id, now=tx.now
    )
    group = rules.settings.department(ticket.handling_department_key).staff_group_chat_id
    told = Notice(
        "staff_event",
        (Audience.TICKET_STAFF, Audience.OWNER),
        ticket,
        {"event": "withdrawn"},
        fallback=group,
    )
    handling = await handed.settled_notices(
        session=tx.session, rules=rules, ticket=ticket, event="withdrawn"
    )
    card = [card_refresh(ticket)] if ticket.owner_id is None else []  # Claim goes
    await publish(tx, rules, [told, *card, *handling])
    return ticket
