"""A ticket named in words when the requester was asked which of theirs a message is for.

With several tickets in hand and no clue in their words, the front asks "which ticket is
this message about?" (handlers/which.py), a button per ticket, oldest first (bot/replies.py
`Route.choices`). Many answer in words: its place ("第二个", "the first one", "1号", as
bot/intake/picking.py reads an offered option) or its number ("#2", "工单2", "ticket 2"). A
clerk who just asked takes that as the choice: the message asked about goes to that ticket,
and the words naming it are no message for its officer (`named`). Only while that question
is the latest message sent to their chat (`WHICH_ASKED`, the front's kind for it): after
anything else, the words are words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.intake.picking import picked
from bot.models import OutboxMessage, Requester, Ticket
from bot.replies import in_hand

WHICH_ASKED = "which_ticket"  # the kind of the front's question, as its outbox row keeps it

# "#2", "工单2", "2号工单", "工单 #2", "ticket 2", "ticket #2", "no. 2"
_NUMBER = re.compile(
    r"(?P<mark>(?:工单|单号|编号|ticket|request|no\.?|number)\s*#?|#)\s*(?P<n>\d+)\s*(?:号)?"
    r"(?:吧|的|啊|呀|谢谢|please|thanks)*",
    re.IGNORECASE,
)


def _typed(text: str) -> str:
    """`text` NFKC, trimmed, without the full stops or exclamations after it."""
    return re.sub(r"[。.!!\s]+$", "", unicodedata.normalize("NFKC", text).strip())


def may_name(text: str) -> bool:
    """Whether `text` is the kind of words that name a ticket or an option alone ("#2",
    "第二个"): cheap, before anything is read for them."""
    return _NUMBER.fullmatch(_typed(text)) is not None or picked(text, 3) is not None


def ticket_named(text: str, choices: list[int]) -> int | None:
    """The ticket among `choices` (their ids, in the order the buttons show them) that
    `text` names alone: by its number, marked as a ticket's ("#2", "工单2", "ticket 2"),
    else by its place ("第二个", "the first one"); None when it names
    none ("都不是" names no ticket: words, as any)."""
    found = _NUMBER.fullmatch(_typed(text))
    if found is not None:
        return int(found["n"]) if int(found["n"]) in choices else None
    pick = picked(text, len(choices))
    if pick is None or pick.index is None:
        return None
    return choices[pick.index]


@dataclass(frozen=True)
class Named:
    """The ticket named, and the front's call that asked (for what it asked about)."""

    ticket: Ticket
    asked: dict[str, Any]


async def named(*, session: AsyncSession, requester: Requester, text: str) -> Named | None:
    """The ticket `text` names in answer to "which ticket?", when that question is the
    latest message to the requester's chat and they still hold those tickets; None
    otherwise (the words are words)."""
    if not may_name(text):  # most words: nothing read
        return None
    latest = await session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.chat_id == requester.chat_id, OutboxMessage.failed_at.is_(None))
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    if latest is None or latest.template != WHICH_ASKED or latest.call is None:
        return None
    found = await in_hand(session=session, requester_id=requester.id)
    if len(found) < 2:
        return None
    chosen = ticket_named(text, [t.id for t, _ in found])
    if chosen is None:
        return None
    return Named(next(t for t, _ in found if t.id == chosen), latest.call)
