"""A handoff form's time limit as staff write it (`/transfer ... | 4h`, `/handoff_due 30m`):
whole days, hours and minutes, read the way config writes durations. Pure; what the limit
means on a ticket's clock is bot/handoffs.py `handoff_due_at`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import InvalidInput

MAX_HOURS = 24 * 30  # the furthest deadline a form may set, in hours
# The soonest, in minutes: the sweep looks at forms once a minute, and a department needs a
# few minutes to read a form and accept it (an emergency sent on "within 30 minutes").
MIN_MINUTES = 10


@dataclass(frozen=True)
class TimeLimit:
    """A handoff form's time limit as its sender wrote it: whole days, hours and minutes
    ("1d4h", "30m")."""

    days: int = 0
    hours: int = 0
    minutes: int = 0

    @property
    def nominal_minutes(self) -> int:
        """Its length in minutes counting a day as 24 hours: what the range (10 minutes to
        720 hours) is checked on."""
        return (self.days * 24 + self.hours) * 60 + self.minutes


# A time limit: whole numbers (each whole: "30m" is no "3" and "0m"), each with its unit, hours
# without one ("4"); spaces allowed.
_HOURS = r"(?:h|hr|hrs|hour|hours|小时|个小时|钟头|个钟头)"
_DAYS = r"(?:d|day|days|天|日|工作日|个工作日)"
_MINUTES = r"(?:m|min|mins|minute|minutes|分钟|分)"
_TIME_LIMIT = re.compile(
    rf"(?:(\d++)\s*{_DAYS})?\s*(?:(\d++)\s*{_HOURS}?)?\s*(?:(\d++)\s*{_MINUTES})?"
)


def read_time_limit(text: str) -> TimeLimit:
    """A form's time limit as staff write it, the way config writes durations: hours as a
    bare number or with a unit ("4", "4h", "4 hours", "4小时"), days ("1d", "1 day",
    "1天", "1个工作日"), minutes ("30m", "30 min", "30分钟"), or together ("1d4h",
    "1天4小时", "1h30m"); case and spaces ignored. A day counts as the ticket's service level
    counts one (`handoff_due_at`). InvalidInput (`deadline_unreadable`, naming the field and
    the words) for anything else ("4.5h", "tomorrow", "4x")."""
    folded = text.strip().casefold()
    found = _TIME_LIMIT.fullmatch(folded)
    if not folded or found is None or not any(found.groups()):
        raise InvalidInput(
            f"a handoff time limit of {text!r} is not hours or days",
            "deadline_unreadable",
            word=text.strip(),
        )
    days, hours, minutes = found.groups()
    return TimeLimit(days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0))
