"""The sweep: everything that comes due by the clock, done once and recorded.

`run_due(now)` takes the tickets whose `next_check_at` has passed (an indexed column, so the
cost follows what is due, not how many tickets exist), and for each: fires the escalation-ladder
steps that have come due, closes unconfirmed resolutions, sends progress notices and reminds
owners to give an update. Each ticket's row is locked while it is handled (BEGIN IMMEDIATE on
SQLite, FOR UPDATE SKIP LOCKED on PostgreSQL) and its version checked on write, so two sweeps
at the same time, even in two processes, never do a step twice. What each due step does is in
bot/due.py; this module finds the due tickets, locks them and writes them back in bulk.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Table, bindparam, insert, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import metrics
from bot.db import skip_locked
from bot.due import process_ticket
from bot.errors import ConcurrentChange
from bot.ladder_handoffs import climb
from bot.models import Requester, Ticket
from bot.outgoing import Outgoing
from bot.rules import Rules
from bot.transaction import Transactions

log = logging.getLogger(__name__)

BATCH = 200


async def run_due(
    *, transactions: Transactions, rules: Rules, now: datetime, batch: int = BATCH
) -> list[Outgoing]:
    """Do everything due at `now`, exactly once; the messages it decided on are in the outbox
    (stored with the changes) and returned too."""
    started = time.perf_counter()
    messages: list[Outgoing] = []
    seen: set[int] = set()
    while True:
        try:
            handled = await _sweep_batch(transactions, rules, now, batch, seen, messages)
        except Exception:
            log.exception("sweep batch failed; retrying its tickets one by one")
            handled = await _sweep_one_by_one(transactions, rules, now, batch, seen, messages)
        if handled < batch:
            break
    # Late handoff forms climb the escalation ladder (bot/ladder_handoffs.py).
    while climbed := await climb(transactions, rules, now, batch):
        messages += climbed
        if len(climbed) < batch:
            break
    metrics.sweep_done(time.perf_counter() - started, [m.template for m in messages])
    return messages


async def _due(
    session: AsyncSession, now: datetime, limit: int, seen: set[int], only: int | None = None
) -> list[tuple[Ticket, Requester]]:
    query = (
        select(Ticket, Requester)
        .join(Requester, Requester.id == Ticket.requester_id)
        .where(Ticket.next_check_at <= now)
        .order_by(Ticket.next_check_at)
        .limit(limit)
    )
    if seen:
        query = query.where(Ticket.id.not_in(seen))
    if only is not None:
        query = query.where(Ticket.id == only)
    query = skip_locked(query, session, Ticket)
    rows = [(ticket, requester) for ticket, requester in (await session.execute(query)).all()]
    # The sweep writes its tickets back in one statement (`_write_back`), not row by row.
    session.expunge_all()
    return rows


# What the sweep may change on a ticket; `_write_back` stores exactly these.
_SWEPT_COLUMNS = (
    "status",
    "closed_at",
    "close_reason",
    "event_seq",
    "first_response_steps",
    "resolution_steps",
    "last_contact_at",
    "next_notice_due_at",
    "reminded_for_notice_at",
    "next_check_at",
)


async def _insert_records(session: AsyncSession) -> None:
    """Insert the records the sweep added (events, escalations, notices, ledger) in bulk.

    The unit of work would insert them one row at a time on SQLite, to learn each new primary
    key; the sweep never needs those keys, so one executemany per table does.
    """
    pending: dict[type[Any], list[dict[str, Any]]] = defaultdict(list)
    for record in list(session.new):
        pending[type(record)].append(dict(inspect(record).dict))
        session.expunge(record)
    for model, rows in pending.items():
        for row in rows:
            row.pop("_sa_instance_state", None)
        await session.execute(insert(model), rows)


async def _write_back(session: AsyncSession, swept: list[Ticket]) -> None:
    """Store the swept tickets in one executemany, bumping each version.

    The rows are locked for this transaction, so the version check cannot fail here; the bump
    makes any other session that read one of these tickets before us fail its own write.
    """
    if not swept:
        return
    table = cast(Table, Ticket.__table__)
    statement = (
        table.update()
        .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
        .values(
            {**{name: bindparam(name) for name in _SWEPT_COLUMNS}, "version": bindparam("b_next")}
        )
    )
    parameters = [
        {
            "b_id": ticket.id,
            "b_version": ticket.version,
            "b_next": ticket.version + 1,
            **{name: getattr(ticket, name) for name in _SWEPT_COLUMNS},
        }
        for ticket in swept
    ]
    result = cast(CursorResult[Any], await session.execute(statement, parameters))
    if session.get_bind().dialect.supports_sane_multi_rowcount and result.rowcount != len(swept):
        raise ConcurrentChange("a swept ticket changed meanwhile")
    for ticket in swept:
        ticket.version += 1


async def _sweep_batch(
    transactions: Transactions,
    rules: Rules,
    now: datetime,
    limit: int,
    seen: set[int],
    messages: list[Outgoing],
) -> int:
    found: list[Outgoing] = []
    async with transactions(now=now) as tx:
        session = tx.session
        rows = await _due(session, now, limit, seen)
        for ticket, requester in rows:
            await process_ticket(session, rules, ticket, requester, now, found)
        await _insert_records(session)
        await _write_back(session, [ticket for ticket, _ in rows])
        await tx.publish(found)
    seen.update(ticket.id for ticket, _ in rows)
    messages.extend(found)
    return len(rows)


async def _sweep_one_by_one(
    transactions: Transactions,
    rules: Rules,
    now: datetime,
    limit: int,
    seen: set[int],
    messages: list[Outgoing],
) -> int:
    """The slow path after a failed batch: one transaction a ticket, a failure skips one."""
    async with transactions.sessions() as session:
        ids = [ticket.id for ticket, _ in await _due(session, now, limit, seen)]
    for ticket_id in ids:
        seen.add(ticket_id)
        found: list[Outgoing] = []
        try:
            async with transactions(now=now) as tx:
                session = tx.session
                rows = await _due(session, now, 1, set(), only=ticket_id)
                for ticket, requester in rows:
                    await process_ticket(session, rules, ticket, requester, now, found)
                await _insert_records(session)
                await _write_back(session, [ticket for ticket, _ in rows])
                await tx.publish(found)
        except ConcurrentChange:
            continue
        except Exception:
            log.exception("sweep could not handle ticket %s", ticket_id)
            continue
        messages.extend(found)
    return len(ids)
