"""Benchmark: the sweep's cost as the ticket table grows, and a full ticket life per second.

    python -m benchmarks.sweep [--sizes 10000,100000,1000000] [--repeat 7] [--json]

Sweep: 100 tickets are due among N on SQLite; the sweep's median time over `--repeat` runs is
printed beside a naive sweep (scan every active ticket and test it in Python) at the sizes it
can stand, and the ratio to the smallest size. Lifecycle: open, claim, a reply, resolve and
confirm, each in its own transaction as the bot does them, on SQLite and (when a server
answers) PostgreSQL. With --json the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import closure, conversation, requesters, tickets
from bot.config import Settings, load_settings
from bot.db import create_engine, session_factory, upgrade
from bot.models import ACTIVE_STATUSES, Escalation, Ticket, TicketEvent
from bot.rules import Rules
from bot.staff import sync_staff
from bot.sweep import run_due
from bot.transaction import Transactions
from tests.conftest import MONDAY_9AM

ROOT = Path(__file__).resolve().parent.parent
DUE = 100
OFFICER = 100101
POSTGRES_ENV = "SHOUWEN_BENCH_POSTGRES_URL"
DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
QUESTIONS = [
    "社保卡丢了怎么补办",
    "公积金提取需要什么材料",
    "How do I renew my business licence?",
    "路灯坏了好几天没人修",
    "居住证办理需要多久",
    "Where do I pay my water bill?",
]


async def _prepare(url: str, settings: Settings) -> async_sessionmaker[AsyncSession]:
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        await sync_staff(session=session, settings=settings)
    return sessions


async def _seed_tickets(
    sessions: async_sessionmaker[AsyncSession], rules: Rules, size: int
) -> tuple[list[int], Any]:
    """Open one real ticket, then clone it in SQL: `DUE` due, the rest active or closed."""
    async with sessions() as session, session.begin():
        requester = await requesters.get_or_create_requester(
            session=session, telegram_user_id=7001, chat_id=7001, language="zh", now=MONDAY_9AM
        )
        opened = await tickets.open_ticket(
            session=session,
            rules=rules,
            requester_id=requester.id,
            question="bench",
            category="consultation",
            now=MONDAY_9AM,
        )
        due_at = opened.ticket.next_check_at
    columns = [c.name for c in Ticket.__table__.columns if c.name not in ("id", "next_check_at")]
    names = ", ".join(columns)
    far = MONDAY_9AM + timedelta(days=30)
    # Every 100th cloned ticket is due now; of the rest, a third are active, the others closed.
    stride = max(size // DUE, 1)
    async with sessions() as session, session.begin():
        await session.execute(
            text(
                "WITH RECURSIVE seq(n) AS"
                " (SELECT 2 UNION ALL SELECT n + 1 FROM seq WHERE n < :size)"
                f" INSERT INTO tickets (id, next_check_at, {names})"
                f" SELECT n, CASE WHEN n % :stride = 0 THEN t.next_check_at"
                f" WHEN n % 3 = 0 THEN :far ELSE NULL END, {names.replace('status', 't.status')}"
                f" FROM seq, tickets t WHERE t.id = 1"
            ).bindparams(size=size, stride=stride, far=far.replace(tzinfo=None)),
        )
        await session.execute(update(Ticket).where(Ticket.id == 1).values(next_check_at=far))
        due_ids = list(
            await session.scalars(select(Ticket.id).where(Ticket.next_check_at <= due_at))
        )
    return due_ids, due_at


async def _reset(
    sessions: async_sessionmaker[AsyncSession], due_ids: list[int], due_at: Any
) -> None:
    async with sessions() as session, session.begin():
        await session.execute(delete(Escalation))
        await session.execute(
            update(Ticket)
            .where(Ticket.id.in_(due_ids))
            .values(first_response_steps=0, next_check_at=due_at)
            .execution_options(synchronize_session=False)
        )


async def _naive_sweep(sessions: async_sessionmaker[AsyncSession], now: Any) -> int:
    """The obvious way, without the index: load every active ticket and test it in Python."""
    async with sessions() as session:
        active = await session.scalars(select(Ticket).where(Ticket.status.in_(ACTIVE_STATUSES)))
        return sum(t.next_check_at is not None and t.next_check_at <= now for t in active)


async def bench_sweep(size: int, repeat: int, settings: Settings, naive: bool) -> dict[str, Any]:
    rules = Rules(settings)
    with tempfile.TemporaryDirectory() as folder:
        sessions = await _prepare(f"sqlite+aiosqlite:///{folder}/bench.db", settings)
        started = time.perf_counter()
        due_ids, due_at = await _seed_tickets(sessions, rules, size)
        seed_s = time.perf_counter() - started
        timings = []
        for _ in range(repeat):
            await _reset(sessions, due_ids, due_at)
            started = time.perf_counter()
            messages = await run_due(transactions=Transactions(sessions), rules=rules, now=due_at)
            timings.append((time.perf_counter() - started) * 1000)
            assert len({m.ticket_id for m in messages}) == len(due_ids), (
                "not every due ticket swept"
            )
        result = {
            "size": size,
            "due": len(due_ids),
            "sweep_ms": statistics.median(timings),
            "seed_s": seed_s,
            "naive_ms": None,
        }
        if naive:
            naive_timings = []
            for _ in range(max(3, repeat // 2)):
                await _reset(sessions, due_ids, due_at)
                started = time.perf_counter()
                found = await _naive_sweep(sessions, due_at)
                naive_timings.append((time.perf_counter() - started) * 1000)
                assert found == len(due_ids)
            result["naive_ms"] = statistics.median(naive_timings)
        engine = sessions.kw["bind"]
        await engine.dispose()
        return result


async def _one_life(
    sessions: async_sessionmaker[AsyncSession], rules: Rules, requester_id: int, n: int
) -> None:
    now = MONDAY_9AM + timedelta(seconds=n)
    async with sessions() as session, session.begin():
        opened = await tickets.open_ticket(
            session=session,
            rules=rules,
            requester_id=requester_id,
            question=QUESTIONS[n % len(QUESTIONS)] + f" #{n}",
            category="consultation",
            now=now,
        )
        ticket_id = opened.ticket.id
    async with sessions() as session, session.begin():
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket_id, officer_id=OFFICER, now=now
        )
    async with sessions() as session, session.begin():
        await conversation.add_staff_message(
            session=session,
            rules=rules,
            ticket_id=ticket_id,
            officer_id=OFFICER,
            text="正在办理",
            now=now,
        )
    async with sessions() as session, session.begin():
        await closure.resolve(
            session=session,
            rules=rules,
            ticket_id=ticket_id,
            officer_id=OFFICER,
            summary="已办结",
            now=now,
        )
    async with sessions() as session, session.begin():
        await closure.confirm(
            session=session,
            rules=rules,
            ticket_id=ticket_id,
            requester_id=requester_id,
            score=5,
            now=now,
        )


async def bench_lifecycle(url: str, settings: Settings, count: int, repeat: int) -> float:
    """Median tickets per second over `repeat` rounds of `count` full lives, one at a time."""
    rules = Rules(settings)
    sessions = await _prepare(url, settings)
    async with sessions() as session, session.begin():
        requester = await requesters.get_or_create_requester(
            session=session, telegram_user_id=7002, chat_id=7002, language="zh", now=MONDAY_9AM
        )
    rates = []
    n = 0
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(count):
            n += 1
            await _one_life(sessions, rules, requester.id, n)
        rates.append(count / (time.perf_counter() - started))
    async with sessions() as session:
        events = len(list(await session.scalars(select(TicketEvent.id))))
    assert events == n * 4, "every life leaves opened, claim, resolve and confirm events"
    await sessions.kw["bind"].dispose()
    return statistics.median(rates)


async def _scratch_postgres(server: str) -> str | None:
    import asyncpg

    admin = make_url(server).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        connection = await asyncpg.connect(admin, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        print(f"PostgreSQL not reachable ({exc}); skipping it", file=sys.stderr)
        return None
    try:
        await connection.execute('DROP DATABASE IF EXISTS "shouwen_bench" WITH (FORCE)')
        await connection.execute('CREATE DATABASE "shouwen_bench"')
    finally:
        await connection.close()
    return make_url(server).set(database="shouwen_bench").render_as_string(hide_password=False)


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    settings = load_settings(ROOT / "config.yaml")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    sweep: dict[str, float] = {}
    rows = []
    for size in sizes:
        row = await bench_sweep(size, args.repeat, settings, naive=size <= args.naive_up_to)
        rows.append(row)
        sweep[str(size)] = round(row["sweep_ms"], 2)
        naive = f"{row['naive_ms']:10.1f}" if row["naive_ms"] is not None else "         -"
        print(
            f"sweep  {size:>9,} tickets  {row['due']:>3} due  median {row['sweep_ms']:7.2f} ms"
            f"  x{row['sweep_ms'] / rows[0]['sweep_ms']:.2f} of {sizes[0]:,}"
            f"  naive scan {naive} ms  (seeded in {row['seed_s']:.1f} s)",
            flush=True,
        )
    lifecycle: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory() as folder:
        rate = await bench_lifecycle(
            f"sqlite+aiosqlite:///{folder}/life.db", settings, args.lives, 3
        )
    lifecycle["sqlite"] = round(rate, 1)
    print(f"lifecycle  sqlite      {rate:8.1f} tickets/s (open, claim, reply, resolve, confirm)")
    postgres = await _scratch_postgres(os.environ.get(POSTGRES_ENV, DEFAULT_POSTGRES))
    lifecycle["postgresql"] = None
    if postgres is not None:
        rate = await bench_lifecycle(postgres, settings, args.lives, 3)
        lifecycle["postgresql"] = round(rate, 1)
        print(f"lifecycle  postgresql  {rate:8.1f} tickets/s")
    return {"sweep_ms": sweep, "lifecycle_per_s": lifecycle}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--naive-up-to", type=int, default=100_000)
    parser.add_argument("--lives", type=int, default=200, help="ticket lives per round")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(main_async(args))
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
