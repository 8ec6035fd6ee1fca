"""Limits against abuse: whether the desk handles a requester's update at all.

A requester barred by a supervisor (`/block`) is not handled. One sending more than
`abuse.messages_per_minute` updates (config.yaml) within a minute is asked once to slow down,
by the first update over the limit, and the rest of that minute's updates are deliberately not
handled (README, "Limits against abuse"); updates not handled do not prolong the wait.
Nothing is lost without their knowing: the answer to the first update over the limit (a reply
to it, in their language: `slow_down`) says that it and what they send in the next minute are
not recorded, and to send them again after that minute; the desk keeps none of them, since a
flood is what the limit protects the staff from, and whoever sends one again after a minute is
handled as always (a minute is enough: the updates counted then are those of the minute
before). A requester in danger is never limited: someone crying for help twenty times and then
giving the address is heard (issue 14); the flood of replies is held back where they are made
(bot/intake/emergency.py: the numbers once, the supervisors' alerts merged), and the first of
their updates over the limit (`HEARD`) is handled and answered besides, once a flood, that
all their messages reached us and help is on its way (bot/flood_heard.py). An
album counts as one message (Telegram sends each of its items as an update of its own, the
same media_group_id on each, at most ten). Staff are never limited. The decision is pure:
instants in, a `Verdict` out; the front applies it (handlers/runtime/processing.py) and the ban
list comes from the database (bot/requesters.py).
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta
from enum import StrEnum

WINDOW = timedelta(minutes=1)  # the span `abuse.messages_per_minute` counts over
PRUNE_FROM = 1024  # users held before the quiet ones are forgotten (then twice those left)


class Verdict(StrEnum):
    """What becomes of one update of a requester's."""

    HANDLE = "handle"
    BANNED = "banned"  # barred by a supervisor: not handled, nothing said
    SLOW_DOWN = "slow_down"  # the first over the limit: not handled, asked to slow down
    FLOOD = "flood"  # the rest of the window's: not handled, nothing said
    # In danger and over the limit, the first of a flood: handled, and told once that all
    # their messages reached us (bot/flood_heard.py); the rest of the flood just handled.
    HEARD = "heard"


class FloodLimit:
    """The limit on how fast requesters may write: at most `per_window` handled updates in any
    `window` (one minute by default), counted per Telegram user in memory (each process counts
    what it receives)."""

    def __init__(self, per_window: int, window: timedelta = WINDOW) -> None:
        self.per_window = per_window
        self.window = window
        self._recent: dict[int, deque[datetime]] = {}  # each user's latest updates counted
        self._prune_at = PRUNE_FROM  # forget quiet users once this many are held
        self._albums: dict[int, tuple[str, Verdict]] = {}  # each user's last album, its verdict
        self._flooding: dict[int, datetime] = {}  # those in danger over the limit: when last

    def verdict(
        self,
        *,
        user_id: int,
        now: datetime,
        staff: bool,
        banned: bool,
        media_group: str | None = None,
        endangered: bool = False,
    ) -> Verdict:
        """The verdict on an update from `user_id` at `now` (`staff`: a member of the staff;
        `banned`: a requester a supervisor barred; `media_group`: the album the update's message
        belongs to, if any). Counts the update unless it is FLOOD, staff's, banned or a further
        item of an album already counted, which shares its first item's fate (handled, or not;
        asked to slow down once). `endangered`: a requester telling of a danger to people, or
        with an emergency ticket open (`bot.dangers.endangered`): never limited, their words
        filed to the emergency ticket (their replies are merged there: the numbers once, the
        alerts again only for news of the danger); counted all the same, and the first of
        their updates over the limit is HEARD: handled, and they are told once that all
        reached us, again only after a whole window not over it."""
        if staff:
            return Verdict.HANDLE
        if banned:
            return Verdict.BANNED
        if endangered:
            if self._count(user_id, now) is Verdict.HANDLE:
                return Verdict.HANDLE
            last = self._flooding.get(user_id)
            self._flooding[user_id] = now
            told = last is not None and now - last < self.window
            return Verdict.HANDLE if told else Verdict.HEARD
        album = self._albums.get(user_id)
        if media_group is not None and album is not None and album[0] == media_group:
            return Verdict.FLOOD if album[1] is Verdict.SLOW_DOWN else album[1]
        verdict = self._count(user_id, now)
        if media_group is not None:
            self._albums[user_id] = (media_group, verdict)
        return verdict

    def limits(self, user_id: int, now: datetime) -> bool:
        """Whether an update from `user_id` at `now` would be over the limit (nothing
        counted): the front then asks whether they are in danger (`verdict`'s `endangered`),
        a look at the database spared for everyone writing at an ordinary pace."""
        recent = self._recent.get(user_id, ())
        return sum(1 for at in recent if now - at < self.window) >= self.per_window

    def _count(self, user_id: int, now: datetime) -> Verdict:
        if len(self._recent) >= self._prune_at:
            self._forget_quiet(now)
        recent = self._recent.setdefault(user_id, deque())
        while recent and now - recent[0] >= self.window:
            recent.popleft()
        recent.append(now)
        if len(recent) > self.per_window + 1:
            recent.pop()  # updates not handled do not prolong the wait
            return Verdict.FLOOD
        return Verdict.SLOW_DOWN if len(recent) == self.per_window + 1 else Verdict.HANDLE

    @property
    def held(self) -> int:
        """How many users' counts are held in memory."""
        return len(self._recent)

    def _forget_quiet(self, now: datetime) -> None:
        """Drop the users with nothing in the window any more (they count from zero, as they
        would anyway); the next pruning waits until twice as many are held, so that it costs
        a constant per update however many write."""
        self._recent = {
            user: recent
            for user, recent in self._recent.items()
            if recent and now - recent[-1] < self.window
        }
        self._albums = {
            user: album for user, album in self._albums.items() if user in self._recent
        }
        self._flooding = {user: at for user, at in self._flooding.items() if user in self._recent}
        self._prune_at = max(PRUNE_FROM, 2 * len(self._recent))
