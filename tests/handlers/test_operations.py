"""The operations endpoint read over HTTP from a running bot: /metrics, /healthz, /readyz."""

from __future__ import annotations

import dataclasses
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families
from telegram.ext import Application

from bot.config import Metrics, Settings
from bot.db import create_engine, session_factory
from bot.desk import Desk, build_desk
from emulator.server import Emulator
from handlers.app import LOCAL_TOKEN, build_application, serving
from handlers.operations import SWEEP_GRACE, Operations, sweep_check
from handlers.runtime.receiving import Poller
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER, DeskClock, bot_lines

Stack = tuple[Emulator, Application, str]  # type: ignore[type-arg]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a scrape: (name, sorted labels) -> value."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _value(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
async def stack(
    settings: Settings,
    database_url: str,
    sessions: object,
    desk_clock: DeskClock,
    emulator: Emulator,
) -> AsyncIterator[Stack]:
    """The bot with its sweep on the job queue and the endpoint on a free port, on an empty
    database (`sessions` empties the shared PostgreSQL one: what earlier tests left there,
    a requester's open tickets, changed what the bot said)."""
    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    application = build_application(
        desk, LOCAL_TOKEN, f"http://127.0.0.1:{emulator.port}", sweep_every=30
    )
    address = Metrics(listen="127.0.0.1", port=_free_port())
    async with serving(application, None, poll_timeout=1, metrics=address):
        yield emulator, application, f"http://127.0.0.1:{address.port}"


async def test_metrics_count_what_the_bot_did(stack: Stack) -> None:
    emulator, _, base = stack
    status, text = await _get(f"{base}/metrics")
    assert status == 200
    before = _samples(text)
    world = emulator.world
    await world.user_sends(REQUESTER, "我上个月提交的材料到现在还没有消息")
    choice = (await bot_lines(emulator, REQUESTER, 1))[-1]  # which kind of matter?
    await world.user_presses(REQUESTER, REQUESTER, choice.message_id, "cat:complaint")
    await bot_lines(emulator, REQUESTER, 2)  # the promise
    await bot_lines(emulator, GENERAL_GROUP, 1)  # the new ticket's card
    status, text = await _get(f"{base}/metrics")
    after = _samples(text)

    def grew(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert grew("shouwen_updates_received_total") == 2
    assert grew("shouwen_updates_handled_total", result="handled") == 2
    assert grew("shouwen_update_handling_seconds_count") == 2
    assert grew("shouwen_telegram_calls_total", method="answerCallbackQuery", result="ok") == 1
    assert grew("shouwen_telegram_calls_total", method="sendMessage", result="ok") >= 3
    assert grew("shouwen_matcher_decisions_total", band="handover") == 1
    # Read from the database at the scrape: the ticket, and nothing left waiting to be sent
    # once the card is out (or something waiting, with its age).
    assert _value(after, "shouwen_tickets", status="open") == 1
    # Every kind of breach is a series from the start, at 0 until its first.
    breaches = {dict(labels)["kind"] for name, labels in after if name == "shouwen_breaches_total"}
    kinds = {"missed_first_response", "overdue", "missed_update", "late_notice", "handoff_overdue"}
    assert breaches == kinds
    assert ("shouwen_outbox_oldest_waiting_seconds", ()) in after
    # The sweep ran at start-up (its first run is not waited for by the job queue).
    assert _value(after, "shouwen_sweep_duration_seconds_count") >= 1
    assert _value(after, "shouwen_sweep_last_run_timestamp_seconds") > 0


async def test_health_and_readiness_of_a_running_bot(stack: Stack) -> None:
    _, _, base = stack
    status, text = await _get(f"{base}/healthz")
    assert status == 200, text
    health = json.loads(text)
    assert health["status"] == "ok"
    assert {"receiving", "dispatcher", "application", "sweep"} <= set(health["checks"])
    assert health["checks"]["sweep"]["scheduled"] is True
    status, text = await _get(f"{base}/readyz")
    assert status == 200
    assert json.loads(text) == {"status": "ok", "checks": {"database": {"ok": True}}}


async def test_a_stopped_poller_and_an_unreachable_database_answer_503(
    settings: Settings, database_url: str, emulator: Emulator
) -> None:
    desk = await build_desk(settings, database_url)
    application = build_application(
        desk, LOCAL_TOKEN, f"http://127.0.0.1:{emulator.port}", sweep_every=None
    )
    # Nothing listens on port 1: connecting to this database is refused.
    nowhere = "postgresql+asyncpg://shouwen@127.0.0.1:1/shouwen"
    unreachable: Desk = dataclasses.replace(desk, sessions=session_factory(create_engine(nowhere)))
    async with application:
        await application.start()
        poller = Poller(application, timeout=1)
        await poller.start()
        await poller.stop()  # the loop ended: the process no longer receives
        operations = Operations(
            application, unreachable, {"receiving": poller}, Metrics(port=_free_port())
        )
        await operations.start()
        try:
            base = f"http://127.0.0.1:{operations.port}"
            status, text = await _get(f"{base}/healthz")
            assert status == 503
            health = json.loads(text)
            assert health["status"] == "failing"
            assert health["checks"]["receiving"] == {"ok": False}
            assert health["checks"]["application"] == {"ok": True}
            status, text = await _get(f"{base}/readyz")
            assert status == 503
            database = json.loads(text)["checks"]["database"]
            assert database["ok"] is False and database["error"]
            # /metrics still answers with the process's own figures.
            status, text = await _get(f"{base}/metrics")
            assert status == 200 and "shouwen_updates_received_total" in text
        finally:
            await operations.stop()
            await application.stop()


def test_the_sweep_fails_health_after_two_intervals_and_the_grace() -> None:
    limit = 2 * 30 + SWEEP_GRACE
    assert sweep_check(last=None, started=0, interval=None, now=10_000) == {
        "ok": True,
        "scheduled": False,
    }
    assert sweep_check(last=None, started=100, interval=30, now=100 + limit)["ok"]
    assert not sweep_check(last=None, started=100, interval=30, now=100 + limit + 1)["ok"]
    assert sweep_check(last=500, started=100, interval=30, now=500 + limit)["ok"]
    assert not sweep_check(last=500, started=100, interval=30, now=500 + limit + 0.5)["ok"]
