"""The closed loop (闭环): resolve with a summary, confirm and rate, reopen, withdraw, close.

The services change the ticket in a session; the flows (`resolve_and_tell`,
`confirm_and_tell`, `reopen_and_tell`) do so in a transaction and publish who hears of it
(bot/notices.py): a resolution goes to the requester (the front adds the rating buttons);
their rating or their "not solved" goes to the ticket's staff. Words the requester writes
after a resolution instead of pressing a button are read by `words_after_resolution_and_tell`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import handed, lifecycle
from bot.answered import resolutions_answered
from bot.errors import IllegalMove, InvalidInput
from bot.excerpt import excerpt, one_line, units
from bot.guards import clean_text, require_owner_or_supervisor
from bot.incident_reports import member_cards
from bot.ledger import contacted, record_late_first_response
from bot.lifecycle import Action
from bot.models import (
    CloseReason,
    Rating,
    Requester,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from bot.notices import Audience, Notice, card_refresh, own_word, publish
from bot.other_language import heard_unlike
from bot.priority import raised_for_danger
from bot.rating_words import rating_comment
from bot.resolution_words import Said, read_after_resolution
from bot.rules import Rules
from bot.store import get, get_for_requester, save
from bot.topic_closing import close_topic, reopen_topic
from bot.transaction import Transaction

MAX_SUMMARY = 3500  # UTF-16 units of a resolution summary: the message also asks for a rating
OTHER_SHOWN = 60  # UTF-16 units of another matter's words quoted back with a confirmation
LOW_RATING = 2  # a rating this low or lower is dissatisfaction: what went wrong is asked


def asks_why(score: int) -> bool:
    """Whether a rating of `score` stars is heard as dissatisfaction (回访): the requester is
    asked what went wrong, their answer heard (bot/intake/dissatisfied.py)."""
    return score <= LOW_RATING


async def resolve(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    officer_id: int,
    summary: str,
    now: datetime,
    for_staff: str | None = None,
) -> Ticket:
    """The owner closes the work with a resolution summary; the requester is asked to confirm.
    `for_staff`: the summary as the staff read it, when the requester's is in another language
    (an incident's, written once per language), kept with the event for /ticket N."""
    ticket = await get(session=session, ticket_id=ticket_id)
    require_owner_or_supervisor(rules, ticket, officer_id)
    summary = clean_text(summary, "the resolution summary", "summary")
    if units(summary) > MAX_SUMMARY:
        # It goes to the requester in one message with their rating buttons (Telegram: 4,096
        # UTF-16 units a message): refused here, where the officer still has it to shorten.
        raise InvalidInput("the resolution summary is too long", "too_long", limit=MAX_SUMMARY)
    data = {"summary": summary}
    if for_staff and for_staff != summary:
        data["for_staff"] = for_staff
    lifecycle.move(session, ticket, Action.RESOLVE, now=now, actor_id=officer_id, data=data)
    contacted(session, rules, ticket, now, ticket.owner_id)
    return await save(session, rules, ticket)


async def confirm(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    requester_id: int,
    now: datetime,
    score: int | None = None,
    comment: str | None = None,
    remark: str | None = None,
) -> Ticket:
    """The requester confirms the resolution and may rate it 1-5; `remark`: what they said
    of the service with it ("修好了,不过师傅把地弄脏了"), kept with the confirmation and as
    the comment of the rating they give later (`rate_and_tell`)."""
    ticket = await get_for_requester(
        session=session, ticket_id=ticket_id, requester_id=requester_id
    )
    if score is not None and not 1 <= score <= 5:
        raise InvalidInput("a rating is 1 to 5", "rating_range")
    data: dict[str, object] = {"score": score}
    if remark:
        data["remark"] = remark
    lifecycle.move(session, ticket, Action.CONFIRM, now=now, actor_id=None, data=data)
    if score is not None:
        session.add(
            Rating(
                ticket_id=ticket.id, owner_id=ticket.owner_id, score=score, comment=comment, at=now
            )
        )
    contacted(session, rules, ticket, now, ticket.owner_id)
    return await save(session, rules, ticket)


async def reopen(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket_id: int,
    requester_id: int,
    reason: str,
    now: datetime,
) -> Ticket:
    """'Not solved': back to the same owner, keeping the time promised (a promise never
    moves later, bot/sla.py `kept_promise`: past it, the ticket is overdue and escalates)."""
    ticket = await get_for_requester(
        session=session, ticket_id=ticket_id, requester_id=requester_id
    )
    lifecycle.move(
        session, ticket, Action.REOPEN, now=now, actor_id=None, data={"reason": reason.strip()}
    )
    ticket.reminded_for_notice_at = None
    contacted(session, rules, ticket, now, ticket.owner_id)
    return await save(session, rules, ticket)


async def withdraw(
    *, session: AsyncSession, rules: Rules, ticket_id: int, requester_id: int, now: datetime
) -> Ticket:
    """The requester no longer needs help; the ticket closes as withdrawn."""
    ticket = await get_for_requester(
        session=session, ticket_id=ticket_id, requester_id=requester_id
    )
    was_open = ticket.status is TicketStatus.OPEN
    lifecycle.move(session, ticket, Action.WITHDRAW, now=now, actor_id=None)
    if was_open:
        record_late_first_response(session, rules, ticket, now)
    contacted(session, rules, ticket, now, ticket.owner_id)
    return await save(session, rules, ticket)


async def auto_close(session: AsyncSession, rules: Rules, ticket: Ticket, now: datetime) -> None:
    """Close a resolution the requester never answered (called by the sweep)."""
    lifecycle.move(session, ticket, Action.AUTO_CLOSE, now=now, actor_id=None)
    contacted(session, rules, ticket, now, ticket.owner_id)


async def resolve_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    officer_id: int,
    summary: str,
    for_staff: str | None = None,
    others: bool = True,
) -> Ticket:
    """`resolve` at the transaction's instant; the requester gets the resolution (`summary`
    as written) to confirm and rate, and the department that accepted it, if another did, is
    told (bot/handed.py `settled_notices`); the cards of its incident's other open tickets are
    redrawn, one open report fewer (unless not `others`: an incident resolved at once redraws
    them once). Raises as `resolve` does (DeskError)."""
    ticket = await resolve(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        officer_id=officer_id,
        summary=summary,
        now=tx.now,
        for_staff=for_staff,
    )
    requester = await tx.session.get(Requester, ticket.requester_id)
    assert requester is not None  # a foreign key
    notice = own_word("resolution", ticket, requester, {"summary": summary})
    handling = await handed.settled_notices(
        session=tx.session,
        rules=rules,
        ticket=ticket,
        event="resolved",
        values={"summary": for_staff or summary},  # staff read theirs
    )
    # Written in a language they do not read: its writer hears it (bot/other_language.py).
    unlike = await heard_unlike(
        session=tx.session, ticket=ticket, requester=requester, text=summary, resolution=True
    )
    cards = await member_cards(tx.session, ticket.incident_id, ticket.id) if others else []
    await publish(tx, rules, [notice, *handling, *unlike, *cards])
    return ticket


