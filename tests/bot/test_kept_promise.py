"""A change of priority keeps the promise made (bot/sla.py `kept_promise`, `change_deadlines`):
never later than the one told, a missed one left missed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.rules import Rules
from bot.sla import kept_promise
from tests.conftest import MONDAY_9AM

BASE = datetime(2026, 12, 1, tzinfo=UTC)
minutes = st.integers(min_value=-20_000, max_value=20_000).map(lambda m: timedelta(minutes=m))


@given(promised=minutes, from_start=minutes, ahead=st.integers(1, 20_000))
def test_a_deadline_is_never_made_later_nor_one_past_told_anew(
    promised: timedelta, from_start: timedelta, ahead: int
) -> None:
    now = BASE
    from_now = now + timedelta(minutes=ahead)  # any span from now ends after now
    kept = kept_promise(now + promised, now + from_start, from_now, now)
    assert kept <= now + promised  # never later, standing or missed (issue 14)
    if now + promised <= now:
        assert kept == now + promised  # a missed deadline stays missed
    else:
        assert kept > now
    if now + from_start > now:
        assert kept <= now + from_start  # raising: the new priority's deadline, if sooner
    else:
        assert kept <= from_now


@dataclass
class _Ticket:
    """What the service levels read of a ticket."""

    category: str
    priority: str
    opened_at: datetime
    resolution_started_at: datetime
    first_response_due_at: datetime
    resolution_due_at: datetime
    claimed_at: datetime | None = None


def _opened(rules: Rules, category: str, priority: str, at: datetime) -> _Ticket:
    ticket = _Ticket(category, priority, at, at, at, at)
    rules.set_deadlines(ticket)  # type: ignore[arg-type]
    return ticket


@given(
    category=st.sampled_from(
        ["consultation", "complaint", "fault_report", "service_request", "suggestion"]
    ),
    order=st.permutations(["normal", "high", "urgent"]),
    opened=st.integers(0, 14 * 24 * 60).map(lambda m: MONDAY_9AM + timedelta(minutes=m)),
    later=st.integers(0, 10 * 24 * 60).map(lambda m: timedelta(minutes=m)),
)
def test_a_priority_changed_at_any_time_keeps_or_renews_the_promise(
    rules: Rules, category: str, order: list[str], opened: datetime, later: timedelta
) -> None:
    ticket = _opened(rules, category, order[0], opened)
    now = opened + later
    promised = ticket.resolution_due_at, ticket.first_response_due_at
    ticket.priority = order[1]
    rules.change_deadlines(ticket, now)  # type: ignore[arg-type]
    for before, after in zip(
        promised, (ticket.resolution_due_at, ticket.first_response_due_at), strict=True
    ):
        assert after <= before
        if before > now:
            assert after > now
        else:
            assert after == before


def test_high_priority_on_a_consultation_does_not_put_the_promise_later(rules: Rules) -> None:
    # Normal: 1 working day (7 h); high: 8 working hours, an hour later on the working clock.
    ticket = _opened(rules, "consultation", "normal", MONDAY_9AM)
    promised = ticket.resolution_due_at
    ticket.priority = "high"
    rules.change_deadlines(ticket, MONDAY_9AM + timedelta(hours=1))  # type: ignore[arg-type]
    assert ticket.resolution_due_at == promised


def test_urgent_after_the_deadline_missed_leaves_it_missed(rules: Rules) -> None:
    ticket = _opened(rules, "consultation", "normal", MONDAY_9AM)
    missed = ticket.resolution_due_at, ticket.first_response_due_at
    now = MONDAY_9AM + timedelta(days=5)
    ticket.priority = "urgent"  # 4 h on the calendar: later than the missed deadlines
    rules.change_deadlines(ticket, now)  # type: ignore[arg-type]
    assert (ticket.resolution_due_at, ticket.first_response_due_at) == missed
