"""Scale-out: several bot processes on one PostgreSQL database, in webhook mode behind a
round-robin front; updates per second with 1, 2 (and 4) processes in one run, and whether each
chat's updates were handled once and in order, one process killed with SIGKILL on the way.

    python -m benchmarks.scaleout [--database-url URL] [--processes 1,2,4] [--seconds 20]
                                  [--rounds 3] [--requesters 48] [--burst 3] [--json]

The PostgreSQL server is `--database-url` or SHOUWEN_TEST_POSTGRES_URL (a database on it whose
owner may create databases); the run works in a scratch database of its own, dropped at the
end. Each bot process is a real Application (`handlers.app.serving`, its webhook on a port of
its own) against the emulation in this process, whose posts go to the processes in turn
(emulator/front.py). Telegram's flood limits are off in the emulation and in the bot, and the
requesters are robots (no per-requester limit): what is measured is the bot, not Telegram.

Each requester has a ticket, claimed by its officer, so that everything they write is copied
into the ticket's topic in the staff group (one chat for all of them) and answered in their
own chat. A requester writes `--burst` messages one after the other (each posted once Telegram
has the 200 for the one before, the next to the next process), then waits for the bot's
answers to all of them before the next burst (closed loop). Per phase (processes in
`--processes`, the whole list `--rounds` times, alternately, medians reported: this machine's
speed drifts by more than a tenth from one minute to the next), updates/s is the answers per
second over `--seconds`: updates handled, their answers sent; `speedup_2_by_round` pairs each
round's two processes with its one. The copies, all to the one staff group, follow at their
own pace (copies/s); the run waits for every one at the end. A last phase runs two
processes and kills one with SIGKILL halfway, then starts it again. On a machine shared with
other work the rates drift by more than the effect measured; speedup_2_by_cpu (2 x the CPU
per update of one process over that of two) says what two would do over one each on a core
of its own.

From the copies, over the whole run: order violations (a message copied after a later one of
the same requester), duplicates (one copied twice; a kill may repeat the calls it had in
flight, at most 8 plus its groups'), lost (posted, answered 200, never copied once the bots
caught up). Of the duplicates, those a kill explains are counted apart: copied first in the
IN_FLIGHT seconds before a SIGKILL (sent, its mark not yet committed) and again after it
(`duplicates_in_flight_at_kill`); the others are `duplicates_beyond_in_flight`, which should be 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import signal
import socket
import statistics
import sys
import tempfile
import time
import uuid
from argparse import SUPPRESS
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy.engine import make_url

from bot.config import Abuse, load_settings
from bot.db import upgrade
from bot.desk import build_desk
from emulator.front import RoundRobinFront
from emulator.objects import Entry
from emulator.server import Emulator
from handlers.app import LOCAL_TOKEN, Webhook, build_application, seed_world, serving

ROOT = Path(__file__).resolve().parent.parent
FIRST_REQUESTER = 5_000_000
GROUP, OFFICER = -1000000000103, 100301  # street lights: a fault, a ticket at once
QUESTION = "我家楼下路灯坏了"
COPY = re.compile(r"^R(\d+)#(\d+)$")
# How long before a kill a copy Telegram had may still have been unmarked, in seconds: the
# marker gathers for 20 ms, then commits (handlers/runtime/marking.py); generous for a busy
# machine.
IN_FLIGHT = 2.0


async def serve_bot(database_url: str, api: str, port: int) -> None:
    """One bot process: webhook on `port`, until SIGTERM."""
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    settings = load_settings(ROOT / "config.yaml")
    settings = settings.model_copy(update={"abuse": Abuse(messages_per_minute=1_000_000)})
    # Each message into a ticket acknowledged (not once for messages in a row): the closed
    # loop waits for an answer to every message of a burst.
    notices = settings.notices.model_copy(update={"acknowledge_quiet": timedelta(0)})
    settings = settings.model_copy(update={"notices": notices})
    desk = await build_desk(settings, database_url)
    desk.texts.prepare()  # as handlers/app.py `run` does
    application = build_application(desk, LOCAL_TOKEN, api, sweep_every=10, rate_limited=False)
    hook = Webhook(url=f"http://127.0.0.1:{port}/hook", port=port, path="hook")
    async with serving(application, hook):
        await stop.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_cpu(database: str) -> float:
    """CPU seconds so far of PostgreSQL's backends serving `database` (found by the name in
    their process titles) and of its WAL writer, which every commit waits on."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().decode(errors="replace")
            if title.startswith("postgres:") and (
                f" {database} " in title or "walwriter" in title
            ):
                total += cpu_seconds(int(entry.name))
        except OSError:  # gone meanwhile
            continue
    return total


