"""Whether the bot's latest word to a requester is a question about a message of theirs
("which ticket is this message about?", "about ticket #N, or a new matter?":
bot/intake/which_named.py), still unanswered: what they type now instead of naming a ticket
is read knowing it (issue 14). A clerk who asked "which file is this for?" and hears "我要
投诉" / "I want to file a complaint" hears a new matter begun, not the answer "this file",
nor a reason to ask the same again: what is the complaint about?"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import OutboxMessage, Requester
from bot.replies import ASKED

# Built once: building the statement cost more than running it, on the path of a message.
_LATEST = (
    select(OutboxMessage.template)
    .where(OutboxMessage.chat_id == bindparam("chat_id"), OutboxMessage.failed_at.is_(None))
    .order_by(OutboxMessage.id.desc())
    .limit(1)
)


async def asked_waits(*, session: AsyncSession, requester: Requester) -> bool:
    """Whether the latest message the desk sent to the requester's chat is a question about
    a message of theirs (`replies.ASKED`): nothing was said to them since, so it waits."""
    latest = await session.scalar(_LATEST, {"chat_id": requester.chat_id})
    return latest in ASKED
