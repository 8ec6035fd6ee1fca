"""Working time: office hours, lunch breaks, weekends, holidays and make-up days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from bot.clock import WorkingCalendar
from bot.config import Settings

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


def calendar(settings: Settings) -> WorkingCalendar:
    return WorkingCalendar(settings.office_hours, settings.zone)


def test_skips_lunch_and_the_night(settings: Settings) -> None:
    cal = calendar(settings)
    assert cal.add(local(2026, 11, 30, 11, 0), timedelta(hours=2)) == local(2026, 11, 30, 14, 30)
    assert cal.add(local(2026, 11, 30, 17, 0), timedelta(hours=1)) == local(2026, 12, 1, 9, 30)


def test_outside_hours_starts_at_next_opening(settings: Settings) -> None:
    cal = calendar(settings)
    assert cal.add(local(2026, 11, 30, 6, 0), timedelta(minutes=30)) == local(2026, 11, 30, 9, 30)


def test_skips_weekend(settings: Settings) -> None:
    cal = calendar(settings)
    friday = local(2026, 12, 4, 17, 0)
    assert cal.add(friday, timedelta(hours=1)) == local(2026, 12, 7, 9, 30)


def test_holidays_and_make_up_workdays(settings: Settings) -> None:
    cal = calendar(settings)
    # 2026-09-30 (Wed) evening; 1-2 Oct holidays, 3-4 weekend, 5-7 holidays, 8 Thu works.
    assert cal.add(local(2026, 9, 30, 17, 0), timedelta(hours=1)) == local(2026, 10, 8, 9, 30)
    # Saturday 10 October is a make-up working day.
    assert cal.add(local(2026, 10, 9, 17, 0), timedelta(hours=1)) == local(2026, 10, 10, 9, 30)


def test_days_on_the_working_clock_are_working_days(settings: Settings) -> None:
    cal = calendar(settings)
    level = settings.service_level("complaint", "normal")  # 5d on the working clock
    due = cal.deadline(local(2026, 11, 30, 9, 0), level, level.resolution)
    assert due == local(2026, 12, 4, 17, 30)


instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
spans = st.integers(min_value=0, max_value=60 * 24 * 20).map(lambda m: timedelta(minutes=m))


def test_work_that_ends_as_the_morning_closes_ends_there(settings: Settings) -> None:
    """Hypothesis found it: 171 working hours from New Year's Day end at noon on a working
    day, and adding nothing more must not move that to when the afternoon opens."""
    cal = calendar(settings)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    ends = cal.add(start, timedelta(minutes=10260))
    assert ends.astimezone(ZoneInfo("Asia/Shanghai")).time().isoformat() == "12:00:00"
    assert cal.add(ends, timedelta(0)) == ends


@example(
    start=datetime(2026, 1, 1, tzinfo=UTC), first=timedelta(minutes=10260), second=timedelta(0)
)
@given(start=instants, first=spans, second=spans)
def test_adding_working_time_composes(
    settings: Settings, start: datetime, first: timedelta, second: timedelta
) -> None:
    cal = calendar(settings)
    assert cal.add(cal.add(start, first), second) == cal.add(start, first + second)


@given(start=instants, first=spans, second=spans)
def test_more_work_never_ends_earlier(
    settings: Settings, start: datetime, first: timedelta, second: timedelta
) -> None:
    cal = calendar(settings)
    shorter, longer = sorted([first, second])
    assert start <= cal.add(start, shorter) <= cal.add(start, longer)
