"""Chaos: requesters and officers against a bot that Telegram treats badly and that is killed.

    python -m benchmarks.chaos [--requesters 20] [--seconds 120] [--kills 3] [--json]

The bot runs as `python -m bot run` in a process of its own against the emulation (through
SHOUWEN_BOT_API_URL), on SQLite, with a configuration whose clock is compressed (deadlines and
progress notices in seconds, on the calendar clock) so that notices and escalations come due
during the run. Meanwhile: requesters ask questions and write into their tickets, an officer
claims and answers, Telegram's flood limits answer 429, sendMessage fails now and then with
502 or hangs past the client's timeout, a few requesters block the bot (403), and the bot is
killed with SIGKILL `--kills` times at random moments and started again. At the end the bot
gets time to catch up, then the run checks and prints: every message sent is in the inbox
once (lost = 0) and how many still wait to be handled, every ticket's event log replays to its
state, every progress notice decided was sent or given up on for a 403, no ticket is unclaimed
past its first-response deadline without an escalation, and the bot logged no unhandled
exception.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select

from bot import lifecycle, outbox
from bot.config import load_settings
from bot.db import create_engine, session_factory, upgrade
from bot.models import (
    Escalation,
    InboundUpdate,
    OutboxMessage,
    ProgressNotice,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from emulator.limits import Fault
from emulator.objects import Entry
from emulator.server import Emulator
from handlers.app import LOCAL_TOKEN, seed_world

ROOT = Path(__file__).resolve().parent.parent
FIRST = 4_000_000
OFFICER = 100101
GROUP = -1000000000101
QUESTIONS = ["我想申请公租房", "社保卡丢了怎么补办", "我家楼下路灯坏了", "人工", "补充一下情况"]


def compressed_config(folder: Path) -> Path:
    """config.yaml with every deadline in seconds on the calendar clock."""
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    for levels in config["service_levels"].values():
        for level in levels.values():
            # The first progress notice (30 s) comes before the first response is late (40 s):
            # an apology for a missed promise is the requester's word, and the next notice
            # comes an interval after it (bot/due.py), past a short run's end.
            level.update({"first_response": "40s", "resolution": "90s", "clock": "calendar"})
    config["notices"] = {"interval": "30s", "owner_reminder_before": "10s", "grace": "20s"}
    config["closure"] = {"auto_close_after": "60s"}
    config["abuse"] = {"messages_per_minute": 1000, "open_tickets": 3}
    config["knowledge"]["paths"] = [str(ROOT / p) for p in config["knowledge"]["paths"]]
    path = folder / "chaos.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


class Bot:
    """The bot's process: started, killed, started again; its log kept."""

    def __init__(self, config: Path, url: str, api: str, log: Path) -> None:
        self.environment = {
            **os.environ,
            "SHOUWEN_BOT_TOKEN": LOCAL_TOKEN,
            "SHOUWEN_BOT_API_URL": api,
            "SHOUWEN_DATABASE_URL": url,
        }
        self.config, self.log = config, log
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("a") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "--config", str(self.config), "run",
                "--sweep-every", "2", "--metrics-port", "0",
                cwd=ROOT, env=self.environment, stdout=out, stderr=out,
            )  # fmt: skip

    async def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            await self.process.wait()


