"""`python -m bot`: run the service, upgrade the database, check the configuration, report."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import DEFAULT_CONFIG_PATH, ConfigError, Environment, Settings, load_settings
from bot.db import create_engine, is_sqlite, session_factory, upgrade

log = logging.getLogger("bot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument(
        "--config", type=Path, default=DEFAULT_CONFIG_PATH, help="configuration file"
    )
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="run the service (the default)")
    run.add_argument(
        "--sweep-every", type=float, default=30.0, help="seconds between sweeps (default 30)"
    )
    db = commands.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade"])
    commands.add_parser("check-config", help="validate the configuration and exit")
    figures = commands.add_parser("figures", help="supervision figures as JSON")
    figures.add_argument("--days", type=int, default=30, help="the period: the last N days")
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"configuration refused:\n{exc}", file=sys.stderr)
        return 2
    environment = Environment.read()
    command = args.command or "run"
    if command == "check-config":
        print(f"{args.config}: ok ({len(settings.departments)} departments)")
        return 0
    upgrade(environment.database_url)
    if command == "db":
        return 0
    if command == "figures":
        print(json.dumps(asyncio.run(_figures(environment, args.days)), ensure_ascii=False))
        return 0
    sweep_every = getattr(args, "sweep_every", 30.0)
    try:
        asyncio.run(_run(settings, environment, sweep_every))
    except KeyboardInterrupt:
        log.info("stopped")
    return 0


async def _run(settings: Settings, environment: Environment, sweep_every: float) -> None:
    from bot.clock import utc_now
    from bot.sla import Rules
    from bot.staff import sync_staff
    from bot.sweep import run_due

    engine = create_engine(environment.database_url)
    sessions = session_factory(engine)
    rules = Rules(settings)
    async with sessions() as session, session.begin():
        await sync_staff(session=session, settings=settings)
    store = "SQLite" if is_sqlite(environment.database_url) else "PostgreSQL"
    log.info("ticket core ready on %s; sweeping every %.0f s", store, sweep_every)
    log.warning(
        "the Telegram front and the local Bot API emulation are not built yet: "
        "this process runs the ticket core's deadline sweep only"
    )
    try:
        while True:
            for message in await run_due(sessions=sessions, rules=rules, now=utc_now()):
                log.info(
                    "due: %s to chat %s (ticket %s)",
                    message.template,
                    message.chat_id,
                    message.ticket_id,
                )
            await asyncio.sleep(sweep_every)
    finally:
        await engine.dispose()


async def _figures(environment: Environment, days: int) -> dict[str, object]:
    from bot.figures import supervision_figures

    engine = create_engine(environment.database_url)
    now = datetime.now(UTC)
    try:
        async with session_factory(engine)() as session:
            report = await supervision_figures(
                session=session, start=now - timedelta(days=days), end=now, now=now
            )
    finally:
        await engine.dispose()
    return {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "by_department": {k: v.as_dict() for k, v in report.by_department.items()},
        "by_officer": {str(k): v.as_dict() for k, v in report.by_officer.items()},
    }
