"""Flood limits as Telegram applies them, and faults injected on purpose.

Telegram asks bots to stay under about one message a second in a chat (short bursts pass),
twenty a minute in a group, and thirty a second overall; beyond that it answers 429 with
`retry_after`. Token buckets with those rates give the same answers here.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from emulator.errors import ApiError, api_error


@dataclass
class Bucket:
    capacity: float
    per_second: float
    tokens: float = -1.0
    updated: float = 0.0

    def wait_needed(self, now: float) -> float:
        """Seconds until one token is there (0: take it now)."""
        if self.tokens < 0:
            self.tokens, self.updated = self.capacity, now
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.per_second

    def take(self) -> None:
        self.tokens -= 1


@dataclass
class Window:
    """At most `limit` messages in any `seconds`-long window."""

    limit: int
    seconds: float
    sent: deque[float] = field(default_factory=deque)

    def wait_needed(self, now: float) -> float:
        while self.sent and self.sent[0] <= now - self.seconds:
            self.sent.popleft()
        return 0.0 if len(self.sent) < self.limit else self.sent[0] + self.seconds - now

    def take(self, now: float) -> None:
        self.sent.append(now)


@dataclass
class FloodLimits:
    enabled: bool = True
    private_burst: float = 3
    private_per_second: float = 1.0
    group_per_minute: int = 20
    overall_per_second: int = 30
    served_429: int = 0
    _private: dict[int, Bucket] = field(default_factory=dict)
    _groups: dict[int, Window] = field(default_factory=dict)
    _overall: Window | None = None

    def take(self, chat: Any, now: float) -> None:
        """Count one message to `chat`, or raise 429 with how long to wait."""
        if not self.enabled:
            return
        if self._overall is None:
            self._overall = Window(self.overall_per_second, 1.0)
        if chat.type == "private":
            bucket = self._private.setdefault(
                chat.id, Bucket(self.private_burst, self.private_per_second)
            )
            wait = bucket.wait_needed(now)
        else:
            window = self._groups.setdefault(chat.id, Window(self.group_per_minute, 60.0))
            wait = window.wait_needed(now)
        wait = max(wait, self._overall.wait_needed(now))
        if wait > 0:
            self.served_429 += 1
            raise api_error("flood", retry_after=max(1, math.ceil(wait)))
        if chat.type == "private":
            self._private[chat.id].take()
        else:
            self._groups[chat.id].take(now)
        self._overall.take(now)


@dataclass
class Fault:
    status: int | None  # an HTTP error to answer with; None: only the delay
    retry_after: int | None = None
    delay: float = 0.0
    description: str | None = None  # Telegram's words for the error, if not the usual ones


class Faults:
    """Faults queued per method for its next calls (the control API's /control/faults)."""

    def __init__(self) -> None:
        self._queued: dict[str, list[Fault]] = {}

    def add(self, method: str, fault: Fault, count: int = 1) -> None:
        self._queued.setdefault(method, []).extend([fault] * count)

    def pending(self, method: str) -> int:
        """Faults still queued for a method (not yet given to a call)."""
        return len(self._queued.get(method, []))

    def next(self, method: str) -> Fault | None:
        queue = self._queued.get(method)
        return queue.pop(0) if queue else None

    @staticmethod
    def error(fault: Fault) -> ApiError | None:
        if fault.status is None:
            return None
        if fault.status == 429:
            return api_error("flood", retry_after=fault.retry_after or 1)
        descriptions = {
            500: "Internal Server Error",
            502: "Bad Gateway",
            503: "Service Unavailable",
        }
        description = fault.description or descriptions.get(fault.status, f"Error {fault.status}")
        return ApiError(fault.status, description)
