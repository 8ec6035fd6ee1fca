"""What a requester sends, by kind, as the desk treats it (bot/intake/media.py says the rest):
the kinds that carry no question, those Telegram cannot copy to staff, and where a forward
comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass

NO_QUESTION = frozenset({"sticker", "dice", "animation"})
# What carries a requester's speech: a voice note, a round video message. One who can only
# speak is handed to a person who listens (bot/intake/spoken.py), never asked for words twice.
SPOKEN = frozenset({"voice", "video_note"})
# The content of a ticket's note by the bot of what it answered or offered the requester before
# the handover (the templates' titles): what the bot said to them, not a staff note.
BOT_OFFERED = "bot_offered"
NOT_COPIED = frozenset({"poll"})
# The content of a public word filed on each ticket of a mass incident by the one who posted an
# /incident update to all its requesters (bot/incident_updates.py): what reached the requester,
# and their first response, but not their ticket's owner's words (nor a claim).
INCIDENT_UPDATE = "incident_update"
# The content type of a requester's edit, filed with the words as they now read: a correction
# of a message already filed, not a message of its own (bot/acknowledgements.py).
EDIT = "edit"
# The bot's notes on a ticket of what became of the requester's chat (bot/requesters.py,
# bot/delivery.py): kept in English, as the log reads them; /ticket N words them in the
# reader's language (`chat_event`).
UNREACHABLE_NOTE = "requester unreachable: they blocked the bot"
REACHABLE_NOTE = "requester reachable again: they wrote to the bot; {sent_again} sent again"
UNBLOCKED_NOTE = "requester reachable again: they unblocked the bot; {sent_again} sent again"
_REACHABLE = re.compile(re.escape(REACHABLE_NOTE).replace(r"\{sent_again\}", r"(\d+)"))
_UNBLOCKED = re.compile(re.escape(UNBLOCKED_NOTE).replace(r"\{sent_again\}", r"(\d+)"))


def chat_event(text: str) -> tuple[str, dict[str, int]] | None:
    """The bot's note `text` as what it records: ("unreachable", {}) or ("reachable",
    {"sent_again": n}, with "unblocked": 1 when they unblocked the bot rather than wrote to
    it); None for any other text."""
    if text == UNREACHABLE_NOTE:
        return "unreachable", {}
    found = _REACHABLE.fullmatch(text)
    if found is not None:
        return "reachable", {"sent_again": int(found[1])}
    found = _UNBLOCKED.fullmatch(text)
    if found is not None:
        return "reachable", {"sent_again": int(found[1]), "unblocked": 1}
    return None


@dataclass(frozen=True)
class Origin:
    """Where a forwarded message comes from, as the staff are told: `kind` user (`name`: their
    name as Telegram shows it), hidden_user (the name they show; they hid their account),
    chat or channel (its title)."""

    kind: str
    name: str
