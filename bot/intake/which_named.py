"""A ticket named in words when the requester was asked which of theirs a message is for.

With several tickets in hand and no clue in their words, the front asks "which ticket is
this message about?" (handlers/which.py), a button per ticket, oldest first (bot/replies.py
`Route.choices`). Many answer in words: its place ("第二个", "the first one", "1号", as
bot/intake/picking.py reads an offered option) or its number ("#2", "工单2", "ticket 2"). A
clerk who just asked takes that as the choice: the message asked about goes to that ticket,
and the words naming it are no message for its officer (`named`). Only while that question
is the latest message sent to their chat (`WHICH_ASKED`, the front's kind for it): after
anything else, the words are words.

The same for "是关于工单 #N,还是新的问题?" (`WHOSE_ASKED`), asked when a complaint opener
comes alone beside open tickets (bot/intake/whose.py `unsure`): each ticket in hand is
offered (the latest `OFFERED`, `offered`), and "a new matter"; typed, "是关于#12的",
"the first one", "#12" name a ticket, "新的问题", "a new one", "都不是" the new matter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.intake.picking import picked
from bot.models import OutboxMessage, Requester, StaffLink, Ticket
from bot.reading import read
from bot.replies import ASKED, WHICH_ASKED, WHOSE_ASKED, in_hand

__all__ = ["OFFERED", "WHICH_ASKED", "WHOSE_ASKED", "Named", "named", "offered"]

OFFERED = 5  # the most tickets "about ticket #N, or a new matter?" offers: the latest

# "#2", "工单2", "2号工单", "工单 #2", "ticket 2", "ticket #2", "no. 2"
_NUMBER = re.compile(
    r"(?P<mark>(?:工单|单号|编号|ticket|request|no\.?|number)\s*#?|#)\s*(?P<n>\d+)\s*(?:号)?"
    r"(?:吧|的|啊|呀|谢谢|please|thanks)*",
    re.IGNORECASE,
)


# Words around a ticket's number: "是关于#12的", "关于工单12", "it's about ticket 12".
_ABOUT = re.compile(
    r"^(?:(?:就|应该)?是)?(?:关于|有关)\s*|^(?:就|应该)?是\s*"
    r"|^(?:(?:it'?s|it is|that'?s|this is)\s+)?(?:about|for|regarding)\s+(?:the\s+)?"
    r"|^(?:it'?s|it is|that'?s|this is)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# "a new matter" in words, to "about ticket #N, or a new matter?".
_NEW = re.compile(
    r"(?:(?:就|应该|算)?是)?(?:一个|个|一件)?(?:新的?|另外的?|另一个|另一件|别的|其他的?)"
    r"(?:问题|事|事情|事儿|投诉|情况|反映|诉求)?(?:吧|啊|呀|的|哈)*"
    r"|(?:以上)?都不是|不是(?:的|这个|这张|这件|这张工单)?|(?:和|跟|与)(?:这个|它)?(?:没|无)关(?:系)?"
    r"|(?:(?:it'?s|it is|this is|that'?s)\s+)?(?:(?:a|an)\s+)?"
    r"(?:new|another|different|separate|other)"
    r"(?:\s+(?:one|matter|issue|problem|complaint|thing|case|question))?"
    r"|something else|neither|none of (?:these|them|those)|not that one",
    re.IGNORECASE,
)


def _typed(text: str) -> str:
    """`text` NFKC, trimmed, without the full stops or exclamations after it."""
    return re.sub(r"[。.!!\s]+$", "", unicodedata.normalize("NFKC", text).strip())


def _number(text: str) -> re.Match[str] | None:
    """A ticket's number named in `text`, alone or about it ("#2", "是关于#2的")."""
    typed = _typed(text)
    return _NUMBER.fullmatch(typed) or _NUMBER.fullmatch(_ABOUT.sub("", typed, count=1))


@read
def says_new(text: str) -> bool:
    """Whether `text` says "a new matter" alone ("新的问题", "是新的", "a new one", "都不是")."""
    return _NEW.fullmatch(re.sub(r"[,,。.!!\s]+$", "", _typed(text))) is not None


@read
def may_name(text: str) -> bool:
    """Whether `text` is the kind of words that name a ticket or an option alone ("#2",
    "第二个"), or a new matter: cheap, before anything is read for them."""
    return _number(text) is not None or picked(text, 3) is not None or says_new(text)


@read
def ticket_named(text: str, choices: list[int]) -> int | None:
    """The ticket among `choices` (their ids, in the order the buttons show them) that
    `text` names alone: by its number, marked as a ticket's ("#2", "工单2", "ticket 2"),
    else by its place ("第二个", "the first one"); None when it names
    none ("都不是" names no ticket: words, as any)."""
    found = _number(text)
    if found is not None:
        return int(found["n"]) if int(found["n"]) in choices else None
    pick = picked(text, len(choices))
    if pick is None or pick.index is None:
        return None
    return choices[pick.index]


def offered(tickets: list[Ticket]) -> list[Ticket]:
    """The tickets in hand (oldest first) "about ticket #N, or a new matter?" offers: the
    latest OFFERED, oldest first."""
    return tickets[-OFFERED:]


@dataclass(frozen=True)
class Named:
    """The ticket named (None: a new matter, to "about ticket #N, or a new matter?"), the
    front's call that asked (for what it asked about), and the question's message in the
    requester's chat (None when its link is not recorded: bot/intake/asked.py)."""

    ticket: Ticket | None
    asked: dict[str, Any]
    question: int | None = None


async def named(*, session: AsyncSession, requester: Requester, text: str) -> Named | None:
    """The ticket `text` names in answer to "which ticket?" or "about ticket #N, or a new
    matter?" (or the new matter), when that question is the latest message to the
    requester's chat and they still hold those tickets; None otherwise (words are words)."""
    if not may_name(text):  # most words: nothing read
        return None
    latest = await session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.chat_id == requester.chat_id, OutboxMessage.failed_at.is_(None))
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    if latest is None or latest.template not in ASKED or latest.call is None:
        return None
    whose = latest.template == WHOSE_ASKED
    found = [t for t, _ in await in_hand(session=session, requester_id=requester.id)]
    choices = offered(found) if whose else found
    if len(choices) < (1 if whose else 2):
        return None
    question = await session.scalar(
        select(StaffLink.message_id)
        .where(StaffLink.chat_id == requester.chat_id, StaffLink.kind == latest.template)
        .order_by(StaffLink.message_id.desc())
        .limit(1)
    )
    if whose and says_new(text):
        return Named(None, latest.call, question)
    chosen = ticket_named(text, [t.id for t in choices])
    if chosen is None:
        return None
    return Named(next(t for t in choices if t.id == chosen), latest.call, question)
