"""A complaint about how a ticket is handled, said into it (issue 14, SPEC rules 3, 8 and 13):
"孙伟态度很差,一直拖着不办,我要投诉他" into the ticket 孙伟 owns; "都三天了还没人管,我要
投诉!" into one nobody has claimed. The words stay the ticket's (filed and relayed as any
other: bot/conversation.py); what a careful clerk adds is done here: the supervisors (the
ticket's departments' and management, who hear escalations) are alerted
(`alert_complaint`: the ticket, its owner or that nobody has it, the words); the ticket's log
records it (`lifecycle.COMPLAINT_RAISED`: whom it was about, the owner or None, and the
words), so that figures can count complaints against an officer; and the requester hears,
instead of the usual acknowledgement, that it went to a supervisor and what happens next
(`complaint_heard`: an apology, the promise restated; while nobody has the ticket, that
someone will be put on it). Said again soon after (`REPEAT_AFTER`), the words are filed and
the requester told the supervisors have it already: a burst of anger is one complaint."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle
from bot.complaint_words import complains_of_handling
from bot.errors import NotAllowed
from bot.excerpt import excerpt
from bot.models import Requester, Ticket, TicketEvent
from bot.notices import Audience, Notice
from bot.rules import Rules

REPEAT_AFTER = timedelta(minutes=30)  # a complaint again within this: the same complaint
ASKED_WAITS = timedelta(hours=2)  # "我要投诉" asked about: its answer awaited this long
SAID = 600  # UTF-16 units of the complaint's words the alert and the log carry
ALERT = "alert_complaint"
HEARD = "complaint_heard"


def _owner_names(rules: Rules, ticket: Ticket) -> list[str]:
    """The names the ticket's owner goes by: name and staff number (none while unclaimed)."""
    member = rules.staff.get(ticket.owner_id)
    return [member.name, member.staff_number] if member is not None else []


async def accused(session: AsyncSession, ticket_id: int) -> set[int]:
    """The staff the requester complained of on ticket `ticket_id` (`COMPLAINT_RAISED`)."""
    found = await session.scalars(
        select(TicketEvent.data).where(
            TicketEvent.ticket_id == ticket_id, TicketEvent.kind == lifecycle.COMPLAINT_RAISED
        )
    )
    return {int(data["about"]) for data in found if data and data.get("about") is not None}


async def words_against(session: AsyncSession, ticket_id: int, officer_id: int) -> str | None:
    """The words of the latest complaint of `officer_id` on ticket `ticket_id`; None: none."""
    found = await session.scalars(
        select(TicketEvent.data)
        .where(TicketEvent.ticket_id == ticket_id, TicketEvent.kind == lifecycle.COMPLAINT_RAISED)
        .order_by(TicketEvent.seq.desc())
    )
    return next(
        (str(d.get("words") or "") for d in found if d and d.get("about") == officer_id), None
    )


async def require_not_accused(
    session: AsyncSession, rules: Rules, ticket_id: int, officer_id: int
) -> None:
    """NotAllowed (`accused`) when the requester of ticket `ticket_id` complained of
    `officer_id`: the one complained of never owns the complaint (a supervisor sees to it)."""
    if officer_id in await accused(session, ticket_id):
        raise NotAllowed(
            f"ticket {ticket_id} complains of user {officer_id}",
            "accused",
            ticket_id=ticket_id,
            name=rules.staff.shown_as(officer_id) or str(officer_id),
        )


async def _last_raised(session: AsyncSession, ticket: Ticket) -> datetime | None:
    return await session.scalar(
        select(TicketEvent.at)
        .where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == lifecycle.COMPLAINT_RAISED)
        .order_by(TicketEvent.seq.desc())
        .limit(1)
    )


async def complaint_notices(
    *,
    session: AsyncSession,
    rules: Rules,
    ticket: Ticket,
    requester: Requester,
    text: str,
    now: datetime,
) -> list[Notice]:
    """When `text`, said into `ticket` by its `requester`, complains of how it is handled
    (bot/complaint_words.py): the complaint recorded in its log and the notices that tell the
    supervisors and answer the requester (see the module's description); none otherwise."""
    if not text.strip() or not complains_of_handling(
        text,
        owner=_owner_names(rules, ticket),
        claimed=ticket.owner_id is not None,
        matter=ticket.question,
    ):
        return []
    department = {"department": ticket.department_key}
    last = await _last_raised(session, ticket)
    if last is not None and now - last < REPEAT_AFTER:
        again = {**department, "again": True}
        return [Notice(HEARD, (Audience.REQUESTER,), ticket, again, requester=requester)]
    said = excerpt(text.strip(), SAID).text
    lifecycle.record(
        session,
        ticket,
        lifecycle.COMPLAINT_RAISED,
        now=now,
        actor_id=requester.telegram_user_id,
        data={"about": ticket.owner_id, "words": said},
    )
    return [
        Notice(ALERT, Audience.supervising(), ticket, {"said": said}),
        Notice(HEARD, (Audience.REQUESTER,), ticket, department, requester=requester),
    ]


def asked(
    session: AsyncSession, ticket: Ticket, requester: Requester, text: str, now: datetime
) -> None:
    """`text`, a complaint said alone ("我要投诉") beside `ticket` in hand, asked about before
    anything is recorded as a complaint: what happened, whose it is (`COMPLAINT_ASKED`; the
    answer awaited ASKED_WAITS, `asked_before`)."""
    words = excerpt(text.strip(), SAID).text
    actor = requester.telegram_user_id
    data = {"words": words}
    lifecycle.record(
        session, ticket, lifecycle.COMPLAINT_ASKED, now=now, actor_id=actor, data=data
    )


async def asked_before(session: AsyncSession, requester_id: int, now: datetime) -> str:
    """The words of a complaint said alone by requester `requester_id` and asked about
    (`asked`) within ASKED_WAITS before `now`, not taken as a complaint of its ticket since
    (no `COMPLAINT_RAISED` after it): what their next words answer; "" when none waits."""
    row = (
        await session.execute(
            select(TicketEvent.ticket_id, TicketEvent.seq, TicketEvent.data)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(
                Ticket.requester_id == requester_id,
                TicketEvent.kind == lifecycle.COMPLAINT_ASKED,
                TicketEvent.at >= now - ASKED_WAITS,
            )
            .order_by(TicketEvent.at.desc(), TicketEvent.seq.desc())
            .limit(1)
        )
    ).first()
    if row is None:
        return ""
    raised = await session.scalar(
        select(TicketEvent.id).where(
            TicketEvent.ticket_id == row[0],
            TicketEvent.kind == lifecycle.COMPLAINT_RAISED,
            TicketEvent.seq > row[1],
        )
    )
    return "" if raised is not None else str((row[2] or {}).get("words") or "")
