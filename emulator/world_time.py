"""The emulated world's time: its clock's, moved forward on request (/control/clock)."""

from __future__ import annotations

from collections.abc import Callable

MAX_ADVANCE = 366 * 24 * 3600.0  # seconds: the most `WorldTime.advance` moves time at once


class WorldTime:
    """Unix seconds, `offset` ahead of `clock`: a demo tries in minutes what takes hours or
    days (progress notices, escalation, the auto-close of an unconfirmed resolution)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.offset = 0.0
        # Called with the new time after each `advance` (the offline run sweeps then).
        self.advanced: list[Callable[[float], object]] = []

    def now(self) -> float:
        """The world's time, in Unix seconds."""
        return self._clock() + self.offset

    def advance(self, seconds: float) -> float:
        """Move the time `seconds` forward (more than 0, at most a year: Telegram's dates
        only grow); tells those listening (`advanced`) and answers the new time. Raises
        ValueError for any other span."""
        if not 0 < seconds <= MAX_ADVANCE:
            raise ValueError(
                f"advance must be more than 0 and at most {MAX_ADVANCE:.0f} seconds (a year):"
                f" the world's time only goes forward; got {seconds}"
            )
        self.offset += seconds
        now = self.now()
        for listener in self.advanced:
            listener(now)
        return now
