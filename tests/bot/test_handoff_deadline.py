"""A handoff form's deadline (SPEC §7): the hours its sender writes, on the calendar clock.
No database, no Telegram."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.errors import InvalidInput
from bot.handoffs import DEFAULT_HOURS, MAX_HOURS, handoff_due_at
from tests.conftest import MONDAY_9AM

FRIDAY_5PM = MONDAY_9AM + timedelta(days=4, hours=8)  # Friday 17:00 in Shanghai


def test_without_hours_a_form_is_due_a_day_later() -> None:
    assert DEFAULT_HOURS == 24
    assert handoff_due_at(MONDAY_9AM, None) == MONDAY_9AM + timedelta(hours=24)


@pytest.mark.parametrize("hours", [1, 8, 24, 72, MAX_HOURS])
def test_the_hours_count_on_the_calendar_nights_and_weekends_included(hours: int) -> None:
    """Unlike a working-clock service level, a form sent on Friday evening for 8 hours is due
    in the night, not on Monday: the sender states the instant, and the card shows it."""
    assert handoff_due_at(FRIDAY_5PM, hours) == FRIDAY_5PM + timedelta(hours=hours)


@pytest.mark.parametrize("hours", [0, -3, MAX_HOURS + 1])
def test_hours_out_of_range_are_refused(hours: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        handoff_due_at(MONDAY_9AM, hours)
    assert refused.value.reason == "deadline_range"
    assert refused.value.values == {"limit": MAX_HOURS}
