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
from bot.handoffs import MAX_HOURS, handoff_due_at
from bot.rules import Rules
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


@pytest.mark.parametrize("hours", [0, -3, MAX_HOURS + 1])
def test_hours_out_of_range_are_refused(rules: Rules, hours: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        handoff_due_at(MONDAY_9AM, hours, levels=rules, level=WORKING)
    assert refused.value.reason == "deadline_range"
    assert refused.value.values == {"limit": MAX_HOURS}
