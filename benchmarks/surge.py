"""Benchmark: a mass incident reported by hundreds (a water cut), the bot's work per report as
the incident grows.

    python -m benchmarks.surge [--reports 500] [--batch 100] [--concurrency 20] [--json]

Our bot runs in a process of its own against the emulation (flood limits off, as in
benchmarks/throughput.py), on SQLite. `--reports` requesters each report the water cut of one
estate in their own words ("幸福里N号楼停水了"), `--concurrency` at a time, each waiting for their
ticket's number; they all join one incident. Per batch of `--batch` reports: the bot's CPU per
report and the reports answered per second, and what the staff saw per report (messages and
card edits in the department's staff group, alerts in the supervisors' chats).

The baseline is the first batch, in the same run: `growth` is the last batch's CPU per report
over the first's. Work per report that grows with the incident (every open card redrawn,
every supervisor alerted with every ticket listed: benchmarks before issue 17's surge work
showed 3.1 times the first batch's CPU at 400 reports) makes a city's water cut slow the bot
for everyone just when it is busiest. Floor: `growth` <= 1.5.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from typing import Any

from benchmarks.throughput import Replies, _requesters, ask, cpu_seconds, running
from emulator.server import Emulator

GROUP = -1000000000103  # Utilities, whose matter a water cut is (config.yaml)
SUPERVISING = (-1000000000900, 100390)  # management, and Utilities' supervisor in private
GROWTH_FLOOR = 1.5


def _bot_messages(emulator: Emulator, chat_id: int) -> int:
    world = emulator.world
    return sum(
        1
        for e in world.transcripts.get(chat_id, [])
        if e.sender_id == world.bot.id and e.kind != "service"
    )


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        async with running("shouwen", folder) as (emulator, pid):
            replies = Replies(emulator)
            await ask(emulator, replies, _requesters(emulator, 1, 3_000_000)[0], "你好", 120)
            gate = asyncio.Semaphore(args.concurrency)

            async def report(user_id: int, number: int) -> None:
                async with gate:
                    await ask(emulator, replies, user_id, f"幸福里{number}号楼停水了", 60)

            cpu: dict[str, float] = {}
            rate: dict[str, float] = {}
            done = 0
            while done < args.reports:
                size = min(args.batch, args.reports - done)
                users = _requesters(emulator, size, done)
                before, started = cpu_seconds(pid), time.perf_counter()
                await asyncio.gather(*(report(user, done + n + 1) for n, user in enumerate(users)))
                done += size
                cpu[str(done)] = round(1000 * (cpu_seconds(pid) - before) / size, 2)
                rate[str(done)] = round(size / (time.perf_counter() - started), 1)
                print(
                    f"reports {done - size + 1:5}-{done:<5} {rate[str(done)]:7.1f}/s"
                    f"  bot CPU {cpu[str(done)]:6.2f} ms/report",
                    flush=True,
                )
            await asyncio.sleep(3)  # what the last reports decided reaches the chats
            counters = emulator.world.counters
            first, last = cpu[min(cpu, key=int)], cpu[max(cpu, key=int)]
            return {
                "cpu_ms_per_report": cpu,
                "reports_per_s": rate,
                "growth": round(last / first, 2),
                "staff_group_messages_per_report": round(
                    _bot_messages(emulator, GROUP) / args.reports, 2
                ),
                "card_edits_per_report": round(
                    (counters["editMessageText"] + counters["editMessageReplyMarkup"])
                    / args.reports,
                    2,
                ),
                "supervisor_alerts": sum(_bot_messages(emulator, c) for c in SUPERVISING),
                "growth_floor": GROWTH_FLOOR,
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = asyncio.run(measure(args))
    figures["ok"] = figures["growth"] <= GROWTH_FLOOR
    print(
        f"growth: the last batch's CPU per report is {figures['growth']:.2f} times the first's"
        f" (floor {GROWTH_FLOOR}); per report {figures['staff_group_messages_per_report']}"
        f" messages in the staff group, {figures['card_edits_per_report']} card edits;"
        f" {figures['supervisor_alerts']} messages in the supervisors' chats"
    )
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