async def confirm_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    requester_id: int,
    score: int,
    comment: str | None = None,
) -> Ticket:
    """`confirm` with a rating (and the words it came in, `comment`, when given in words) at
    the transaction's instant; the ticket's staff hear it, and the department that accepted
    it, if another did, that it is closed (bot/handed.py `settled_notices`). Raises as
    `confirm` does (DeskError)."""
    ticket = await confirm(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        requester_id=requester_id,
        score=score,
        comment=comment,
        now=tx.now,
    )
    event = {"event": "rated", "score": score}
    handling = await handed.settled_notices(
        session=tx.session, rules=rules, ticket=ticket, event="closed", values={"score": score}
    )
    staff = Notice("staff_event", (Audience.TICKET_STAFF,), ticket, event)
    await publish(tx, rules, [staff, card_refresh(ticket), *handling, *close_topic(rules, ticket)])
    return ticket


async def confirmed_in_words_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket: Ticket,
    requester: Requester,
    remark: str | None = None,
    other: str | None = None,
) -> Ticket:
    """The requester said in words that the resolution solved it ("解决了,谢谢。另外…",
    "Solved, thanks. Also…") before a question of another matter: `confirm`ed without a
    rating, as a clerk takes a plain "solved", the buttons of the resolution gone; the
    requester is told the ticket is closed and asked to rate it as the buttons ask one who
    presses (`confirmed_said`: the front puts the stars under it, `rate_and_tell`), its staff
    and the department that accepted it, if another did, that it is. With a `remark` on the
    service ("修好了,不过师傅把地弄脏了"), the remark is kept with the confirmation, the
    ticket's staff and its supervisors read it as the requester's word on the service
    (`service_remark`), and the requester is told it was passed on. With `other`, the words
    of another matter said with it ("修好了,不过我家的燃气表不走字了"), the requester is told
    that matter is taken up apart, as a new inquiry of its own (the next message answers it).
    """
    await publish(tx, rules, await resolutions_answered(tx, ticket, requester))
    ticket = await confirm(
        session=tx.session,
        rules=rules,
        ticket_id=ticket.id,
        requester_id=requester.id,
        remark=remark,
        now=tx.now,
    )
    handling = await handed.settled_notices(
        session=tx.session, rules=rules, ticket=ticket, event="closed", values={}
    )
    said = {"remark": remark or "", "other": one_line(excerpt(other or "", OTHER_SHOWN).text)}
    staff = Notice("staff_event", (Audience.TICKET_STAFF,), ticket, {"event": "confirmed"})
    told = Notice("confirmed_said", (Audience.REQUESTER,), ticket, said, requester=requester)
    notices = [told, staff, card_refresh(ticket), *handling]  # the card says closed
    if remark:
        heard = (Audience.TICKET_STAFF, *Audience.supervising())
        notices.append(Notice("service_remark", heard, ticket, said))
    await publish(tx, rules, [*notices, *close_topic(rules, ticket)])
    return ticket


