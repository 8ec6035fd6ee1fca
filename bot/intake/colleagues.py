"""A colleague who writes to the bot in private: a clerk at the window recognises one.

A configured staff member (an officer, a supervisor, management) who writes to the
bot in private ("井盖那个工单怎么办理?") is almost always asking about work, not bringing a
matter of their own: opening a citizen's ticket in their name would put a colleague's question
in the queue as a requester's. So, unless they are in a conversation as a requester, they are
answered as a colleague: their commands (/mine, /queue, /ticket N) work here, and tickets are
handled in the staff group (handlers word it: `staff_in_private`). A staff member who wants to
ask as a citizen says so with /new: the bot then waits for their question (bot/intake/anew.py
`start_anew` sets the dialog step for staff too) and takes it, and what follows, as any
requester's (the first-inquiry flow, their ticket, their words to it)."""

from __future__ import annotations

from datetime import datetime

from bot.intake import inquiry
from bot.models import Requester
from bot.rules import Rules


def is_colleague(rules: Rules, user_id: int) -> bool:
    """Whether the Telegram user `user_id` is configured staff or management."""
    return rules.staff.get(user_id) is not None or rules.staff.is_management(user_id)


def answered_as_colleague(
    *, staff: bool, holding: int, requester: Requester, now: datetime
) -> bool:
    """Whether a plain text in private from this person is answered as from a colleague
    (`staff`: they are configured staff or management; `holding`: how many tickets of their
    own, as a requester, they have in hand). Each row wins over those below it:
    | not staff                                                      | no: a requester |
    | a ticket of theirs in hand                                     | no: it goes there |
    | the bot waits for something from them (a dialog step: after    | no: a requester |
    |   /new, a clarification, a category, the matter)               |    |
    | a first inquiry of theirs under way at `now` (the bot answered  | no: a requester |
    |   them; bot/intake/inquiry.py `current`: not idle for a day)   |    |
    | otherwise                                                      | yes |
    """
    if not staff or holding > 0 or requester.dialog_step is not None:
        return False
    return not inquiry.current(requester.inquiry, now=now, waiting=False)


def answer_due(requester: Requester, media_group_id: str | None) -> bool:
    """Whether a colleague's message gets the answer: once per album (an album is one
    message to a reader: its later items get none), recorded on the requester's row as
    bot/intake/attachments.py records the album it has seen."""
    if media_group_id is None:
        return True
    if media_group_id == requester.media_group:
        return False
    requester.media_group = media_group_id
    return True
