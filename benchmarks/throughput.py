"""Benchmark: the bot under many requesters at once, beside a trivial echo bot, in one run.

    python -m benchmarks.throughput [--requesters 50] [--messages 20] [--rate 100]
                                    [--seconds 10] [--rounds 3] [--json]
                                    [--statements 15]

Both bots are real python-telegram-bot Applications (long polling, updates handled one at a
time, as in production) against the same local emulation with flood limits off: what is
measured is our stack, not Telegram's limits. Two measurements per bot:
- sustained throughput: `--requesters` requesters each ask `--messages` questions in turn,
  waiting for the answer before the next (closed loop); updates per second over the run;
- latency at a fixed rate: questions arrive at `--rate` per second for `--seconds` (open loop);
  p50 and p99 from a requester's message to the bot's first reply.
Each bot runs `--rounds` times, alternately, and the medians are reported: this machine's speed
drifts by 10-15% from one minute to the next. Beside the rates, each bot's CPU per update (the
closed loop's), and our bot's SQL statements and commits per update over the whole run: they
do not drift. `--statements N` also prints the N statements our bot ran most often, per update
(the SQL's first 100 characters): where its round trips go.
`--durable` also runs the echo through our own runtime (the durable inbox, one transaction
storing the reply in the outbox with the update's mark, the dispatcher sending it): what the
runtime costs, so that the rest of our bot's CPU is known to be the desk's decisions.
Our bot answers from the knowledge base, suggests, or opens tickets, on SQLite: the questions
are our Chinese test set, so about a quarter of them open a ticket. Each requester's later
messages then go into their ticket, as they would.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from argparse import SUPPRESS
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.config import Abuse, load_settings
from bot.db import upgrade
from bot.desk import build_desk
from emulator.objects import Entry
from emulator.server import Emulator
from handlers import post
from handlers.app import LOCAL_TOKEN, build_application, seed_world, serving
from handlers.context import DeskContext
from knowledge.evaluate import read_cases

ROOT = Path(__file__).resolve().parent.parent
FIRST_REQUESTER = 2_000_000
STATEMENTS = "statements.json"  # what our bot's process counted, in its folder
BY_STATEMENT = "by_statement.json"  # the same, by statement, when asked for (`--statements`)
DETAIL = "SHOUWEN_BENCH_STATEMENTS"  # set in the bot's environment: count by statement too


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


async def serve_bot(kind: str, base: str, folder: str) -> None:
    """The bot process: ours (on SQLite in `folder`) or the echo bot, polling until stopped."""
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    if kind in ("shouwen", "durable"):
        # The simulated requesters are robots: no per-requester flood limit for them.
        settings = load_settings(ROOT / "config.yaml")
        settings = settings.model_copy(update={"abuse": Abuse(messages_per_minute=1_000_000)})
        # Each message into a ticket acknowledged (not once for messages in a row): every
        # update has a reply to time, as the echo bot's has; more work than the default.
        notices = settings.notices.model_copy(update={"acknowledge_quiet": timedelta(0)})
        settings = settings.model_copy(update={"notices": notices})
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await asyncio.to_thread(upgrade, url)
        desk = await build_desk(settings, url)
        desk.texts.prepare()  # as handlers/app.py `run` does
        # No AIORateLimiter: like the echo bot, and Telegram's limits are off in the emulation.
        application = build_application(
            desk, LOCAL_TOKEN, base, sweep_every=None, rate_limited=False
        )
        if kind == "durable":  # our runtime around an echo: none of the desk's decisions
            application.handlers.clear()
            application.add_handler(MessageHandler(filters.TEXT, _durable_echo))
        engine = desk.transactions.engine.sync_engine
        counted = _count_statements(engine)
        detail: Counter[str] = Counter()
        if os.environ.get(DETAIL):
            event.listen(
                engine,
                "before_cursor_execute",
                lambda _c, _k, statement, *_: detail.update([" ".join(statement.split())[:100]]),
            )
        # As in production: through the inbox.
        async with serving(application, poll_timeout=1):
            await stop.wait()
        (Path(folder) / STATEMENTS).write_text(json.dumps(counted))
        (Path(folder) / BY_STATEMENT).write_text(json.dumps(detail))
        return
    echo = ApplicationBuilder().token(LOCAL_TOKEN).base_url(f"{base}/bot").build()
    echo.add_handler(MessageHandler(filters.TEXT, _echo))
    async with echo:
        await echo.start()
        assert echo.updater is not None
        await echo.updater.start_polling(poll_interval=0, timeout=1)
        await stop.wait()
        await echo.updater.stop()
        await echo.stop()


async def _durable_echo(update: Update, context: DeskContext) -> None:
    """The echo through our runtime: the update through the durable inbox, the reply stored
    in the outbox in one transaction with its mark, sent by the dispatcher."""
    message = update.effective_message
    if message is None or not message.text:
        return
    async with context.desk.transaction(update_id=update.update_id) as tx:
        await post.post(tx, post.reply(message, message.text))


def _count_statements(engine: Engine) -> Counter[str]:
    """SQL statements the engine runs (BEGIN on SQLite excepted: bot/db.py runs it on the
    driver's connection) and transactions it commits, counted as they happen."""
    counted: Counter[str] = Counter()
    event.listen(engine, "before_cursor_execute", lambda *_: counted.update(["statements"]))
    event.listen(engine, "commit", lambda *_: counted.update(["commits"]))
    return counted


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@asynccontextmanager
async def running(kind: str, folder: str) -> AsyncIterator[tuple[Emulator, int]]:
    """The emulation here, and one bot (ours or the echo bot) in a process of its own, as
    Telegram's servers are not in the bot's process either."""
    settings = load_settings(ROOT / "config.yaml")
    emulator = Emulator(token=LOCAL_TOKEN, strict=False)
    emulator.world.limits.enabled = False
    seed_world(emulator.world, settings)
    await emulator.start()
    base = f"http://127.0.0.1:{emulator.port}"
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "benchmarks.throughput", "--serve", kind, base, folder, cwd=ROOT
    )  # the environment passed on: `DETAIL` with it
    try:
        yield emulator, bot.pid
    finally:
        bot.terminate()
        await bot.wait()
        await emulator.stop()


