"""The report for a period from the store, in each format: what `/report` attaches and what
`python -m bot report --days N --format html|csv|json --out FILE` writes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

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


# The periods `/report` takes, in either language: the last N days up to now, or a calendar
# span in the desk's time zone ("today": since midnight; "yesterday": the whole day before;
# "本周" / "this week": since Monday; "本月" / "this month": since the 1st).
ROLLING_DAYS = {"day": 1, "24h": 1, "week": 7, "7d": 7, "month": 30, "30d": 30}
CALENDAR = {
    "today": "today",
    "今天": "today",
    "今日": "today",
    "yesterday": "yesterday",
    "昨天": "yesterday",
    "昨日": "yesterday",
    "this week": "week",
    "本周": "week",
    "这周": "week",
    "this month": "month",
    "本月": "month",
    "这个月": "month",
}
PERIOD_USAGE = "/report today|yesterday|day|week|month (今天|昨天|本周|本月)"


def period_span(words: str, now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    """The start and end of the period `words` names (see ROLLING_DAYS and CALENDAR), or None
    for words that name none."""
    said = " ".join(words.lower().split())
    if said in ROLLING_DAYS:
        return now - timedelta(days=ROLLING_DAYS[said]), now
    span = CALENDAR.get(said)
    if span is None:
        return None
    local = now.astimezone(zone)
    midnight = datetime.combine(local.date(), time(), tzinfo=zone)
    if span == "yesterday":
        return datetime.combine(local.date() - timedelta(days=1), time(), tzinfo=zone), midnight
    if span == "week":
        return midnight - timedelta(days=local.weekday()), now
    if span == "month":
        return midnight.replace(day=1), now
    return midnight, now


async def period_report(
    *,
    session: AsyncSession,
    matcher: Matcher,
    background: Sequence[str],
    days: float = 0,
    now: datetime,
    span: tuple[datetime, datetime] | None = None,
) -> FullReport:
    """The report of the last `days` days up to `now`, or of `span` (start, end) if given."""
    start, end = span or (now - timedelta(days=days), now)
    return await build(
        session=session, matcher=matcher, background=background, start=start, end=end, now=now
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
