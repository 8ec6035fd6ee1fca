"""A ticket's card redrawn at most once per REDRAW_EVERY seconds.

A redraw (bot/notices.py CARD_REFRESH) edits the card to show its ticket as it is when the edit
is sent, so of several redraws of one card only the last says anything. A requester who writes
five lines in a row to a ticket nobody has claimed yet used to cost its staff group five edits
(Telegram allows a group 20 messages a minute, edits included) and the bot five renderings of
the card. Now the first redraw of a card goes at once and opens a window of REDRAW_EVERY
seconds; redraws of that card within the window wait, each replacing the one before (marked
not needed), and the last goes when the window ends, opening the next. A card is never more
than REDRAW_EVERY seconds behind its ticket, and a single change shows at once.

A redraw held here stays in the sender's hands (its lease kept by the poll, given back at a
stop like any other); it passes messages stored after it in its chat, which is harmless: it
shows the ticket as it is when it goes. For the same reason no message waits for it in another
process (bot/chat_locks.py `older_unsent` leaves redraws out).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.notices import CARD_REFRESH
from bot.outbox import Queued

REDRAW_EVERY = 2.0  # seconds


class Redraws:
    """Holds back redraws of a card within REDRAW_EVERY of its last (see the module's
    description): `release` gets a held redraw when its window ends, `skip` one that a later
    redraw of the same card replaced."""

    def __init__(
        self,
        release: Callable[[Queued], None],
        skip: Callable[[Queued], None],
        every: float = REDRAW_EVERY,
    ) -> None:
        self._release = release
        self._skip = skip
        self._every = every
        self._windows: dict[tuple[int, int], asyncio.TimerHandle] = {}
        self._held: dict[tuple[int, int], Queued] = {}

    def hold(self, item: Queued) -> bool:
        """Whether `item` waits here (True) or goes to its chat's queue now (False: not a
        redraw, or the first of its card in a while, which opens a window)."""
        message = item.message
        if message is None or message.template != CARD_REFRESH or message.ticket_id is None:
            return False
        key = (item.chat_id, message.ticket_id)
        if key not in self._windows:
            self._windows[key] = asyncio.get_running_loop().call_later(
                self._every, self._window_ends, key
            )
            return False
        earlier = self._held.get(key)
        self._held[key] = item
        if earlier is not None:
            self._skip(earlier)
        return True

    def _window_ends(self, key: tuple[int, int]) -> None:
        del self._windows[key]
        item = self._held.pop(key, None)
        if item is not None:
            self._release(item)  # through `hold` again: it goes, and opens the next window

    def stop(self) -> list[Queued]:
        """No more windows; the redraws held (still in the sender's hands, to give back)."""
        for timer in self._windows.values():
            timer.cancel()
        self._windows.clear()
        held = list(self._held.values())
        self._held.clear()
        return held