class Replies:
    """Futures resolved by the bot's next message in each chat."""

    def __init__(self, emulator: Emulator) -> None:
        self.waiting: dict[int, asyncio.Future[float]] = {}
        emulator.world.watchers.append(self._seen)

    def _seen(self, chat_id: int, _: Entry) -> None:
        future = self.waiting.pop(chat_id, None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    def expect(self, chat_id: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[chat_id] = future
        return future


async def ask(
    emulator: Emulator, replies: Replies, user_id: int, text: str, wait: float = 30
) -> float:
    """Send as a requester; the seconds until the bot's reply."""
    answered = replies.expect(user_id)
    started = time.perf_counter()
    await emulator.world.user_sends(user_id, text)
    return await asyncio.wait_for(answered, wait) - started


def _requesters(emulator: Emulator, count: int, offset: int) -> list[int]:
    ids = [FIRST_REQUESTER + offset + n for n in range(count)]
    for user_id in ids:
        emulator.world.add_user(user_id, f"R{user_id}", "zh")
    return ids


async def closed_loop(
    emulator: Emulator, questions: list[str], requesters: int, messages: int
) -> float:
    replies = Replies(emulator)
    users = _requesters(emulator, requesters, 0)

    async def one(index: int, user_id: int) -> None:
        for n in range(messages):
            await ask(
                emulator, replies, user_id, questions[(index * messages + n) % len(questions)]
            )

    started = time.perf_counter()
    await asyncio.gather(*(one(i, u) for i, u in enumerate(users)))
    return requesters * messages / (time.perf_counter() - started)


async def open_loop(
    emulator: Emulator, questions: list[str], rate: float, seconds: float
) -> list[float]:
    replies = Replies(emulator)
    total = int(rate * seconds)
    users = _requesters(emulator, total, 1_000_000)  # each question from a new requester
    tasks = []
    started = time.perf_counter()
    for n, user_id in enumerate(users):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(
            asyncio.create_task(ask(emulator, replies, user_id, questions[n % len(questions)]))
        )
    return [1000 * s for s in await asyncio.gather(*tasks)]


async def measure(kind: str, args: argparse.Namespace, questions: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        async with running(kind, folder) as (emulator, pid):
            # The first answer says the bot is up (it may take a while to start).
            await ask(
                emulator, Replies(emulator), _requesters(emulator, 1, 3_000_000)[0], "你好", 120
            )
            cpu = cpu_seconds(pid)
            throughput = await closed_loop(emulator, questions, args.requesters, args.messages)
            # The bot's own CPU per update: steadier than rates on a shared machine.
            cpu_ms = 1000 * (cpu_seconds(pid) - cpu) / (args.requesters * args.messages)
            latencies = sorted(await open_loop(emulator, questions, args.rate, args.seconds))
        figures = {
            "updates_per_s": throughput,
            "cpu_ms_per_update": cpu_ms,
            "p50_ms": statistics.median(latencies),
            "p99_ms": latencies[max(0, int(0.99 * len(latencies)) - 1)],
        }
        counted = Path(folder) / STATEMENTS  # our bot's, once it has stopped
        if counted.exists():
            # Over the whole run: the first answer, the closed loop and the open loop.
            updates = 1 + args.requesters * args.messages + int(args.rate * args.seconds)
            for name, count in json.loads(counted.read_text()).items():
                figures[f"{name}_per_update"] = count / updates
            by_statement = json.loads((Path(folder) / BY_STATEMENT).read_text())
            top = Counter(by_statement).most_common(args.statements)
            for statement, count in top:
                print(f"  {count / updates:5.2f}/update  {statement}")
    print(
        f"{kind:8} {throughput:8.1f} updates/s (closed loop, {args.requesters} requesters,"
        f" bot CPU {cpu_ms:4.1f} ms/update)"
        f"   at {args.rate:.0f}/s: p50 {figures['p50_ms']:6.1f} ms"
        f"  p99 {figures['p99_ms']:6.1f} ms",
        flush=True,
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requesters", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each bot, alternately")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--statements", type=int, default=0, help="print our bot's N most frequent statements"
    )
    parser.add_argument(
        "--durable",
        action="store_true",
        help="also the echo through our runtime (inbox, transaction, outbox): what is ours",
    )
    parser.add_argument("--serve", nargs=3, metavar=("BOT", "BASE_URL", "FOLDER"), help=SUPPRESS)
    args = parser.parse_args()
    if args.statements:
        os.environ[DETAIL] = "1"
    if args.serve:
        asyncio.run(serve_bot(*args.serve))
        return
    questions = [c.text for c in read_cases(ROOT / "knowledge" / "eval" / "zh_test.jsonl")]

    async def rounds() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
        """Each bot `--rounds` times, alternately (this machine's speed drifts): medians."""
        runs: dict[str, list[dict[str, Any]]] = {"shouwen": [], "echo": []}
        if args.durable:
            runs["durable"] = []
        for _ in range(args.rounds):
            for kind in runs:
                runs[kind].append(await measure(kind, args, questions))
        durable = _medians(runs["durable"]) if args.durable else None
        return _medians(runs["shouwen"]), _medians(runs["echo"]), durable

    ours, echo, durable = asyncio.run(rounds())
    ratio = ours["updates_per_s"] / echo["updates_per_s"]
    cpu_ratio = echo["cpu_ms_per_update"] / ours["cpu_ms_per_update"]
    print(
        f"medians of {args.rounds} rounds: ours {ours['updates_per_s']:.1f}/s"
        f" ({ours['cpu_ms_per_update']:.1f} ms CPU/update), echo {echo['updates_per_s']:.1f}/s"
        f" ({echo['cpu_ms_per_update']:.1f} ms); p50 {ours['p50_ms']:.1f} ms,"
        f" p99 {ours['p99_ms']:.1f} ms at {args.rate:.0f}/s"
    )
    print(f"ratio to the echo bot: {ratio:.2f} (by CPU per update: {cpu_ratio:.2f})")
    print(
        f"ours: {ours['statements_per_update']:.2f} SQL statements and"
        f" {ours['commits_per_update']:.2f} commits per update"
    )
    extra: dict[str, float] = {}
    if durable is not None:
        print(
            f"our runtime around an echo: {durable['updates_per_s']:.1f}/s"
            f" ({durable['cpu_ms_per_update']:.2f} ms CPU/update): the rest of ours is the"
            " desk's decisions"
        )
        extra = {
            "durable_echo_updates_per_s": round(durable["updates_per_s"], 1),
            "durable_echo_cpu_ms_per_update": round(durable["cpu_ms_per_update"], 2),
        }
    if args.json:
        print(
            json.dumps(
                {
                    **extra,
                    "updates_per_s": round(ours["updates_per_s"], 1),
                    "echo_updates_per_s": round(echo["updates_per_s"], 1),
                    "ratio": round(ratio, 3),
                    "p50_ms": round(ours["p50_ms"], 1),
                    "p99_ms": round(ours["p99_ms"], 1),
                    "cpu_ms_per_update": round(ours["cpu_ms_per_update"], 2),
                    "echo_cpu_ms_per_update": round(echo["cpu_ms_per_update"], 2),
                    "statements_per_update": round(ours["statements_per_update"], 2),
                    "commits_per_update": round(ours["commits_per_update"], 2),
                }
            )
        )


def _medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


if __name__ == "__main__":
    main()
