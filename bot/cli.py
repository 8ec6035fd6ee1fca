"""`python -m bot`: run the service, upgrade the database, check the configuration (and with
`check`, the database and Telegram), report."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from bot import staff_chats
from bot.casebook import file_templates
from bot.clock import utc_now
from bot.config import (
    PACKAGED_CONFIG_PATH,
    ConfigError,
    Environment,
    Metrics,
    Settings,
    default_config_path,
    load_settings,
)
from bot.db import (
    backup,
    create_engine,
    is_sqlite,
    restore,
    session_factory,
    unreadable,
    upgrade,
)
from bot.logs import configure as configure_logging
from knowledge.templates import TemplateError

log = logging.getLogger("bot")
MAX_DAYS = 3660  # ten years: the longest period a report or the figures cover


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument(
        "--config",
        type=Path,
        help="configuration file (default: config.yaml here, else the packaged example)",
    )
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="run the service (the default)")
    run.add_argument(
        "--sweep-every", type=float, default=30.0, help="seconds between sweeps (default 30)"
    )
    run.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("SHOUWEN_PORT", "8088")),
        help="port of the offline page and emulation (default 8088, or SHOUWEN_PORT)",
    )
    run.add_argument(
        "--webhook-url",
        help="receive updates by webhook at this public URL instead of long polling",
    )
    run.add_argument("--webhook-listen", default="127.0.0.1", help="address to listen on")
    run.add_argument("--webhook-port", type=int, default=8443, help="port to listen on")
    run.add_argument(
        "--metrics-port",
        type=int,
        help="port of /metrics, /healthz, /readyz (default: metrics.port in config, 9108; 0: off)",
    )
    db = commands.add_parser(
        "db", help="database schema, backup and restore; forget: apply the retention now"
    )
    db.add_argument("action", choices=["upgrade", "backup", "restore", "forget"])
    db.add_argument("path", nargs="?", type=Path, help="the backup file (backup, restore)")
    commands.add_parser("check-config", help="validate the configuration and exit")
    commands.add_parser(
        "check", help="pre-flight: configuration, database, and with a token Telegram's chats"
    )
    figures = commands.add_parser("figures", help="supervision figures as JSON")
    figures.add_argument(
        "--days", type=_days, default=30, help="the period: the last N days (at most 3660)"
    )
    report = commands.add_parser(
        "report", help="the supervision report (figures, leaks, breaches) as a file"
    )
    report.add_argument(
        "--days", type=_days, default=7, help="the period: the last N days (at most 3660)"
    )
    report.add_argument("--format", choices=["html", "csv", "json"], default="html")
    report.add_argument("--out", type=Path, required=True, help="the file to write")
    return parser


def _days(text: str) -> float:
    """A report's period in days, from the command line: a number above 0, at most ten years
    (3660): argparse's error (exit 2) names the flag otherwise."""
    try:
        days = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 0 < days <= MAX_DAYS:  # NaN fails this too
        raise argparse.ArgumentTypeError(f"{text!r}: the days must be above 0, at most {MAX_DAYS}")
    return days


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    # python-telegram-bot's time periods as timedelta, its next major version's type (without
    # the opt-in it warns at every 429); handlers/common.py `wait_of` reads either.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    args = _parser().parse_args(argv)
    if args.config is None:
        args.config = default_config_path()
        if args.config == PACKAGED_CONFIG_PATH:
            log.info("no config.yaml here: running with the packaged example %s", args.config)
    command = args.command or "run"
    try:
        settings = load_settings(args.config)
        # What the desk answers from is checked before it runs, not when it fails to start:
        # every template file (knowledge.paths, relative to the config file) and its values.
        templates = file_templates(settings) if command in ("check-config", "check", "run") else []
    except ConfigError as exc:
        print(f"configuration refused:\n{exc}", file=sys.stderr)
        return 2
    except TemplateError as exc:
        print(f"knowledge base refused ({args.config}: knowledge.paths):\n{exc}", file=sys.stderr)
        return 2
    try:  # the logs as configured (logging: in config.yaml, SHOUWEN_LOG_LEVEL): bot/logs.py
        configure_logging(settings.logging, os.environ)
    except ValueError as exc:
        print(f"configuration refused:\n{exc}", file=sys.stderr)
        return 2
    if getattr(args, "metrics_port", None) is not None:  # operations: --metrics-port
        endpoint = Metrics(listen=settings.metrics.listen, port=args.metrics_port)
        settings = settings.model_copy(update={"metrics": endpoint})
    try:
        environment = Environment.read()
    except ConfigError as exc:
        print(f"environment refused:\n{exc}", file=sys.stderr)
        return 2
    if command == "check-config":
        print(
            f"{args.config}: ok ({len(settings.departments)} departments,"
            f" {len(templates)} templates)"
        )
        # Groups Telegram upgraded meanwhile: which id to write (bot/staff_chats.py).
        for line in asyncio.run(staff_chats.stored_advice(settings, environment.database_url)):
            print(line)
        return 0
    if command == "check":
        # The pre-flight speaks to Telegram: the front, imported here only (allowed by name
        # in the import contracts, like `run`'s).
        from handlers.preflight import check

        return asyncio.run(check(settings, environment, args.config, len(templates)))
    if command == "db" and args.action in ("backup", "restore"):
        return _backup_or_restore(environment.database_url, args.action, args.path)
    if command in ("figures", "report"):
        # They only read: a database that is not the bot's, or not as this version stores it,
        # is named (not created, not upgraded, not answered with an empty report).
        problem = asyncio.run(unreadable(environment.database_url))
        if problem:
            print(f"{command} refused: {problem}", file=sys.stderr)
            return 2
    else:
        upgrade(environment.database_url)
    if command == "db" and args.action == "forget":
        print(json.dumps(asyncio.run(_forget(settings, environment))))
        return 0
    if command == "db":
        return 0
    if command == "figures":
        print(json.dumps(asyncio.run(_figures(environment, args.days)), ensure_ascii=False))
        return 0
    if command == "report":
        from bot.reports.export import produce

        if not args.out.parent.is_dir():
            print(f"report refused: --out: no folder {args.out.parent}", file=sys.stderr)
            return 2
        report, text = asyncio.run(
            produce(
                settings=settings,
                database_url=environment.database_url,
                days=args.days,
                fmt=args.format,
                now=utc_now(),
            )
        )
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"report refused: --out: {exc.strerror}: {args.out}", file=sys.stderr)
            return 2
        tickets = sum(row.tickets for row in report.figures.by_department.values())
        print(
            f"{args.out}: {args.format}, {tickets} tickets, {len(report.failing)} question groups"
        )
        return 0
    # The one upward edge of bot/: the entry point starts the Telegram front, imported only
    # here so that the rest of the command line never loads telegram (the import contracts in
    # pyproject.toml allow this edge by name, and only this one).
    from handlers.app import Webhook, run

    sweep_every = getattr(args, "sweep_every", 30.0)
    port = getattr(args, "port", int(os.environ.get("SHOUWEN_PORT", "8088")))
    webhook = None
    if getattr(args, "webhook_url", None):
        webhook = Webhook(
            url=args.webhook_url,
            listen=args.webhook_listen,
            port=args.webhook_port,
            path=urlsplit(args.webhook_url).path.lstrip("/") or "telegram",
            secret=os.environ.get("SHOUWEN_WEBHOOK_SECRET") or None,
        )
    try:
        asyncio.run(run(settings, environment, port, sweep_every, webhook, templates=templates))
    except KeyboardInterrupt:
        log.info("stopped")
    except OSError as refused:
        # An address already in use (another instance?): which setting moves it, in one line.
        print(
            f"could not start: {refused.strerror or refused}. The offline page listens on"
            f" --port or SHOUWEN_PORT (now {port}), metrics on --metrics-port or metrics.port"
            f" (now {settings.metrics.port}, 0: off), a webhook on --webhook-port.",
            file=sys.stderr,
        )
        return 2
    return 0


