"""Whether the bot's latest word to a requester is a question about a message of theirs
("which ticket is this message about?", "about ticket #N, or a new matter?":
bot/intake/which_named.py), still unanswered: what they type now instead of naming a ticket
is read knowing it (issue 14). A clerk who asked "which file is this for?" and hears "我要
投诉" / "I want to file a complaint" hears a new matter begun, not the answer "this file",
nor a reason to ask the same again: what is the complaint about?"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Requester
from bot.replies import ASKED
from bot.said_last import latest_kind


async def asked_waits(*, session: AsyncSession, requester: Requester) -> bool:
    """Whether the latest message the desk sent to the requester's chat is a question about
    a message of theirs (`replies.ASKED`, as `bot.said_last.latest_kind` finds it): nothing
    was said to them since, so it waits."""
    return await latest_kind(session=session, chat_id=requester.chat_id) in ASKED
