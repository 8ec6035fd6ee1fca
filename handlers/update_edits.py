"""A supervisor's edit of a mass incident's update they posted (/incident N, or a reply to the
bot's question for one), wherever they wrote it: the same requesters get the correction, once,
marked as one (bot/update_corrections.py), and the one who edited hears whom it reached."""

from __future__ import annotations

from telegram import Message

from bot import update_corrections
from bot.desk import Desk
from bot.errors import InvalidInput
from handlers import post
from handlers.commands import read
from handlers.refusals import refusal


async def corrected(desk: Desk, message: Message, username: str | None, *, update_id: int) -> bool:
    """Whether the edited `message` was an incident's update (then corrected as the module
    says); False for any other message, left to the edit's other handling. An edit the desk
    refuses (words too long to reach a requester in one message, bot/incident_updates.py
    `require_fits`) corrects nobody; its writer is told why, and by how much."""
    if message.from_user is None:
        return False
    async with desk.sessions() as session:
        posted = await update_corrections.is_update(
            session=session, chat_id=message.chat_id, message_id=message.message_id
        )
    if not posted:
        return False
    text = message.text or message.caption or ""
    if read(text, username) is not None:  # /incident N words: the words
        parts = text.split(maxsplit=2)
        text = parts[2] if len(parts) > 2 else ""
    try:
        return await _correct(desk, message, text, update_id=update_id)
    except InvalidInput as refused:  # too long to reach anyone: nobody corrected, they hear why
        await post.say(desk, update_id, post.reply(message, refusal(desk, refused)))
        return True


async def _correct(desk: Desk, message: Message, text: str, *, update_id: int) -> bool:
    assert message.from_user is not None
    async with desk.transaction(update_id=update_id) as tx:
        done = await update_corrections.correct_and_tell(
            tx=tx,
            rules=desk.rules,
            officer_id=message.from_user.id,
            chat_id=message.chat_id,
            message_id=message.message_id,
            text=text,
        )
        if done is None:  # someone else's, or no words left: nothing to correct with
            return True
        told = desk.texts.render(
            "update_corrected",
            desk.settings.languages.default,
            incident_id=done.incident_id,
            ticket_ids=done.ticket_ids,
        )
        await post.post(tx, post.reply(message, told))
    return True
