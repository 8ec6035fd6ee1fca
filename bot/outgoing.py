"""Messages the core wants sent, as plain data: the front renders and delivers them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A value of a message's context: when it was written, for one sent late (released to a
# requester who had blocked the bot, bot/delivery.py): the front says so before its words.
WRITTEN_AT = "written_at"


@dataclass(frozen=True)
class Outgoing:
    """One message for one chat: which template, in which language, with what values.

    `audience` is the role it was addressed to (a bot.notices.Audience value), so the front can
    present it as that audience reads it: None when nobody said (older rows)."""

    chat_id: int
    language: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    ticket_id: int | None = None
    audience: str | None = None
