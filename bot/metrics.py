"""What the service counts for Prometheus (prometheus-client), and the figures read from the
store when /metrics is scraped.

Counters and histograms of the process live on prometheus-client's default registry (one bot
per process): updates received (recorded new in the inbox) and handled, the time handling
took, Bot API calls by method and result, the sweep's duration and what it decided, and the
matcher's bands. What the database knows (messages waiting in the outbox by kind and the age
of the oldest, tickets by status, breaches by kind) is read at scrape time by `store_figures`
and exposed by `StoreCollector`, so several processes on one database report the same
figures. Names follow Prometheus's conventions: `shouwen_` first, counters end in `_total`,
durations are in seconds (`_seconds`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from prometheus_client import Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import BreachKind, LedgerEntry, Ticket
from bot.models.delivery import OutboxMessage

UPDATES_RECEIVED = Counter(
    "shouwen_updates_received_total", "Updates from Telegram recorded new in the inbox."
)
UPDATES_HANDLED = Counter(
    "shouwen_updates_handled_total",
    "Updates handled, by result: handled, or deliberately not (barred, flood, slow_down).",
    ["result"],
)
HANDLING_SECONDS = Histogram(
    "shouwen_update_handling_seconds",
    "Time from an update's turn in its chat to its settling in the inbox.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
TELEGRAM_CALLS = Counter(
    "shouwen_telegram_calls_total",
    "Bot API calls by method and result: ok, 429, 5xx, 403, 400, other (another status),"
    " error (no answer: a timeout or a lost connection).",
    ["method", "result"],
)
SWEEP_SECONDS = Histogram(
    "shouwen_sweep_duration_seconds",
    "Time one sweep (run_due) took.",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
SWEEP_MESSAGES = Counter(
    "shouwen_sweep_messages_total",
    "Messages the sweep decided on, by template (escalation, progress notice, reminder...).",
    ["template"],
)
SWEEP_LAST_RUN = Gauge(
    "shouwen_sweep_last_run_timestamp_seconds", "Unix time at which the last sweep finished."
)
MATCHER_BANDS = Counter(
    "shouwen_matcher_decisions_total",
    "Questions the matcher searched, by band: answer, suggest, handover.",
    ["band"],
)


@dataclass
class Beats:
    """When the process last did what /healthz asks about (time.monotonic() seconds)."""

    sweep_finished: float | None = None


BEATS = Beats()


def telegram_result(status: int | None) -> str:
    """The `result` label of a Bot API call answered with HTTP `status` (None: no answer)."""
    if status is None:
        return "error"
    if 200 <= status < 300:
        return "ok"
    if status in (400, 403, 429):
        return str(status)
    return "5xx" if 500 <= status < 600 else "other"


def sweep_done(seconds: float, templates: list[str]) -> None:
    """Record one finished sweep: its duration and the templates of what it decided."""
    SWEEP_SECONDS.observe(seconds)
    for template in templates:
        SWEEP_MESSAGES.labels(template=template).inc()
    SWEEP_LAST_RUN.set(time.time())
    BEATS.sweep_finished = time.monotonic()


@dataclass
class StoreFigures:
    """What the database holds at one instant: unsent outbox messages by template, the age in
    seconds of the oldest unsent one (0 when none), tickets by status, breaches by kind."""

    outbox_waiting: dict[str, int] = field(default_factory=dict)
    outbox_oldest_seconds: float = 0.0
    tickets: dict[str, int] = field(default_factory=dict)
    breaches: dict[str, int] = field(default_factory=dict)


async def store_figures(*, session: AsyncSession, now: datetime) -> StoreFigures:
    """Read the figures: four grouped counts, each on an index or a small table."""
    unsent = (OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None))
    kind = OutboxMessage.template
    waiting = await session.execute(select(kind, func.count()).where(*unsent).group_by(kind))
    oldest = await session.scalar(select(func.min(OutboxMessage.created_at)).where(*unsent))
    tickets = await session.execute(select(Ticket.status, func.count()).group_by(Ticket.status))
    breaches = await session.execute(
        select(LedgerEntry.kind, func.count()).group_by(LedgerEntry.kind)
    )
    age = 0.0
    if oldest is not None:
        if oldest.tzinfo is None and now.tzinfo is not None:
            oldest = oldest.replace(tzinfo=now.tzinfo)
        age = max(0.0, (now - oldest).total_seconds())
    return StoreFigures(
        outbox_waiting={str(k): int(n) for k, n in waiting.all()},
        outbox_oldest_seconds=age,
        tickets={str(k): int(n) for k, n in tickets.all()},
        # Every kind, 0 until its first: a series that appears only at its first breach
        # cannot be alerted on by its rate.
        breaches={
            **dict.fromkeys(map(str, BreachKind), 0),
            **{str(k): int(n) for k, n in breaches.all()},
        },
    )


class StoreCollector(Collector):
    """Exposes the latest StoreFigures (set `figures` before each scrape)."""

    def __init__(self) -> None:
        self.figures = StoreFigures()

    def collect(self) -> Iterator[Metric]:
        figures = self.figures
        waiting = GaugeMetricFamily(
            "shouwen_outbox_waiting_messages",
            "Messages in the outbox not yet sent nor given up, by template.",
            labels=["kind"],
        )
        for kind, count in sorted(figures.outbox_waiting.items()):
            waiting.add_metric([kind], count)
        yield waiting
        yield GaugeMetricFamily(
            "shouwen_outbox_oldest_waiting_seconds",
            "Age of the oldest message waiting in the outbox (0 when none waits).",
            value=figures.outbox_oldest_seconds,
        )
        tickets = GaugeMetricFamily(
            "shouwen_tickets", "Tickets in the store by status.", labels=["status"]
        )
        for status, count in sorted(figures.tickets.items()):
            tickets.add_metric([status], count)
        yield tickets
        breaches = CounterMetricFamily(
            "shouwen_breaches",
            "Breaches recorded in the accountability ledger, by kind.",
            labels=["kind"],
        )
        for kind, count in sorted(figures.breaches.items()):
            breaches.add_metric([kind], count)
        yield breaches