class BotProcess:
    """One bot process on its port: started, killed, started again; its log kept."""

    def __init__(self, database_url: str, api: str, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hook"
        self._args = ["--serve", database_url, api, str(self.port)]
        self._log = log
        self.process: asyncio.subprocess.Process | None = None
        self.cpu = 0.0  # CPU seconds of the runs before the current one

    async def start(self) -> None:
        with self._log.open("a") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "benchmarks.scaleout", *self._args,
                cwd=ROOT, stdout=out, stderr=out,
            )  # fmt: skip
        async with aiohttp.ClientSession() as client:
            for _ in range(600):
                try:
                    async with client.get(self.url):
                        return  # listening (a GET is refused, which is an answer)
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
        raise RuntimeError(f"bot process on {self.port} did not start; see {self._log}")

    def cpu_now(self) -> float:
        assert self.process is not None
        return self.cpu + cpu_seconds(self.process.pid)

    async def kill(self) -> None:
        assert self.process is not None
        self.cpu = self.cpu_now()
        self.process.kill()
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.cpu = self.cpu_now()
            self.process.terminate()
            await self.process.wait()


class Traffic:
    """The requesters, what they posted, and the copies of it the emulation saw."""

    def __init__(self, emulator: Emulator, count: int, burst: int, database: str) -> None:
        self.world = emulator.world
        self.database = database  # its name, for PostgreSQL's CPU
        self.burst = burst
        self.requesters = [FIRST_REQUESTER + n for n in range(count)]
        for user_id in self.requesters:
            self.world.add_user(user_id, f"R{user_id}", "zh")
        self.posted: dict[int, int] = dict.fromkeys(self.requesters, 0)  # next number
        self.copies: dict[int, list[int]] = defaultdict(list)
        self.copied_at: dict[int, list[float]] = defaultdict(list)  # monotonic, as copies
        self.kills: list[float] = []  # when a bot process was killed (monotonic)
        self.seen = 0  # copies so far
        # The bot's messages in each requester's chat (one answer to each message in a
        # ticket), and how many a requester waits for.
        self.replies: dict[int, int] = dict.fromkeys(self.requesters, 0)
        self.answered = 0
        self._waiting: dict[int, tuple[int, asyncio.Future[None]]] = {}
        self._card = asyncio.Event()
        self.world.watchers.append(self._watch)

    def _watch(self, chat_id: int, entry: Entry) -> None:
        if entry.sender_id != self.world.bot.id:
            return
        if chat_id in self.replies:
            self.replies[chat_id] += 1
            self.answered += 1
            waiting = self._waiting.get(chat_id)
            reached = waiting is not None and self.replies[chat_id] >= waiting[0]
            if reached and waiting is not None and not waiting[1].done():
                waiting[1].set_result(None)
            return
        if chat_id != GROUP:
            return
        if entry.buttons:
            self._card.set()  # a new ticket's card
        found = COPY.match(entry.text)
        if found is None:
            return
        requester, number = int(found.group(1)), int(found.group(2))
        self.copies[requester].append(number)
        self.copied_at[requester].append(time.monotonic())
        self.seen += 1

    async def tickets(self) -> None:
        """Each requester's ticket, claimed by the officer (its topic opened)."""
        world = self.world
        for requester in self.requesters:
            # One after the other: identical complaints at the same instant are linked as one
            # mass incident, and opening them all at once makes them race for it.
            self._card.clear()
            await world.user_sends(requester, QUESTION)
            await asyncio.wait_for(self._card.wait(), 60)
        pressed: set[int] = set()
        deadline = time.monotonic() + 120
        while len(world.chats[GROUP].topics) < len(self.requesters):
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"tickets were not opened and claimed in two minutes: "
                    f"{len(world.chats[GROUP].topics)} topics, {len(pressed)} claimed"
                )
            for entry in list(world.transcripts.get(GROUP, [])):
                claim = [
                    b["callback_data"]
                    for row in entry.buttons
                    for b in row
                    if b.get("callback_data", "").startswith("claim:")
                ]
                if claim and entry.message_id not in pressed:
                    pressed.add(entry.message_id)
                    await world.user_presses(OFFICER, GROUP, entry.message_id, claim[0])
            await asyncio.sleep(0.2)

    async def converse(self, requester: int, until: float) -> None:
        """Bursts until `until` (monotonic), each waited for: the bot's answer to every
        message of it in the requester's chat (closed loop)."""
        while time.monotonic() < until:
            target = self.replies[requester] + self.burst
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiting[requester] = (target, done)
            for _ in range(self.burst):
                number = self.posted[requester]
                self.posted[requester] += 1
                await self.world.user_sends(requester, f"R{requester}#{number}")
            if self.replies[requester] >= target:
                continue
            try:
                await asyncio.wait_for(done, 120)
            except TimeoutError:
                print(f"requester {requester}: no answer in 120 s", flush=True)

    def _in_flight(self, first: float, again: float) -> bool:
        """Whether a copy first seen at `first` and again at `again` is one a kill repeated:
        sent in the last IN_FLIGHT seconds before it, again after it."""
        return any(kill - IN_FLIGHT <= first <= kill <= again for kill in self.kills)

    def check(self) -> dict[str, int]:
        violations = duplicates = lost = in_flight = 0
        for requester in self.requesters:
            seq = self.copies[requester]
            duplicates += len(seq) - len(set(seq))
            times = self.copied_at[requester]
            firsts: dict[int, float] = {}
            for number, when in zip(seq, times, strict=True):
                if number not in firsts:
                    firsts[number] = when
                elif self._in_flight(firsts[number], when):
                    in_flight += 1
                else:
                    kills = [round(k - firsts[number], 1) for k in self.kills]
                    print(
                        f"duplicate, requester {requester} #{number}: copied again"
                        f" {when - firsts[number]:.1f} s after the first copy; kills at {kills} s"
                        " from it",
                        flush=True,
                    )
            highest, first = -1, set()
            for number in seq:
                if number in first:
                    continue
                first.add(number)
                if number < highest:
                    violations += 1
                    at = seq.index(number)
                    print(f"out of order, requester {requester}: {seq[max(0, at - 5) : at + 2]}")
                highest = max(highest, number)
            lost += sum(1 for n in range(self.posted[requester]) if n not in first)
        return {
            "order_violations": violations,
            "duplicates": duplicates,
            "duplicates_in_flight_at_kill": in_flight,
            "duplicates_beyond_in_flight": duplicates - in_flight,
            "lost": lost,
        }

    async def caught_up(self, seconds: float) -> None:
        """Until every posted message was copied, at most `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all(set(range(self.posted[r])) <= set(self.copies[r]) for r in self.requesters):
                return
            await asyncio.sleep(0.2)


async def phase(
    traffic: Traffic,
    bots: list[BotProcess],
    emulator: Emulator,
    seconds: float,
    kill: bool = False,
) -> dict[str, float]:
    """Run the requesters against `bots` for `seconds`: copies per second, the bots' CPU per
    update; with `kill`, the second bot is killed halfway and started again."""
    front = RoundRobinFront(emulator.world, [b.url for b in bots])
    emulator.world.deliver = front.deliver
    cpu = sum(b.cpu_now() for b in bots)
    own = time.process_time()  # the emulation's and the front's, in this process
    database = database_cpu(traffic.database)
    answered, seen, started = traffic.answered, traffic.seen, time.monotonic()
    until = started + seconds
    talking = [asyncio.create_task(traffic.converse(r, until)) for r in traffic.requesters]
    if kill:
        await asyncio.sleep(seconds / 2)
        await bots[-1].kill()
        traffic.kills.append(time.monotonic())  # whatever it had sent is seen by now
        await bots[-1].start()
    await asyncio.sleep(max(0.0, until - time.monotonic()))
    elapsed = time.monotonic() - started
    rate, copied = (traffic.answered - answered) / elapsed, (traffic.seen - seen) / elapsed
    handled = traffic.answered - answered
    await asyncio.gather(*talking)  # the bursts under way finish
    used = sum(b.cpu_now() for b in bots) - cpu
    emulation = (time.process_time() - own) / (time.monotonic() - started)
    database = database_cpu(traffic.database) - database
    await front.close()
    return {
        "updates_per_s": rate,
        "copies_per_s": copied,
        "cpu_ms_per_update": 1000 * used / max(1, handled),
        "undelivered": front.failed,
        "emulation_cpu": emulation,
        "database_cpu_ms_per_update": 1000 * database / max(1, handled),
    }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    server = args.database_url or os.environ.get("SHOUWEN_TEST_POSTGRES_URL")
    if not server:
        raise SystemExit("give --database-url or set SHOUWEN_TEST_POSTGRES_URL (PostgreSQL)")
    name = f"shouwen_scaleout_{uuid.uuid4().hex[:10]}"
    admin = make_url(server).set(drivername="postgresql").render_as_string(hide_password=False)
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    import asyncpg

    connection = await asyncpg.connect(admin)
    await connection.execute(f'CREATE DATABASE "{name}"')
    try:
        await asyncio.to_thread(upgrade, url)
        return await measure(args, url)
    finally:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()


async def measure(args: argparse.Namespace, url: str) -> dict[str, Any]:
    settings = load_settings(ROOT / "config.yaml")
    emulator = Emulator(token=LOCAL_TOKEN, strict=False)
    emulator.world.limits.enabled = False
    seed_world(emulator.world, settings)
    await emulator.start()
    api = f"http://127.0.0.1:{emulator.port}"
    database = make_url(url).database
    assert database is not None
    traffic = Traffic(emulator, args.requesters, args.burst, database)
    rates: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    undelivered = 0
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "bots.log"
        bots = [BotProcess(url, api, log) for _ in range(max(2, *args.processes))]
        try:
            await bots[0].start()
            for _ in range(600):  # until it has set its webhook: posted to from then on
                if emulator.world.webhook_url is not None:
                    break
                await asyncio.sleep(0.05)
            front = RoundRobinFront(emulator.world, [bots[0].url])
            emulator.world.deliver = front.deliver
            await traffic.tickets()
            await front.close()
            running = 1
            for count in [n for _ in range(args.rounds) for n in args.processes]:
                while running < count:
                    await bots[running].start()
                    running += 1
                while running > count:
                    running -= 1
                    await bots[running].stop()
                figures = await phase(traffic, bots[:count], emulator, args.seconds)
                rates[str(count)].append(figures["updates_per_s"])
                cpu[str(count)].append(figures["cpu_ms_per_update"])
                undelivered += int(figures["undelivered"])
                print(
                    f"{count} process(es): {figures['updates_per_s']:7.1f} updates/s"
                    f" ({figures['copies_per_s']:.1f} copies/s to the staff group),"
                    f" bot CPU {figures['cpu_ms_per_update']:.2f} ms/update; the emulation"
                    f" used {figures['emulation_cpu']:.0%} of a core, PostgreSQL"
                    f" {figures['database_cpu_ms_per_update']:.2f} ms/update",
                    flush=True,
                )
            while running < 2:
                await bots[running].start()
                running += 1
            while running > 2:
                running -= 1
                await bots[running].stop()
            killed = await phase(traffic, bots[:2], emulator, args.seconds, kill=True)
            undelivered += int(killed["undelivered"])
            print(
                f"2 processes, one killed halfway: {killed['updates_per_s']:7.1f} updates/s",
                flush=True,
            )
            caught = time.monotonic()
            await traffic.caught_up(120)
            catching_up = time.monotonic() - caught
        finally:
            for bot in bots:
                await bot.stop()
            await emulator.stop()
            if args.log is not None:
                args.log.write_bytes(log.read_bytes())
        errors = [
            line
            for line in log.read_text(errors="replace").splitlines()
            if " ERROR " in line or line.startswith("Traceback")
        ]
    checked = traffic.check()
    rate = {k: statistics.median(v) for k, v in rates.items()}
    per_update = {k: statistics.median(v) for k, v in cpu.items()}
    # Each round's 2 over the same round's 1: the phases next to each other in time.
    paired = [two / one for one, two in zip(rates.get("1", []), rates.get("2", []), strict=False)]
    return {
        "updates_per_s": {k: round(v, 1) for k, v in rate.items()},
        "speedup_2": round(rate["2"] / rate["1"], 2) if "1" in rate and "2" in rate else None,
        "speedup_2_by_round": [round(r, 2) for r in paired],
        # What two would do over one where each had a core of its own: steadier than rates on
        # a shared machine (each process's CPU per update, as the throughput benchmark reads).
        "speedup_2_by_cpu": round(2 * per_update["1"] / per_update["2"], 2)
        if "1" in per_update and "2" in per_update
        else None,
        **checked,
        "kills": 1,
        "updates_per_s_with_kill": round(killed["updates_per_s"], 1),
        "catch_up_s": round(catching_up, 1),
        "cpu_ms_per_update": {k: round(v, 2) for k, v in per_update.items()},
        "rounds": args.rounds,
        "updates": sum(traffic.posted.values()),
        "undelivered": undelivered,
        "logged_errors": len(errors),
        "cores": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL server (default: the test one)")
    parser.add_argument(
        "--processes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2, 4],
        help="process counts, one phase each (default 1,2,4)",
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="times each process count is run, alternately; medians are reported",
    )
    parser.add_argument("--requesters", type=int, default=48)
    parser.add_argument("--burst", type=int, default=3, help="messages per burst")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--log", type=Path, help="keep the bots' log in this file")
    parser.add_argument("--serve", nargs=3, metavar=("DATABASE", "API", "PORT"), help=SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        database, api, port = args.serve
        asyncio.run(serve_bot(database, api, int(port)))
        return
    result = asyncio.run(run(args))
    for key, value in result.items():
        print(f"{key:26} {value}")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