async def run(args: argparse.Namespace) -> dict[str, Any]:
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        config = compressed_config(folder)
        settings = load_settings(config)
        url = f"sqlite+aiosqlite:///{folder}/chaos.db"
        await asyncio.to_thread(upgrade, url)
        engine = create_engine(url)
        emulator = Emulator(token=LOCAL_TOKEN, strict=False)
        seed_world(emulator.world, settings)
        await emulator.start()
        world = emulator.world
        delivered: list[tuple[float, int, str]] = []

        def seen(chat_id: int, entry: Entry) -> None:
            if entry.sender_id == world.bot.id:
                delivered.append((time.monotonic(), chat_id, entry.text))

        world.watchers.append(seen)
        users = [FIRST + n for n in range(args.requesters)]
        for user_id in users:
            world.add_user(user_id, f"R{user_id}", "zh")
        blocking = set(chance.sample(users, max(1, len(users) // 10)))
        bot = Bot(config, url, f"http://127.0.0.1:{emulator.port}", folder / "bot.log")
        sent: list[int] = []
        faults = hangs = 0
        kills = 0
        await bot.start()
        started = time.monotonic()
        kill_at = sorted(chance.uniform(10, args.seconds - 5) for _ in range(args.kills))
        while (elapsed := time.monotonic() - started) < args.seconds:
            if kill_at and elapsed >= kill_at[0]:
                kill_at.pop(0)
                await bot.kill()
                kills += 1
                await bot.start()
            # A requester who blocked the bot cannot write to it (writing would unblock it).
            user_id = chance.choice([u for u in users if not world.users[u].blocked_bot])
            update = await world.user_sends(user_id, chance.choice(QUESTIONS))
            sent.append(update["update_id"])
            if user_id in blocking and chance.random() < 0.2:
                world.users[user_id].blocked_bot = True  # 403 from now on
            roll = chance.random()
            if roll < 0.03:
                emulator.faults.add("sendMessage", Fault(502))
                faults += 1
            elif roll < 0.04:
                emulator.faults.add("sendMessage", Fault(None, delay=6.0))  # past the timeout
                faults += 1
                hangs += 1
            await _officer_acts(world, chance)
            await asyncio.sleep(chance.uniform(0.05, 0.3))
        # The bot catches up: its backlog, the retries, the last sweeps; on a slow or loaded
        # machine, up to `catch_up` seconds more while anything still waits to go.
        await asyncio.sleep(args.settle)
        for _ in range(int(getattr(args, "catch_up", 0.0) / 0.5)):
            if not await _waiting(engine):
                break
            await asyncio.sleep(0.5)
        await bot.stop()
        if args.log is not None:
            args.log.write_bytes(bot.log.read_bytes())
        counts = await _check(engine, sent, delivered, bot.log, kills)
        counts["faults"] = faults + world.limits.served_429
        counts["hangs"] = hangs
        await engine.dispose()
        await emulator.stop()
        return counts


async def _officer_acts(world: Any, chance: random.Random) -> None:
    """Now and then the officer claims a waiting card or answers in a ticket's topic."""
    if chance.random() > 0.15:
        return
    cards = [
        e
        for e in world.transcripts.get(GROUP, [])
        if e.buttons
        and any(b.get("callback_data", "").startswith("claim:") for r in e.buttons for b in r)
    ]
    if cards:
        card = chance.choice(cards)
        await world.user_presses(
            OFFICER, GROUP, card.message_id, card.buttons[0][0]["callback_data"]
        )
    topics = list(world.chats[GROUP].topics.values())
    if topics and chance.random() < 0.5:
        topic = chance.choice(topics)
        await world.user_sends(OFFICER, "正在为您办理,请稍候。", GROUP, topic.thread_id)


async def _check(
    engine: Any, sent: list[int], delivered: list[tuple[float, int, str]], log: Path, kills: int
) -> dict[str, Any]:
    sessions = session_factory(engine)
    async with sessions() as session:
        inbox = dict(
            (
                await session.execute(select(InboundUpdate.update_id, InboundUpdate.processed_at))
            ).all()
        )
        tickets = list(await session.scalars(select(Ticket)))
        events: dict[int, list[TicketEvent]] = {}
        for event in await session.scalars(
            select(TicketEvent).order_by(TicketEvent.ticket_id, TicketEvent.seq)
        ):
            events.setdefault(event.ticket_id, []).append(event)
        notices_due = int(
            await session.scalar(select(func.count()).select_from(ProgressNotice)) or 0
        )
        notice_rows = list(
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.template == "progress_notice")
            )
        )
        escalated = set(await session.scalars(select(Escalation.ticket_id)))
        outbox_rows = list(await session.scalars(select(OutboxMessage)))
    now = max((e.at for log_ in events.values() for e in log_), default=None)
    received = sum(1 for u in sent if u in inbox)
    unhandled = sum(1 for u in sent if u in inbox and inbox[u] is None)
    mismatched = sum(
        1
        for t in tickets
        if lifecycle.replay(events.get(t.id, [])) != lifecycle.ReplayedState.of(t)
    )
    ownerless = sum(
        1
        for t in tickets
        if t.status is TicketStatus.OPEN
        and now is not None
        and t.first_response_due_at < now
        and t.id not in escalated
    )
    # Every message the bot sends comes from an outbox row, marked sent once Telegram has it:
    # any message delivered beyond those rows was sent twice (a crash before the mark, or
    # Telegram taking a message whose answer never came back).
    expected = sum(
        1
        for row in outbox_rows
        if row.sent_at is not None
        and row.last_error != outbox.SKIPPED
        and row.template not in ("edit", "topic")
    )
    # A progress notice that reached a chat twice within two seconds: a repeat.
    last: dict[tuple[int, str], float] = {}
    notice_duplicates = 0
    for at, chat_id, text in delivered:
        if at - last.get((chat_id, text), -10.0) < 2.0 and "进展通知" in text:
            notice_duplicates += 1
        last[(chat_id, text)] = at
    text = await asyncio.to_thread(log.read_text, errors="replace")
    errors = [line for line in text.splitlines() if " ERROR " in line or "Traceback" in line]
    return {
        "sent": len(sent),
        "received": received,
        "kills": kills,
        "duplicates": max(0, len(delivered) - expected),
        "messages_delivered": len(delivered),
        "notice_duplicates": notice_duplicates,
        "lost": len(sent) - received,  # never recorded: gone for good
        "unhandled_at_end": unhandled,  # recorded, still waiting to be handled
        "unhandled_exceptions": len(errors),  # any ERROR in the bot's log, or a traceback
        "outbox_waiting": sum(1 for r in outbox_rows if r.sent_at is None and r.failed_at is None),
        "outbox_waiting_by_kind": dict(
            Counter(
                f"{r.template}@{'group' if r.chat_id < 0 else 'private'}"
                for r in outbox_rows
                if r.sent_at is None and r.failed_at is None
            )
        ),
        "outbox_given_up_by_error": dict(
            Counter((r.last_error or "")[:40] for r in outbox_rows if r.failed_at is not None)
        ),
        "outbox_given_up": sum(1 for r in outbox_rows if r.failed_at is not None),
        "notices_due": notices_due,
        "notices_sent": sum(1 for n in notice_rows if n.sent_at is not None),
        "notices_given_up": sum(1 for n in notice_rows if n.failed_at is not None),
        "notices_waiting": sum(
            1 for n in notice_rows if n.sent_at is None and n.failed_at is None
        ),
        "replay_mismatches": mismatched,
        "unclaimed_without_escalation": ownerless,
        "tickets": len(tickets),
        "statuses": dict(Counter(str(t.status) for t in tickets)),
    }


async def _waiting(engine: Any) -> bool:
    """Whether an update waits to be handled or a message to be sent (neither sent nor given
    up), as the bot left the database now."""
    async with session_factory(engine)() as session:
        update = await session.scalar(
            select(InboundUpdate.update_id).where(InboundUpdate.processed_at.is_(None)).limit(1)
        )
        message = await session.scalar(
            select(OutboxMessage.id)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None))
            .limit(1)
        )
    return update is not None or message is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requesters", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument(
        "--settle", type=float, default=30.0, help="seconds to catch up at the end"
    )
    parser.add_argument(
        "--catch-up",
        type=float,
        default=0.0,
        help="after --settle, seconds more at most while anything still waits",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--log", type=Path, help="keep the bot's log in this file")
    args = parser.parse_args()
    counts = asyncio.run(run(args))
    for key, value in counts.items():
        print(f"{key:30} {value}")
    if args.json:
        keys = ("sent", "received", "faults", "kills", "duplicates", "lost",
                "unhandled_exceptions", "notices_due", "notices_sent", "notice_duplicates",
                "messages_delivered", "outbox_waiting")  # fmt: skip
        print(json.dumps({k: counts[k] for k in keys}))


if __name__ == "__main__":
    main()