async def rate_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, requester_id: int, score: int
) -> Ticket:
    """A rating button pressed: under a resolution it confirms it (`confirm_and_tell`); under
    the confirmation of one confirmed in words (`confirmed_in_words_and_tell`) it rates it,
    once, with the remark said then as its comment, and the ticket's staff hear it. Raises
    IllegalMove for a ticket in any other state, or already rated (a stale button)."""
    ticket = await get_for_requester(
        session=tx.session, ticket_id=ticket_id, requester_id=requester_id
    )
    if ticket.status is not TicketStatus.CLOSED:
        return await confirm_and_tell(
            tx=tx, rules=rules, ticket_id=ticket_id, requester_id=requester_id, score=score
        )
    rated = await tx.session.scalar(select(Rating.id).where(Rating.ticket_id == ticket.id))
    confirmed = await tx.session.scalar(
        select(TicketEvent)
        .where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == str(Action.CONFIRM))
        .order_by(TicketEvent.seq.desc())
        .limit(1)
    )
    if rated is not None or ticket.close_reason is not CloseReason.CONFIRMED or not confirmed:
        raise IllegalMove(ticket.id, ticket.status, Action.CONFIRM)
    if not 1 <= score <= 5:
        raise InvalidInput("a rating is 1 to 5", "rating_range")
    comment = confirmed.data.get("remark")
    tx.session.add(
        Rating(
            ticket_id=ticket.id, owner_id=ticket.owner_id, score=score, comment=comment, at=tx.now
        )
    )
    event = {"event": "rated", "score": score}
    await publish(tx, rules, [Notice("staff_event", (Audience.TICKET_STAFF,), ticket, event)])
    return ticket


async def reopen_and_tell(
    *, tx: Transaction, rules: Rules, ticket_id: int, requester_id: int, reason: str
) -> Ticket:
    """`reopen` at the transaction's instant; the ticket's staff hear it is not solved, and
    so does the department that accepted it, if another did (bot/handed.py
    `settled_notices`: the requester's words reach it again). Raises as `reopen` does
    (DeskError)."""
    ticket = await reopen(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        requester_id=requester_id,
        reason=reason,
        now=tx.now,
    )
    event = {"event": "reopened"}
    handling = await handed.settled_notices(
        session=tx.session, rules=rules, ticket=ticket, event="reopened"
    )
    staff = Notice("staff_event", (Audience.TICKET_STAFF,), ticket, event)
    others = await member_cards(tx.session, ticket.incident_id, ticket.id)  # one more open
    await publish(tx, rules, [reopen_topic(ticket), staff, *handling, *others])
    return ticket


async def words_after_resolution_and_tell(
    *, tx: Transaction, rules: Rules, ticket: Ticket, requester: Requester, text: str
) -> None:
    """The requester wrote (rather than pressed a button) while their ticket awaits their
    confirmation, read by their kind (bot/resolution_words.py). Clear "not solved" words
    reopen it to the same owner, as the button does; "solved" in words confirms it
    (`confirmed_in_words_and_tell`), a rating in words with that rating, as its button does
    (the words kept as the rating's comment); anything else asks them again with the
    buttons, tells the ticket's staff, and stops the auto-close: silence after words that
    left it open is no confirmation; it awaits their word, its owner reminded to follow it
    up when it would have closed (bot/sla.py `asked_again`, bot/due.py `follow_up`)."""
    reading = read_after_resolution(text)
    if reading.said is Said.SOLVED and reading.score is None:
        await confirmed_in_words_and_tell(
            tx=tx, rules=rules, ticket=ticket, requester=requester, remark=reading.remark
        )
        return
    # Answered: the buttons of the resolution(s) they answered go, as a press takes its own.
    await publish(tx, rules, await resolutions_answered(tx, ticket, requester))
    if reading.score is not None:
        await confirm_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester.id,
            score=reading.score,
            comment=rating_comment(text),
        )
        why = {"asks_why": asks_why(reading.score)}
        rated = Notice("rated", (Audience.REQUESTER,), ticket, why, requester=requester)
        await publish(tx, rules, [rated])
        return
    if reading.said is Said.NOT_SOLVED:
        await reopen_and_tell(
            tx=tx,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester.id,
            reason=text.strip()[:500],
        )
        # A danger told in them raises it, as words into an active ticket do.
        raised = raised_for_danger(tx.session, rules, ticket, requester, text, tx.now)
        if raised:
            await save(tx.session, rules, ticket)
            raised.append(card_refresh(ticket))
        reopened = Notice("reopened", (Audience.REQUESTER,), ticket, requester=requester)
        await publish(tx, rules, [reopened, *raised])
        return
    ticket.confirmation_asked_at = tx.now
    await save(tx.session, rules, ticket)
    again = {"summary": ticket.resolution_summary or "", "again": True}
    event = {"event": "asked_again", "until": rules.follow_up_at(ticket)}
    await publish(
        tx,
        rules,
        [
            Notice("staff_event", (Audience.TICKET_STAFF,), ticket, event),
            Notice("resolution", (Audience.REQUESTER,), ticket, again, requester=requester),
        ],
    )
