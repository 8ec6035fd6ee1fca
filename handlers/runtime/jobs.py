"""The jobs on the job queue: the sweep (what the clock says is due), and with it, once an
hour, retention (erasing and deleting what the retention settings say); with several
processes on PostgreSQL, the look for updates a dead process left unprocessed."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot import retention
from bot.desk import Desk
from bot.intake.unchosen import open_unchosen
from bot.sweep import run_due
from handlers.context import DeskContext
from handlers.runtime.processing import PerChatUpdateProcessor

log = logging.getLogger(__name__)
RETENTION_EVERY = timedelta(hours=1)
SWEEP = "sweep"  # the sweep job's name on the job queue
ORPHANS = "orphans"  # the look for updates a dead process left, every ORPHANS_EVERY seconds
ORPHANS_EVERY = 5.0


async def sweep(context: DeskContext) -> None:
    """The job: do what the clock says is due; its messages go to the sender as they commit
    (or wait in the outbox while none is connected)."""
    desk = context.desk
    await desk.refresh()  # the ban list and approved templates, as other processes left them
    messages = await run_due(transactions=desk.transactions, rules=desk.rules, now=desk.now())
    opened = await open_unchosen(desk)  # a kind of matter asked and never chosen
    if opened:
        log.info("sweep: %d questions left without a category opened", opened)
    if messages:
        log.info("sweep: %d messages due", len(messages))
    await _keep_retention(context, desk)


async def _keep_retention(context: DeskContext, desk: Desk) -> None:
    """Once an hour (and at start-up): erase and delete what the retention settings say."""
    now = desk.now()
    last = context.bot_data.forgotten_at
    if last is not None and now - last < RETENTION_EVERY:
        return
    context.bot_data.forgotten_at = now
    try:
        async with desk.transaction() as tx:
            done = await retention.forget(session=tx.session, settings=desk.settings, now=now)
    except Exception:
        log.exception("retention run failed; trying again in an hour")
        return
    if any((done.tickets, done.requesters, done.outbox, done.inbox)):
        log.info("retention: %s", done)


async def adopt_orphans(context: DeskContext) -> None:
    """The job, with several processes (PostgreSQL): updates another process recorded and
    left unprocessed when it died, handled here (handlers/runtime/processing.py)."""
    processor = context.application.update_processor
    if isinstance(processor, PerChatUpdateProcessor):
        await processor.adopt_orphans()
