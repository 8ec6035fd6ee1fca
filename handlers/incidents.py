"""/incident N text [| text in English]: staff tell every requester of a mass incident at once,
each in their language where given (SPEC rule 9)."""

from __future__ import annotations

from telegram import Update

from bot import incident_updates
from bot.errors import DeskError
from handlers import post
from handlers.context import DeskContext
from handlers.refusals import Misused, refusals
from handlers.roles import staff_or_management


@staff_or_management
@refusals
async def post_update(update: Update, context: DeskContext) -> None:
    """`/incident <incident> <text>`, anywhere staff or management write: the text goes to
    the requester of every active ticket linked to the incident, and the one who sent it is
    told how many, and whose language it is not in."""
    desk = context.desk
    message = update.effective_message
    if message is None or message.from_user is None:
        return
    language = desk.settings.languages.default
    args = context.args or []
    try:
        incident_id = int(args[0].lstrip("#"))
        # The text as written (line breaks kept), after the command and the incident number.
        text = (message.text or "").split(maxsplit=2)[2] if len(args) > 1 else ""
        async with desk.transaction(update_id=update.update_id) as tx:
            posted = await incident_updates.update_and_tell(
                tx=tx,
                rules=desk.rules,
                incident_id=incident_id,
                officer_id=message.from_user.id,
                text=text,
            )
            told = desk.texts.render(
                "incident_posted",
                language,
                incident_id=incident_id,
                ticket_ids=posted.ticket_ids,
                written_in=posted.written_in,
                unlike=posted.unlike,
            )
            await post.post(tx, post.reply(message, told))
    except (ValueError, IndexError, DeskError) as refused:
        usage = desk.texts.render("incident_usage", language)
        raise Misused(refused, usage) from refused
