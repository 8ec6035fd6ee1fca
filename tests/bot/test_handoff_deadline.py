"""A handoff form's deadline (SPEC §7, §5): the hours its sender writes, counted on the
ticket's service level's clock by the service levels' own rule (office hours, holidays and
make-up days from config.yaml: Mon-Fri 9:00-12:00 and 13:30-17:30 in Shanghai). No
database, no Telegram."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import ServiceLevel
from bot.errors import InvalidInput
from bot.handoffs import handoff_due_at
from bot.rules import Rules
from bot.time_limits import MAX_HOURS, MIN_MINUTES, TimeLimit, read_time_limit
from tests.conftest import MONDAY_9AM

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """An instant on the office's wall clock."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


WORKING = ServiceLevel(first_response=timedelta(hours=2), resolution=timedelta(hours=8))
CALENDAR = ServiceLevel(
    first_response=timedelta(minutes=15), resolution=timedelta(hours=8), clock="calendar"
)
FRIDAY_5PM = _at(2026, 12, 4, 17)


@pytest.mark.parametrize(
    ("sent", "hours", "due"),
    [
        # Friday evening: half an hour on Friday, seven on Monday, the last on Tuesday.
        (FRIDAY_5PM, 8, _at(2026, 12, 8, 9, 30)),
        (FRIDAY_5PM, 1, _at(2026, 12, 7, 9, 30)),
        # Sent in the evening: the hours start the next morning.
        (_at(2026, 12, 1, 20), 2, _at(2026, 12, 2, 11)),
        # Sent on Saturday: Monday morning.
        (_at(2026, 12, 5, 10), 1, _at(2026, 12, 7, 10)),
        # Across the lunch break.
        (_at(2026, 11, 30, 11), 2, _at(2026, 11, 30, 14, 30)),
        # The National Day holidays and the weekend between them, then the make-up day.
        (_at(2026, 9, 30, 17), 2, _at(2026, 10, 8, 10, 30)),
        (_at(2026, 10, 9, 17), 2, _at(2026, 10, 10, 10, 30)),
    ],
)
def test_on_the_working_clock_only_office_hours_count(
    rules: Rules, sent: datetime, hours: int, due: datetime
) -> None:
    assert handoff_due_at(sent, hours, levels=rules, level=WORKING) == due


def test_hours_mean_what_a_service_level_of_as_many_hours_means(rules: Rules) -> None:
    """One rule: a form due in 8 hours and a resolution due in 8 hours, from the same
    instant, end at the same instant."""
    for sent in (FRIDAY_5PM, _at(2026, 12, 1, 20), _at(2026, 9, 30, 17)):
        ticket_deadline = rules.calendar.deadline(sent, WORKING, WORKING.resolution)
        assert handoff_due_at(sent, 8, levels=rules, level=WORKING) == ticket_deadline


def test_without_hours_a_form_is_due_a_day_later_on_the_tickets_clock(rules: Rules) -> None:
    """A day, as a service level's "1d" counts: one working day (7 hours) on the working
    clock, 24 hours on the calendar clock."""
    assert handoff_due_at(FRIDAY_5PM, None, levels=rules, level=WORKING) == _at(2026, 12, 7, 17)
    assert handoff_due_at(FRIDAY_5PM, None, levels=rules, level=CALENDAR) == _at(2026, 12, 5, 17)


@pytest.mark.parametrize("hours", [1, 8, 24, 72, MAX_HOURS])
def test_on_the_calendar_clock_nights_and_weekends_count(rules: Rules, hours: int) -> None:
    """A ticket whose service level runs on the calendar clock (an urgent fault): a form
    sent on Friday evening for 8 hours is due in the night, not on Monday."""
    due = handoff_due_at(FRIDAY_5PM, hours, levels=rules, level=CALENDAR)
    assert due == FRIDAY_5PM + timedelta(hours=hours)


