"""The report for a period from the store, in each format: what `/report` attaches and what
`python -m bot report --days N --format html|csv|json --out FILE` writes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import casebook
from bot.config import Settings
from bot.db import create_engine, session_factory
from bot.reports import chart, render
from bot.reports.failing import phrasings_of
from bot.reports.full import FullReport, Names, build
from knowledge.matcher import Matcher

FORMATS = ("html", "csv", "json")


@dataclass(frozen=True)
class Files:
    """A report's files: the chart (PNG), the HTML page and the CSV table, with their names."""

    stem: str  # e.g. report-2026-05-01-2026-05-08
    png: bytes
    html: str
    csv: str


def stem(report: FullReport, names: Names) -> str:
    """The files' common name: report-<first day>-<last day> in local time."""
    first = names.when(report.start)[:10]
    last = names.when(report.end)[:10]
    return f"report-{first}-{last}"


def files(report: FullReport, names: Names) -> Files:
    """The chart, the HTML page (the chart inside) and the CSV table of `report`."""
    png = chart.render(report, names)
    return Files(
        stem(report, names), png, render.as_html(report, names, png), render.as_csv(report, names)
    )


def as_format(report: FullReport, names: Names, fmt: str) -> str:
    """The report in one of FORMATS (raises ValueError for another)."""
    if fmt == "html":
        return render.as_html(report, names, chart.render(report, names))
    if fmt == "csv":
        return render.as_csv(report, names)
    if fmt == "json":
        return json.dumps(render.as_json(report, names), ensure_ascii=False, indent=1)
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


async def period_report(
    *,
    session: AsyncSession,
    matcher: Matcher,
    background: Sequence[str],
    days: float,
    now: datetime,
) -> FullReport:
    """The report of the last `days` days up to `now`."""
    return await build(
        session=session,
        matcher=matcher,
        background=background,
        start=now - timedelta(days=days),
        end=now,
        now=now,
    )


async def produce(
    *, settings: Settings, database_url: str, days: float, fmt: str, now: datetime
) -> tuple[FullReport, str]:
    """`python -m bot report`: the report of the last `days` days, in the default language,
    and its text in `fmt` (one of FORMATS). The matcher is the one the bot would answer with
    now (the knowledge base's files and the approved templates of the database)."""
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            stored = await casebook.stored_templates(session=session)
            templates = [*casebook.file_templates(settings), *stored]
            matcher = await casebook.build_matcher(session=session, settings=settings)
            report = await period_report(
                session=session,
                matcher=matcher,
                background=phrasings_of(templates),
                days=days,
                now=now,
            )
    finally:
        await engine.dispose()
    names = Names.of(settings, settings.languages.default)
    return report, as_format(report, names, fmt)
