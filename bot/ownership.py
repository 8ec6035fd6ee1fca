"""Who owns a ticket and how urgent it is, as flows that say who hears of it: a claim, a
supervisor's assignment, a change of priority (the services are bot/tickets.py's).

Each flow changes the ticket in the caller's transaction and publishes its notices there
(bot/notices.py); the one who acted is answered by the front:
- claimed: the requester hears who owns the ticket and by when it will be settled;
- assigned: the ticket's staff hear who made whom the owner, the new owner hears in private,
  the previous owner (a reassignment) hears in private that it is no longer theirs and whose
  it is, the requester as for a claim;
- priority changed: the ticket's staff hear the priority and the new deadline; the requester
  hears the new promise, in their language, if the resolution deadline moved.
"""

from __future__ import annotations

from bot import replies, store, tickets
from bot.excerpt import excerpt, one_line, question_values
from bot.models import Requester, Ticket
from bot.notices import Audience, Notice, address, card_refresh, publish
from bot.priority import priority_notices
from bot.rules import Rules
from bot.transaction import Transaction


async def _requester(tx: Transaction, ticket: Ticket) -> Requester:
    requester = await tx.session.get(Requester, ticket.requester_id)
    assert requester is not None  # a foreign key
    return requester


def _owner(rules: Rules, ticket: Ticket) -> str:
    return rules.staff.shown_as(ticket.owner_id) or "-"


MATTER = 60  # UTF-16 units of the question that name a ticket's matter to its requester


async def owner_notice(
    tx: Transaction, rules: Rules, ticket: Ticket, requester: Requester
) -> Notice:
    """The requester hears who now owns their ticket and by when it will be settled. With
    more than one ticket in hand (`several`), which one it is, by its number and its matter
    (`matter`: the start of their question), and that a reply to this message reaches its
    owner: what they send otherwise goes to the ticket whose staff's words wait for them, or
    they are asked which (bot/replies.py), so "all you send goes to this owner" would not be
    true."""
    several = len(await replies.in_hand(session=tx.session, requester_id=requester.id)) > 1
    values = {
        "owner": _owner(rules, ticket),
        "several": several,
        "matter": excerpt(one_line(ticket.question), MATTER).text,  # quoted on one line
    }
    return Notice(
        "claimed_notice", (Audience.REQUESTER,), ticket, values, requester=requester, own_word=True
    )


async def claim_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, officer_id: int
) -> Ticket:
    """`tickets.claim` at the transaction's instant, the requester told in it. Raises as
    `tickets.claim` does (AlreadyClaimed, another DeskError)."""
    ticket = await tickets.claim(
        session=tx.session, rules=rules, ticket_id=ticket_id, officer_id=officer_id, now=tx.now
    )
    await publish(tx, rules, [await owner_notice(tx, rules, ticket, await _requester(tx, ticket))])
    return ticket


async def assigned_notices(
    tx: Transaction,
    rules: Rules,
    ticket: Ticket,
    supervisor_id: int,
    requester: Requester,
    *,
    previous_owner_id: int | None = None,
    reason: str | None = None,
) -> list[Notice]:
    """Who hears that a supervisor made someone the owner, in that order: first the card in
    the staff group, redrawn as claimed with its owner (as a claim redraws it); the group and
    the new owner with the supervisor's `reason`, when given (issue 14: it was dropped), and
    whether it was management's doing (`by_management`: not worded as a supervisor's); the
    previous owner, if any, that it is no longer theirs (`reassigned_away`: by whom, why)."""
    by = rules.staff.shown_as(supervisor_id) or str(supervisor_id)
    why: dict[str, object] = {"reason": reason.strip()} if reason and reason.strip() else {}
    # Worded by the assigner's role: management is not called a supervisor.
    why |= {"by_management": True} if rules.staff.is_management(supervisor_id) else {}
    event = {"event": "assigned", "by": by, "owner": _owner(rules, ticket), **why}
    yours = {**question_values(ticket.question), **why}
    notices = [
        card_refresh(ticket),
        Notice("staff_event", (Audience.TICKET_STAFF,), ticket, event),
        Notice("assigned_to_you", (Audience.OWNER,), ticket, yours),
    ]
    if previous_owner_id is not None and previous_owner_id != ticket.owner_id:
        away = {"by": by, "reason": reason or ""}
        notices.append(
            Notice("reassigned_away", (Audience.PERSON,), ticket, away, person=previous_owner_id)
        )
    return [*notices, await owner_notice(tx, rules, ticket, requester)]