def _backup_or_restore(url: str, action: str, path: Path | None) -> int:
    if path is None:
        print(f"python -m bot db {action} PATH: the backup file is missing", file=sys.stderr)
        return 2
    if not is_sqlite(url):
        print(
            "PostgreSQL: back up with pg_dump (e.g. pg_dump -Fc -f shouwen.dump DBNAME) and"
            " restore with pg_restore -d DBNAME shouwen.dump; both work while the bot runs.",
            file=sys.stderr,
        )
        return 2
    try:
        if action == "backup":
            backup(url, path)
            print(f"backed up to {path}")
        else:
            restore(url, path)
            print(f"restored from {path}")
    except (OSError, ValueError, sqlite3.Error) as refused:
        print(f"{action} refused: {refused}", file=sys.stderr)
        return 2
    return 0


async def _forget(settings: Settings, environment: Environment) -> dict[str, int]:
    """Everything the retention settings say is due, now; the counts."""
    from bot.retention import BATCH, forget

    engine = create_engine(environment.database_url)
    total = {"tickets": 0, "requesters": 0, "outbox": 0, "inbox": 0}
    try:
        sessions = session_factory(engine)
        while True:
            async with sessions() as session, session.begin():
                done = await forget(session=session, settings=settings, now=utc_now())
            for key in total:
                total[key] += getattr(done, key)
            if done.tickets < BATCH:
                return total
    finally:
        await engine.dispose()


async def _figures(environment: Environment, days: float) -> dict[str, object]:
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
