"""Keeping data no longer than needed (config `retention`).

Personal data: once a ticket has been closed for `personal_data`, its words are erased (the
question, every message's text and file, the resolution summary, the latest update, handoff
forms, notice updates, rating comments, and the summaries, reasons and remarks on the service
in its event log); so are the name, last question and first inquiry of a requester none of
whose tickets still holds words. What
stays is anonymous: times, statuses, owners, departments, priorities, scores; the supervision
figures and the event log's replay are the same after as before.

Delivery log: sent or abandoned outbox messages, handled inbox updates and the records of
inquiries' buttons ended longer than `delivery_log` ago are deleted (the inbox needs an update
only while Telegram might repeat it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import CursorResult, Table, delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.models import (
    Handoff,
    InboundUpdate,
    InquiryOffer,
    OutboxMessage,
    ProgressNotice,
    Rating,
    Requester,
    Ticket,
    TicketEvent,
    TicketMessage,
    TicketStatus,
)

ERASED = "[erased]"
BATCH = 500
_WORDS_IN_EVENTS = ("summary", "reason", "remark")  # remark: on the service, at confirming


@dataclass(frozen=True)
class Forgotten:
    tickets: int
    requesters: int
    outbox: int
    inbox: int


def _count(result: object) -> int:
    return cast(CursorResult[object], result).rowcount or 0


async def forget(*, session: AsyncSession, settings: Settings, now: datetime) -> Forgotten:
    """Erase and delete what the retention settings say is due, in the caller's transaction
    (at most BATCH tickets at a time: call again while `tickets` == BATCH)."""
    cutoff = now - settings.retention.personal_data
    ids = list(
        await session.scalars(
            select(Ticket.id)
            .where(
                Ticket.status == TicketStatus.CLOSED,
                Ticket.closed_at < cutoff,
                Ticket.question != ERASED,
            )
            .limit(BATCH)
        )
    )
    if ids:
        await _erase_tickets(session, ids)
    requesters = await session.execute(
        update(Requester)
        .where(
            Requester.created_at < cutoff,
            Requester.dialog_step.is_(None),
            or_(
                Requester.display_name != "",
                Requester.last_question.is_not(None),
                Requester.inquiry.is_not(None),
                Requester.held_media.is_not(None),
            ),
            ~exists().where(Ticket.requester_id == Requester.id, Ticket.question != ERASED),
        )
        .values(
            display_name="",
            last_question=None,
            last_offered=None,
            inquiry=None,
            held_media=None,
            media_group=None,
        )
        .execution_options(synchronize_session=False)
    )
    log_cutoff = now - settings.retention.delivery_log
    outbox = cast(Table, OutboxMessage.__table__)
    inbox = cast(Table, InboundUpdate.__table__)
    sent = await session.execute(
        delete(outbox).where(or_(outbox.c.sent_at < log_cutoff, outbox.c.failed_at < log_cutoff))
    )
    handled = await session.execute(
        delete(inbox).where(inbox.c.processed_at.is_not(None), inbox.c.received_at < log_cutoff)
    )
    # The buttons of inquiries long ended: a press on one is the stale-button alert anyway.
    offers = cast(Table, InquiryOffer.__table__)
    await session.execute(delete(offers).where(offers.c.ended_at < log_cutoff))
    return Forgotten(len(ids), _count(requesters), _count(sent), _count(handled))


async def _erase_tickets(session: AsyncSession, ids: list[int]) -> None:
    quiet = {"synchronize_session": False}
    await session.execute(
        update(Ticket)
        .where(Ticket.id.in_(ids))
        .values(question=ERASED, latest_update=None, inquiry=None)
        .execution_options(**quiet)
    )
    await session.execute(
        update(Ticket)
        .where(Ticket.id.in_(ids), Ticket.resolution_summary.is_not(None))
        .values(resolution_summary=ERASED)
        .execution_options(**quiet)
    )
    await session.execute(
        update(TicketMessage)
        .where(TicketMessage.ticket_id.in_(ids))
        .values(text="", file_id=None)
        .execution_options(**quiet)
    )
    await session.execute(
        update(Handoff)
        .where(Handoff.ticket_id.in_(ids))
        .values(summary=ERASED, suggested_handling=ERASED, return_reason=None)
        .execution_options(**quiet)
    )
    await session.execute(
        update(ProgressNotice)
        .where(ProgressNotice.ticket_id.in_(ids))
        .values(update_text=None)
        .execution_options(**quiet)
    )
    await session.execute(
        update(Rating)
        .where(Rating.ticket_id.in_(ids))
        .values(comment=None)
        .execution_options(**quiet)
    )
    for event in await session.scalars(select(TicketEvent).where(TicketEvent.ticket_id.in_(ids))):
        if any(key in event.data for key in _WORDS_IN_EVENTS):
            event.data = {
                k: (ERASED if k in _WORDS_IN_EVENTS else v) for k, v in event.data.items()
            }
