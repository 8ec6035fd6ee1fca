"""Whom a complaint ticket is about, named once it is open (issue 14): "我要投诉", then
"上周去办居住证,被拖了三次都没办好" opened an ordinary complaint ticket in its department's
queue; "就是窗口那个姓李的,李强" was only filed into it, its card kept its Claim button, and
李强, claiming it, was the one the requester's words went to. A clerk hears the name as whom the
complaint is about, as if named at first (bot/intake/staff_complaint.py): the ticket becomes
the confidential complaint about them (bot/supervised.py), owned by a supervisor of their
department other than them (none: it waits for management), taken from them if they had it,
the complaint recorded (`COMPLAINT_RAISED`), the supervisors (management alone when a
supervisor is named) alerted with the words, the requester told a supervisor has it; the
words themselves filed into the ticket and passed to its keeper only, never to the one named."""

from __future__ import annotations

from bot import conversation, lifecycle
from bot.classify import infer_category
from bot.complaint_words import complains
from bot.complaints import ALERT, HEARD, SAID
from bot.desk import Desk
from bot.excerpt import excerpt
from bot.ledger import contacted
from bot.lifecycle import Action
from bot.models import ACTIVE_STATUSES, Requester, StaffRole, Ticket
from bot.notices import Audience, Notice, card_refresh, publish
from bot.staff import StaffMember
from bot.store import save
from bot.transaction import Transaction


def _complaint_ticket(desk: Desk, ticket: Ticket | None) -> Ticket | None:
    """`ticket` when it is a complaint in hand, said as one (its question complains: "我要投诉",
    not a noise report filed under complaints), not yet about a member of staff."""
    if ticket is None or ticket.status not in ACTIVE_STATUSES or ticket.confidential:
        return None
    if not complains(ticket.question):
        return None
    kinds = {infer_category(desk.settings, "投诉"), infer_category(desk.settings, "complaint")}
    return ticket if ticket.category in kinds - {None} else None


def _above(accused: StaffMember) -> tuple[Audience, ...]:
    """Who hears it: management alone when a supervisor is named, else the supervising."""
    if accused.role is StaffRole.SUPERVISOR:
        return (Audience.MANAGERS,)
    return Audience.supervising()


async def take_named_later(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    text: str,
    message_id: int | None = None,
    forwarded: bool = False,
) -> Ticket | None:
    """`text` (the message `message_id`), said into `current`, a complaint ticket in hand, naming
    a member of staff (`StaffRules.named_in`): `current` made the complaint about them (see the
    module) in the caller's transaction and returned; None (nothing done) otherwise."""
    rules = desk.rules
    ticket = _complaint_ticket(desk, current)
    named = [] if forwarded or ticket is None else rules.staff.named_in(text)
    if ticket is None or not named:
        return None
    accused = named[0]
    ticket.complaint_about = accused.user_id  # confidential from now on (bot/supervised.py)
    supervisor = next(
        (s for s in rules.staff.supervisors_of(accused.department_key) if s != accused.user_id),
        None,
    )
    if supervisor is not None and ticket.owner_id != supervisor:
        data = {
            "owner_id": supervisor,
            "previous_owner_id": ticket.owner_id,
            "complaint_about": accused.user_id,
        }
        lifecycle.move(tx.session, ticket, Action.ASSIGN, now=tx.now, actor_id=None, data=data)
        contacted(tx.session, rules, ticket, tx.now, None)
    said = excerpt(text.strip(), SAID).text
    lifecycle.record(
        tx.session,
        ticket,
        lifecycle.COMPLAINT_RAISED,
        now=tx.now,
        actor_id=requester.telegram_user_id,
        data={"about": accused.user_id, "words": said},
    )
    ticket = await save(tx.session, rules, ticket)
    if message_id is not None and requester.id is not None:  # to its keeper only
        await conversation.requester_message_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester.id,
            chat_id=requester.chat_id,
            message_id=message_id,
            text=text,
            acknowledge=False,
        )
    named_values = {
        "accused_name": accused.name,
        "accused_staff_number": accused.staff_number,
        "accused_department": accused.department_key,
        "said": said,
        "management": accused.role is StaffRole.SUPERVISOR,  # as the requester is told
    }
    heard = {
        "accused": rules.staff.shown_as(accused.user_id),
        "department": ticket.department_key,
        "management": accused.role is StaffRole.SUPERVISOR,
    }
    notices = [
        card_refresh(ticket),
        Notice(ALERT, _above(accused), ticket, named_values),
        Notice(HEARD, (Audience.REQUESTER,), ticket, heard, requester=requester),
    ]
    await publish(tx, rules, notices)
    return ticket
