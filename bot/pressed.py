"""A requester pressing for progress on a ticket past the time promised to them (a new user's
trial: four days unclaimed, "到底什么时候来修?已经四天没电了!" got the ticket's state and
nothing else: no apology, nothing of what comes next, nobody told). Asked how it stands
(bot/progress_words.py) once its settlement, or, while nobody has it, its reply is overdue,
a clerk owns up to it: the requester hears an apology, who has it or that it still waits for
an officer, that the supervisors have their words and when they will hear next
(`added_to_ticket`'s `pressed`); and the supervisors (its departments' and management, who
hear its escalations) are told they pressed, with their words, by the alert a complaint of
its handling takes (`alert_complaint`, `pressed`), once a while (`PRESS_AGAIN`: a burst of
asking is one pressing; a complaint said in that while told them already). The ticket's log
records it (`lifecycle.PROGRESS_PRESSED`). It is no complaint: nothing is recorded against
its owner."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import lifecycle
from bot.complaints import ALERT, SAID
from bot.excerpt import excerpt
from bot.models import Requester, Ticket, TicketEvent
from bot.notices import Audience, Notice

PRESS_AGAIN = timedelta(hours=4)  # pressed again within this: the supervisors have it already


def overdue(ticket: Ticket, now: datetime) -> bool:
    """Whether a time promised to the requester of `ticket` has passed at `now`: its
    settlement, or its reply while nobody has it."""
    settled_by, replied_by = ticket.resolution_due_at, ticket.first_response_due_at
    if settled_by is not None and now >= settled_by:
        return True
    return ticket.owner_id is None and replied_by is not None and now >= replied_by


async def _told_lately(session: AsyncSession, ticket: Ticket, now: datetime) -> bool:
    """Whether the supervisors heard the requester press or complain within PRESS_AGAIN."""
    found = await session.scalar(
        select(TicketEvent.id)
        .where(
            TicketEvent.ticket_id == ticket.id,
            TicketEvent.kind.in_((lifecycle.PROGRESS_PRESSED, lifecycle.COMPLAINT_RAISED)),
            TicketEvent.at > now - PRESS_AGAIN,
        )
        .limit(1)
    )
    return found is not None


async def pressing(
    *,
    session: AsyncSession,
    ticket: Ticket,
    requester: Requester,
    text: str,
    now: datetime,
) -> tuple[dict[str, object], list[Notice]]:
    """`text`, a requester's question how `ticket` stands (bot/progress_words.py), read as
    pressing when a time promised is past (`overdue`): the values that word the reply so
    (`pressed`; the day's notice, `next_notice_due_at`, is when they hear from us next)
    and the alert to the supervisors (none when they heard lately: `_told_lately`); nothing
    when no promise is past."""
    if not overdue(ticket, now):
        return {}, []
    values: dict[str, object] = {"pressed": True}
    if await _told_lately(session, ticket, now):
        return values, []
    said = excerpt(text.strip(), SAID).text
    # Their words are in the ticket's messages (erased with them after closing, not kept here).
    actor = requester.telegram_user_id
    lifecycle.record(session, ticket, lifecycle.PROGRESS_PRESSED, now=now, actor_id=actor)
    return values, [Notice(ALERT, Audience.supervising(), ticket, {"said": said, "pressed": True})]
