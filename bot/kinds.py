"""What a requester sends, by kind, as the desk treats it (bot/intake/media.py says the rest):
the kinds that carry no question, those Telegram cannot copy to staff, and where a forward
comes from."""

from __future__ import annotations

from dataclasses import dataclass

NO_QUESTION = frozenset({"sticker", "dice"})
# The content of a ticket's note by the bot of what it answered or offered the requester before
# the handover (the templates' titles): what the bot said to them, not a staff note.
BOT_OFFERED = "bot_offered"
NOT_COPIED = frozenset({"poll"})


@dataclass(frozen=True)
class Origin:
    """Where a forwarded message comes from, as the staff are told: `kind` user (`name`: their
    name as Telegram shows it), hidden_user (the name they show; they hid their account),
    chat or channel (its title)."""

    kind: str
    name: str
