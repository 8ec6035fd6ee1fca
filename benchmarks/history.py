"""Benchmark: a fault report's cost as the desk's history grows (tickets closed long ago).

    python -m benchmarks.history [--closed 20000] [--reports 60] [--json]

Two SQLite databases are set up alike: the same recent water-cut reports at a few estates
(enough for incidents to form, config `surge`), one with nothing else and one with `--closed`
tickets closed 200 days before. Then `--reports` more reports are opened in each, alternately
(the machine's speed drifts: each pair is measured at the same moment), by the desk's own
`bot.tickets.open_ticket`, its surge check included (bot/incidents.py), each in a transaction
of its own. Printed: the median milliseconds a report in each, and `ratio`, the history's over
the empty one's.

The surge check compares a report with the tickets reported lately and joins an incident
still being reported; what it reads must not grow with tickets long closed. Before migration
0033 it did: no index served "opened lately, or of a live incident" nor an incident's tickets,
and a report took twice as long with 20,000 closed tickets behind it (16 ms against 8; ratio
2.06 in the same run). Floor: `ratio` <= 1.5.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import requesters, tickets
from bot.clock import utc_now
from bot.config import load_settings
from bot.db import create_engine, session_factory, upgrade
from bot.models import Ticket, TicketStatus
from bot.rules import Rules
from bot.staff import sync_staff

ROOT = Path(__file__).resolve().parent.parent
ESTATES = ("幸福里", "和平小区", "阳光花园", "金桥苑", "翠湖湾", "东方明珠苑")
RATIO_FLOOR = 1.5


async def _requester(sessions: async_sessionmaker[AsyncSession], user_id: int) -> int:
    async with sessions() as session, session.begin():
        found = await requesters.get_or_create_requester(
            session=session,
            telegram_user_id=user_id,
            chat_id=user_id,
            language="zh",
            now=utc_now(),
        )
        return found.id


async def _report(
    sessions: async_sessionmaker[AsyncSession], rules: Rules, requester_id: int, n: int
) -> float:
    """One water-cut report (its own words, an estate's building), opened: its seconds."""
    question = f"{ESTATES[n % len(ESTATES)]}{n % 40 + 1}号楼停水了,一直没来水"
    started = time.perf_counter()
    async with sessions() as session, session.begin():
        await tickets.open_ticket(
            session=session,
            rules=rules,
            requester_id=requester_id,
            question=question,
            category="fault_report",
            now=utc_now(),
        )
    return time.perf_counter() - started


async def _history(sessions: async_sessionmaker[AsyncSession], closed: int) -> int:
    """`closed` tickets like the first one, closed and opened 200 days ago (by doubling)."""
    columns = [c for c in Ticket.__table__.columns if c.name != "id"]
    values = {
        "status": literal(TicketStatus.CLOSED.value),
        "incident_id": literal(None),
        "opened_at": literal(utc_now() - timedelta(days=200)),
    }
    async with sessions() as session, session.begin():
        first = select(*(values.get(c.name, c) for c in columns)).where(Ticket.id == 1)
        await session.execute(insert(Ticket).from_select([c.name for c in columns], first))
        made = 1
        while made < closed:
            older = select(*(values.get(c.name, c) for c in columns)).where(
                Ticket.status == TicketStatus.CLOSED
            )
            older = older.limit(closed - made)
            await session.execute(insert(Ticket).from_select([c.name for c in columns], older))
            made = (
                await session.scalar(
                    select(func.count()).where(Ticket.status == TicketStatus.CLOSED)
                )
                or 0
            )
        return made


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    settings = load_settings(ROOT / "config.yaml")
    rules = Rules(settings)
    with tempfile.TemporaryDirectory() as folder:
        desks = {}
        for name in ("empty", "history"):
            url = f"sqlite+aiosqlite:///{folder}/{name}.db"
            await asyncio.to_thread(upgrade, url)
            engine = create_engine(url)
            sessions = session_factory(engine)
            async with sessions() as session, session.begin():
                await sync_staff(session=session, settings=settings)
            requester_id = await _requester(sessions, 7001)
            for n in range(args.recent):  # the same lately reported in both
                await _report(sessions, rules, requester_id, n)
            desks[name] = (engine, sessions, requester_id)
        closed = await _history(desks["history"][1], args.closed)
        seconds: dict[str, list[float]] = {"empty": [], "history": []}
        for n in range(args.recent, args.recent + args.reports):
            for name, (_, sessions, requester_id) in desks.items():
                seconds[name].append(await _report(sessions, rules, requester_id, n))
        for engine, _, _ in desks.values():
            await engine.dispose()
    empty = 1000 * statistics.median(seconds["empty"])
    history = 1000 * statistics.median(seconds["history"])
    return {
        "closed": closed,
        "reports": args.reports,
        "empty_ms": round(empty, 2),
        "history_ms": round(history, 2),
        "ratio": round(history / empty, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--closed", type=int, default=20_000, help="tickets closed long ago")
    parser.add_argument("--recent", type=int, default=40, help="reports before the measured")
    parser.add_argument("--reports", type=int, default=60, help="reports measured in each")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = asyncio.run(measure(args))
    print(
        f"a fault report: {figures['empty_ms']:.1f} ms (median) on an empty history,"
        f" {figures['history_ms']:.1f} ms with {figures['closed']} tickets closed long ago:"
        f" ratio {figures['ratio']:.2f} (floor {RATIO_FLOOR})"
    )
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
