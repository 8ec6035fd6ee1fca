"""Supervisors answering the bot in their chat (the management chat): a reply to an alert
about a ticket (an escalation, a keyword's alert: what the presenter links to its ticket,
handlers/presenter.py) is the supervisor's internal note on that ticket, which its staff read
where they work on it (bot/speaking.py `note_and_tell`); the requester never sees it, and the
supervisor hears it was kept. A reply to one of the bot's messages that stands for no ticket
(a surge's alert, a report) is answered with what can be done there: never silence (SPEC
rule 2). Replies among the supervisors themselves are theirs: the bot stays out of them."""

from __future__ import annotations

from telegram import Message

from bot import speaking, tickets
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
        ticket = await tickets.get_by_message(
            session=tx.session, chat_id=message.chat_id, message_id=answered.message_id
        )
        if ticket is None:
            untied = desk.texts.render(
                "alert_reply_untied",
                language,
                commands=menus.commands_here(desk, message.chat_id),
            )
            await post.post(tx, post.reply(message, untied))
            return
        await speaking.note_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket=ticket,
            officer_id=writer,
            text=text,
            chat_id=message.chat_id,
            message_id=message.message_id,
            content_type="text" if message.text is not None else received.content_of(message)[0],
        )
        kept = desk.texts.render(
            "alert_note_kept",
            language,
            ticket_id=ticket.id,
            owner=staff.shown_as(ticket.owner_id),
        )
        await post.post(tx, post.reply(message, kept))
