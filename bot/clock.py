"""Time: the injectable clock and deadlines on the calendar or in office hours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.config import WEEKDAYS, OfficeHours, ServiceLevel

Clock = Callable[[], datetime]

# Ten years of days: far beyond any service level, a guard against a calendar with no working days.
_MAX_DAYS = 3660


def utc_now() -> datetime:
    """The real clock; everything else takes `now` as an argument."""
    return datetime.now(UTC)


class WorkingCalendar:
    """Adds spans of working time to instants, with office hours, holidays and make-up days."""

    def __init__(self, hours: OfficeHours, zone: ZoneInfo) -> None:
        self._hours = hours
        self._zone = zone
        self._holidays = frozenset(hours.holidays)
        self._extra_workdays = frozenset(hours.extra_workdays)

    def spans_on(self, day: date) -> list[tuple[time, time]]:
        """Working spans of one local day, in order."""
        if day in self._holidays:
            return []
        if day in self._extra_workdays:
            return sorted(self._hours.extra_workday_hours)
        return sorted(self._hours.weekly.get(WEEKDAYS[day.weekday()], []))

    def add(self, start: datetime, span: timedelta) -> datetime:
        """The instant at which `span` of working time has passed since `start`. No work
        takes no time: a zero span is `start` itself, even outside office hours, so that adding
        in steps gives what adding at once gives (a span that ends as a working period closes
        ends there, not when the next one opens)."""
        if not self._hours.enabled or span <= timedelta(0):
            return start + span
        remaining = span
        local = start.astimezone(self._zone)
        day = local.date()
        for _ in range(_MAX_DAYS):
            for open_at, close_at in self.spans_on(day):
                begin = datetime.combine(day, open_at, tzinfo=self._zone)
                end = datetime.combine(day, close_at, tzinfo=self._zone)
                begin = max(begin, local)
                if begin >= end:
                    continue
                available = end - begin
                if remaining <= available:
                    return (begin + remaining).astimezone(UTC)
                remaining -= available
            day += timedelta(days=1)
        raise ValueError("office hours leave no working time within ten years")

    def working_span(self, span: timedelta) -> timedelta:
        """On the working clock each whole day of a span is one working day ('3d': 3 工作日)."""
        return span.days * self._hours.day_length + timedelta(seconds=span.seconds)

    def later(self, start: datetime, span: timedelta, clock: str) -> datetime:
        """The instant `span` after `start` on `clock` (a service level's `clock`): on
        "calendar", or with office hours off, every hour counts; on "working" only office
        hours do (`add`: 8 hours from Friday 17:00 end in the next working week). The one
        rule that service levels (`deadline`) and handoff forms (bot/handoffs.py) count
        hours by."""
        if clock == "calendar" or not self._hours.enabled:
            return start + span
        return self.add(start, span)

    def deadline(
        self, start: datetime, level: ServiceLevel, span: timedelta, fraction: float = 1.0
    ) -> datetime:
        """The instant `fraction` of `span` after `start`, on the service level's clock (on
        the working clock each whole day of `span` is a working day: `working_span`)."""
        if level.clock == "working" and self._hours.enabled:
            span = self.working_span(span)
        return self.later(start, span * fraction, level.clock)
