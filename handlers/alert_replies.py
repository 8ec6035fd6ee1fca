"""Supervisors answering the bot in their chat (the management chat): a reply to an alert
about a ticket (an escalation, a keyword's alert: what the presenter links to its ticket,
handlers/presenter.py) is the supervisor's internal note on that ticket, and a reply to a
mass incident's alert their note on each of its tickets still worked on (bot/alert_notes.py);
its staff read it where they work on it (bot/speaking.py `note_and_tell`); the requester
never sees it, and the supervisor hears it was kept. A reply to one of the bot's messages
that stands for no ticket (a report, a command's answer) is answered with what can be done
there: never silence (SPEC rule 2). Replies among the supervisors themselves are theirs:
the bot stays out of them."""

from __future__ import annotations

from telegram import Message

from bot import alert_notes
from bot.desk import Desk
from handlers import menus, post, received


async def replied(desk: Desk, message: Message, bot_id: int, *, update_id: int) -> None:
    """A supervisor's message in the supervisors' chat (not a command): see the module."""
    assert message.from_user is not None
    answered = message.reply_to_message
    if answered is None or answered.from_user is None or answered.from_user.id != bot_id:
        return  # supervisors talking among themselves
    if answered.forum_topic_created is not None:
        return  # a message in a topic of a forum, which "replies" to the topic's opening
    writer = message.from_user.id
    staff = desk.rules.staff
    if staff.get(writer) is None and not staff.is_management(writer):
        return  # someone who is not staff: the bot does not answer them in a staff place
    language = desk.settings.languages.default
    text = received.described(message) or message.text or message.caption or ""
    async with desk.transaction(update_id=update_id) as tx:
        kept = await alert_notes.note_on_alert(
            tx=tx,
            rules=desk.rules,
            officer_id=writer,
            text=text,
            chat_id=message.chat_id,
            replied_to=answered.message_id,
            message_id=message.message_id,
            content_type="text" if message.text is not None else received.content_of(message)[0],
        )
        if kept is None:
            untied = desk.texts.render(
                "alert_reply_untied",
                language,
                commands=menus.commands_here(desk, message.chat_id),
            )
            await post.post(tx, post.reply(message, untied))
            return
        told = desk.texts.render(
            "alert_note_kept",
            language,
            ticket_id=kept.ticket_ids[0],
            ticket_ids=kept.ticket_ids,
            incident_id=kept.incident_id,
            owner=staff.shown_as(kept.owner_id),
        )
        await post.post(tx, post.reply(message, told))