@pytest.mark.parametrize(
    "hours", [0, -3, MAX_HOURS + 1, TimeLimit(minutes=MIN_MINUTES - 1), TimeLimit(minutes=0)]
)
def test_hours_out_of_range_are_refused(rules: Rules, hours: int | TimeLimit) -> None:
    with pytest.raises(InvalidInput) as refused:
        handoff_due_at(MONDAY_9AM, hours, levels=rules, level=WORKING)
    assert refused.value.reason == "deadline_range"
    assert refused.value.values == {"limit": MAX_HOURS}


def test_minutes_count_on_the_tickets_clock(rules: Rules) -> None:
    """An emergency sent on "within 30 minutes": on the calendar clock 30 minutes later, at
    night too; on the working clock 30 minutes of office hours (Friday 17:00 + 30 minutes is
    the end of the day: 17:30)."""
    thirty = TimeLimit(minutes=30)
    night = _at(2026, 12, 4, 23)
    assert handoff_due_at(night, thirty, levels=rules, level=CALENDAR) == night + timedelta(
        minutes=30
    )
    assert handoff_due_at(FRIDAY_5PM, thirty, levels=rules, level=WORKING) == _at(
        2026, 12, 4, 17, 30
    )
    minimum = TimeLimit(minutes=MIN_MINUTES)
    assert handoff_due_at(night, minimum, levels=rules, level=CALENDAR) == night + timedelta(
        minutes=MIN_MINUTES
    )


@pytest.mark.parametrize(
    ("written", "limit"),
    [
        ("4", TimeLimit(hours=4)),
        ("4h", TimeLimit(hours=4)),
        ("4H", TimeLimit(hours=4)),
        ("4 hours", TimeLimit(hours=4)),
        ("4小时", TimeLimit(hours=4)),
        ("4 个小时", TimeLimit(hours=4)),
        ("1d", TimeLimit(days=1)),
        ("2 days", TimeLimit(days=2)),
        ("1天", TimeLimit(days=1)),
        ("1个工作日", TimeLimit(days=1)),
        ("1d4h", TimeLimit(days=1, hours=4)),
        ("1天4小时", TimeLimit(days=1, hours=4)),
        ("30m", TimeLimit(minutes=30)),
        ("30 min", TimeLimit(minutes=30)),
        ("30分钟", TimeLimit(minutes=30)),
        ("1h30m", TimeLimit(hours=1, minutes=30)),
        ("1小时30分钟", TimeLimit(hours=1, minutes=30)),
    ],
)
def test_a_time_limit_is_read_as_config_writes_durations(written: str, limit: TimeLimit) -> None:
    assert read_time_limit(written) == limit


@pytest.mark.parametrize(
    "written", ["4x", "4.5h", "tomorrow", "4mo", "h", "天", "m", "-4", "4 4", "30m4h"]
)
def test_an_unreadable_time_limit_names_the_field_and_the_words(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_time_limit(written)
    assert refused.value.reason == "deadline_unreadable"
    assert refused.value.values == {"word": written}


def test_a_day_is_a_working_day_on_the_working_clock_and_24_hours_on_the_calendar(
    rules: Rules,
) -> None:
    """Config office_hours.working_day is 7 h: "1d" from Friday 17:00 is due on Monday at
    17:00 (half an hour on Friday, six and a half on Monday), as a service level's "1d" is;
    on the calendar clock on Saturday at 17:00. "4h" is four hours on either clock."""
    day = TimeLimit(days=1)
    due = handoff_due_at(FRIDAY_5PM, day, levels=rules, level=WORKING)
    assert (
        due
        == _at(2026, 12, 7, 17)
        == rules.calendar.deadline(FRIDAY_5PM, WORKING, timedelta(days=1))
    )
    assert handoff_due_at(FRIDAY_5PM, day, levels=rules, level=CALENDAR) == _at(2026, 12, 5, 17)
    four = TimeLimit(hours=4)
    assert handoff_due_at(FRIDAY_5PM, four, levels=rules, level=WORKING) == handoff_due_at(
        FRIDAY_5PM, 4, levels=rules, level=WORKING
    )
    with pytest.raises(InvalidInput):
        handoff_due_at(FRIDAY_5PM, TimeLimit(days=31), levels=rules, level=WORKING)
