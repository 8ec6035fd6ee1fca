"""A complaint naming a member of staff (issue 14, SPEC rules 3 and 13): "上周在窗口办事的时候
李强态度很差,说话很冲,我要投诉他", "I want to complain about Li Qiang, he was rude at the
counter last week". A tester's became a ticket in 李强's own department's queue, which 李强
could claim, no supervisor told, and the requester asked for a staff number they had given by
name. A clerk takes a complaint about a colleague to a supervisor: the name (as the staff
directory has it, in another spelling configured, `also_known_as`, or the staff number) is
the identification; a complaint ticket opens in the named one's department, its supervisor
its owner at once (nobody claims it from the queue; the one complained of is never made its
owner: bot/complaints.py `require_not_accused`); its log records whom it is about
(`COMPLAINT_RAISED`); the supervisors and management hear it with the words
(`alert_complaint`), and the requester that a supervisor has it (`complaint_heard`, with the
promise). A complaint of the owner of the ticket in hand is that ticket's (bot/complaints.py).
The one complained of being that department's only supervisor, the ticket waits for management
to assign it, and each manager alone hears the words, in private.
A complaint said otherwise is one all the same: "我要投诉" and then whom and what, as the next
message; bad manners told without the word ("王芳态度太差了!!"); a name in lower case, a staff
number without its hyphen; a complaint of the officer of a resolved ticket (not a reopen).
The ticket is confidential (bot/supervised.py)."""

from __future__ import annotations

from bot import complaints, lifecycle
from bot.classify import fallback_category, infer_category
from bot.complaint_words import complains_of_someone, complaint_alone
from bot.complaints import ALERT, HEARD, SAID
from bot.desk import Desk
from bot.excerpt import excerpt
from bot.intake import inquiry, language
from bot.intake.close import Matter
from bot.intake.handing import hand_over
from bot.ledger import contacted
from bot.lifecycle import Action
from bot.models import ACTIVE_STATUSES, Requester, StaffRole, Ticket
from bot.notices import Audience, Notice, address, card_refresh, publish
from bot.ownership import owner_notice
from bot.rules import Rules
from bot.staff import StaffMember
from bot.store import save
from bot.transaction import Transaction


def accused_in(
    rules: Rules, current: Ticket | None, text: str, before: str = ""
) -> StaffMember | None:
    """The member of staff `text` complains about (bot/complaint_words.py
    `complains_of_someone`: a complaint, or their bad manners told; or a complaint said alone
    just `before`, "我要投诉" and then whom and what: their name, spelling or staff number in the
    words), unless they own `current`, the ticket in hand still being worked on (its own
    complaint of how it is handled; once resolved, a complaint of its officer is one of its
    own); None when it names nobody of the staff."""
    alone = any(complaint_alone(line) for line in before.splitlines())
    if not complains_of_someone(text) and not alone:
        return None
    named = rules.staff.named_in(text)
    working = current is not None and current.status in ACTIVE_STATUSES
    owner = current.owner_id if working and current is not None else None
    if not named or any(member.user_id == owner for member in named):
        return None
    return named[0]


async def _to_supervisor(
    tx: Transaction, rules: Rules, ticket: Ticket, accused: StaffMember
) -> Ticket:
    """`ticket` given at once to a supervisor of its department other than `accused`
    (recorded as an assignment by nobody, naming whom it complains of); left for management
    to assign when there is none."""
    supervisor = next(
        (s for s in rules.staff.supervisors_of(ticket.department_key) if s != accused.user_id),
        None,
    )
    if supervisor is None:
        return ticket
    data = {"owner_id": supervisor, "previous_owner_id": None, "complaint_about": accused.user_id}
    lifecycle.move(tx.session, ticket, Action.ASSIGN, now=tx.now, actor_id=None, data=data)
    contacted(tx.session, rules, ticket, tx.now, None)
    return await save(tx.session, rules, ticket)