async def assign_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    supervisor_id: int,
    officer_id: int,
    reason: str | None,
    shown_owner_id: int | None = None,
    reason_needed: bool = False,
) -> Ticket:
    """`tickets.assign` at the transaction's instant (`shown_owner_id`: chosen on a picker
    that showed this owner; `reason_needed`: a reassignment must say why), and its notices
    published in it. Raises as `tickets.assign` does (DeskError)."""
    was = await store.get(session=tx.session, ticket_id=ticket_id, lock=True)
    previous_owner_id = was.owner_id
    ticket = await tickets.assign(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        supervisor_id=supervisor_id,
        officer_id=officer_id,
        reason=reason,
        now=tx.now,
        shown_owner_id=shown_owner_id,
        reason_needed=reason_needed,
    )
    requester = await _requester(tx, ticket)
    notices = await assigned_notices(
        tx,
        rules,
        ticket,
        supervisor_id,
        requester,
        previous_owner_id=previous_owner_id,
        reason=reason,
    )
    await publish(tx, rules, notices)
    return ticket


async def give_back_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket: Ticket,
    owner_id: int,
    closed: Ticket,
    rated: int | None = None,
    said: bool = False,
) -> Ticket:
    """`ticket`, just opened as the recurrence of `closed` (bot/intake/recurrence.py), given
    to `owner_id`, `closed`'s former owner (`tickets.give_back`), and who hears of it: the
    card redrawn with its owner, the owner in private (which closed ticket came back, its
    deadline, the requester's words; `rated`: the low rating they said it after; `said`: they
    wrote of its matter again, not under its message), the requester who owns it."""
    ticket = await tickets.give_back(
        session=tx.session,
        rules=rules,
        ticket=ticket,
        officer_id=owner_id,
        recurrence_of=closed.id,
        now=tx.now,
    )
    yours = {
        **question_values(ticket.question),
        "recurrence_of": closed.id,
        "rated": rated,
        "said": said,
    }
    notices = [card_refresh(ticket), Notice("assigned_to_you", (Audience.OWNER,), ticket, yours)]
    await publish(tx, rules, notices)
    # Who has it, after the promise that registers it (the front's, published later in this
    # transaction): as a new ticket's requester hears it, registered first, then its owner.
    told = await owner_notice(tx, rules, ticket, await _requester(tx, ticket))
    await tx.publish(address(rules, [told], tx.now), last=True)
    return ticket


async def reprioritise_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    actor_id: int,
    priority: str,
    shown_priority: str | None = None,
) -> tuple[Ticket, str]:
    """`tickets.change_priority` at the transaction's instant (`shown_priority`: chosen on a
    picker that showed this priority), and its notices published in it (a lowering said as
    one, `priority_notices`): the ticket and the priority it had. Raises as
    `tickets.change_priority` does (DeskError)."""
    was = await store.get(session=tx.session, ticket_id=ticket_id)
    before, earlier_priority = was.resolution_due_at, was.priority
    ticket = await tickets.change_priority(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        actor_id=actor_id,
        priority=priority,
        now=tx.now,
        shown_priority=shown_priority,
    )
    moved = ticket.resolution_due_at != before
    requester = await _requester(tx, ticket)
    by = rules.staff.shown_as(actor_id)
    notices = priority_notices(
        rules, ticket, requester, promise_moved=moved, by=by, was=earlier_priority
    )
    if ticket.priority != earlier_priority:  # its card shows the priority and deadlines
        notices.append(card_refresh(ticket))
    await publish(tx, rules, notices)
    return ticket, earlier_priority
