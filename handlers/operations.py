"""The operations endpoint: /metrics (Prometheus), /healthz and /readyz on one address
(`metrics:` in config.yaml, 127.0.0.1:9108 by default; `python -m bot run --metrics-port`).

- /metrics: the process's counters (bot/metrics.py) and, read from the database at each
  scrape, the outbox's waiting messages, tickets by status and breaches by kind.
- /healthz: the process is alive: updates are being received (the poller's loop runs, or the
  webhook listens), the Application and the outbox's dispatcher run, and the sweep finished
  within `SWEEP_GRACE` of its interval. 200 when all hold, else 503.
- /readyz: the database answers (a `SELECT 1` within `DATABASE_TIMEOUT` seconds). 200 or 503.

Both health answers are JSON: `{"status": "ok" | "failing", "checks": {name: {"ok": bool,
...}}}`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from typing import Any, Protocol

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from sqlalchemy import text
from telegram.ext import Application

from bot import metrics
from bot.config import Metrics
from bot.desk import Desk
from handlers.runtime.jobs import SWEEP

log = logging.getLogger(__name__)
DATABASE_TIMEOUT = 5.0  # seconds a health or metrics query may take
SWEEP_GRACE = 60.0  # seconds beyond two intervals before a missing sweep fails /healthz


class Running(Protocol):
    """A part whose liveness /healthz reports."""

    @property
    def running(self) -> bool: ...


def sweep_check(
    *, last: float | None, started: float, interval: float | None, now: float
) -> dict[str, Any]:
    """Whether the sweep ran recently: `last` is when it last finished and `started` when the
    endpoint started (time.monotonic() seconds), `interval` its period (None: not scheduled,
    which is not a failure: a process that only receives). It fails once nothing finished for
    two intervals plus SWEEP_GRACE."""
    if interval is None:
        return {"ok": True, "scheduled": False}
    since = now - max(last if last is not None else started, started)
    return {
        "ok": since <= 2 * interval + SWEEP_GRACE,
        "scheduled": True,
        "seconds_since": round(since, 3),
        "interval_seconds": interval,
    }


class Operations:
    """The endpoint of one bot process; `port` is the bound port once started (given 0, the
    system picks one)."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        desk: Desk,
        parts: Mapping[str, Running],
        address: Metrics,
    ) -> None:
        self._application = application
        self._desk = desk
        self._parts = parts
        self._address = address
        self._runner: web.AppRunner | None = None
        self._store = metrics.StoreCollector()
        self._registry = CollectorRegistry()
        self._registry.register(self._store)
        self._started = time.monotonic()
        self.port = address.port

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._address.listen, self._address.port)
        await site.start()
        # The bound port (given 0, the system picked one).
        self.port = int(self._runner.addresses[0][1])
        self._started = time.monotonic()
        log.info("metrics and health on http://%s:%d/", self._address.listen, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _metrics(self, request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT), self._desk.sessions() as session:
                self._store.figures = await metrics.store_figures(
                    session=session, now=self._desk.now()
                )
        except Exception:  # the process's own figures are still worth having
            log.warning("metrics: the database's figures could not be read", exc_info=True)
        body = generate_latest(REGISTRY) + generate_latest(self._registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _healthz(self, request: web.Request) -> web.Response:
        checks: dict[str, dict[str, Any]] = {
            name: {"ok": part.running} for name, part in self._parts.items()
        }
        checks["application"] = {"ok": self._application.running}
        checks["sweep"] = sweep_check(
            last=metrics.BEATS.sweep_finished,
            started=self._started,
            interval=self._sweep_interval(),
            now=time.monotonic(),
        )
        return _answer(checks)

    async def _readyz(self, request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT), self._desk.sessions() as session:
                await session.execute(text("SELECT 1"))
            database: dict[str, Any] = {"ok": True}
        except Exception as error:
            database = {"ok": False, "error": f"{error.__class__.__name__}: {error}"[:300]}
        return _answer({"database": database})

    def _sweep_interval(self) -> float | None:
        queue = self._application.job_queue
        if queue is None:
            return None
        for job in queue.get_jobs_by_name(SWEEP):
            interval = getattr(job.job.trigger, "interval", None)
            if interval is not None:
                return float(interval.total_seconds())
        return None


def _answer(checks: dict[str, dict[str, Any]]) -> web.Response:
    healthy = all(check["ok"] for check in checks.values())
    return web.json_response(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
    )


async def start_operations(
    application: Application,  # type: ignore[type-arg]
    desk: Desk,
    parts: Mapping[str, Running],
    address: Metrics | None,
) -> Operations | None:
    """Serve the endpoint at `address` (None: not at all); the caller stops it."""
    if address is None:
        return None
    operations = Operations(application, desk, parts, address)
    await operations.start()
    return operations