async def recurrence_to_supervisor(
    *, tx: Transaction, desk: Desk, ticket: Ticket, closed: Ticket
) -> bool:
    """`ticket`, just opened as the recurrence of `closed`, whose requester complained of its
    owner: given to a supervisor (never back to the one complained of, who can neither claim
    it nor be assigned it: the complaint is recorded on it too), the supervisors told with
    the complaint's words, the requester who has it. False (nothing done) without such a
    complaint."""
    rules = desk.rules
    member = rules.staff.get(closed.owner_id)
    said = None
    if member is not None:
        said = await complaints.words_against(tx.session, closed.id, member.user_id)
    if member is None or said is None:
        return False
    ticket = await _to_supervisor(tx, rules, ticket, member)
    data = {"about": member.user_id, "words": said, "recurrence_of": closed.id}
    lifecycle.record(
        tx.session, ticket, lifecycle.COMPLAINT_RAISED, now=tx.now, actor_id=None, data=data
    )
    named = {**_named(member), "said": said}
    await publish(tx, rules, [card_refresh(ticket), Notice(ALERT, _above(member), ticket, named)])
    if ticket.owner_id is not None:
        requester = await tx.session.get(Requester, ticket.requester_id)
        assert requester is not None  # a foreign key
        told = await owner_notice(tx, rules, ticket, requester)
        await tx.publish(address(rules, [told], tx.now), last=True)
    return True


def _above(accused: StaffMember) -> tuple[Audience, ...]:
    """Who hears a complaint of `accused`: the supervisors of their department and management;
    management alone when they are a supervisor (never the one complained of)."""
    if accused.role is StaffRole.SUPERVISOR:  # each manager privately: never a chat of theirs
        return (Audience.MANAGERS,)
    return Audience.supervising()


def _named(accused: StaffMember) -> dict[str, str | bool]:
    """Whom a complaint is about, as the supervisors' alert names them, and who has it as the
    requester was told (`management`: a supervisor complained of, management)."""
    return {
        "accused_name": accused.name,
        "accused_staff_number": accused.staff_number,
        "accused_department": accused.department_key,
        "management": accused.role is StaffRole.SUPERVISOR,
    }


async def take_staff_complaint(
    *,
    tx: Transaction,
    desk: Desk,
    requester: Requester,
    current: Ticket | None,
    text: str,
    message_id: int | None = None,
    forwarded: bool = False,
) -> Ticket | None:
    """`text` (the message `message_id`), a complaint naming a member of staff, taken to a
    supervisor in the caller's transaction (see the module): the complaint ticket opened, or
    None when the words are no such complaint (a forward's words are never theirs)."""
    if forwarded or not desk.rules.staff.named_in(text):
        return None  # a forward's words are never theirs; no one of the staff named
    earlier: list[inquiry.Turn] = []
    asked = ""
    if not complains_of_someone(text):  # "我要投诉" said just before: whom and what, now?
        waiting = requester.dialog_step is not None
        earlier = inquiry.current(requester.inquiry, now=desk.now(), waiting=waiting)
        if requester.id is not None:  # said beside a ticket in hand, and asked about
            asked = await complaints.asked_before(tx.session, requester.id, tx.now)
    before = "\n".join(w for w in (asked, inquiry.words(earlier, own=True)) if w)
    accused = accused_in(desk.rules, current, text, before)
    if accused is None:
        return None
    settings, rules = desk.settings, desk.rules
    language.follow_words(requester, text, desk.texts.supported)
    turns = [*earlier, inquiry.said(text, desk.now(), message_id=message_id)]
    # "我要投诉" and then whom and what: all of it
    text = "\n".join(w for w in (asked, inquiry.words(turns) or text) if w)
    requester.inquiry, requester.last_question, requester.last_offered = turns, text, None
    requester.dialog_step = None
    category = (
        infer_category(settings, "投诉")
        or infer_category(settings, "complaint")
        or fallback_category(settings)
    )
    outcome = await hand_over(
        tx=tx,
        desk=desk,
        requester=requester,
        question=text,
        category=category,
        department=accused.department_key,
        matter=Matter(desk, turns, text),
        admitted=True,  # a complaint about staff is never refused for tickets in hand
        complaint_about=accused.user_id,  # confidential (bot/supervised.py)
    )
    assert outcome.ticket is not None
    ticket = await _to_supervisor(tx, rules, outcome.ticket, accused)
    said = excerpt(text.strip(), SAID).text
    lifecycle.record(
        tx.session,
        ticket,
        lifecycle.COMPLAINT_RAISED,
        now=tx.now,
        actor_id=requester.telegram_user_id,
        data={"about": accused.user_id, "words": said},
    )
    named = {**_named(accused), "said": said}
    heard = {
        "accused": rules.staff.shown_as(accused.user_id),
        "department": ticket.department_key,
        "management": accused.role is StaffRole.SUPERVISOR,  # above them: management
    }
    notices = [
        card_refresh(ticket),
        Notice(ALERT, _above(accused), ticket, named),
        Notice(HEARD, (Audience.REQUESTER,), ticket, heard, requester=requester),
    ]
    await publish(tx, rules, notices)
    return ticket
