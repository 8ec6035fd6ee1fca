"""Supervisors answering the bot in their chat (the management chat): a reply to an alert
about a ticket (an escalation, a keyword's alert: what the presenter links to its ticket,
handlers/presenter.py) is the supervisor's internal note on that ticket, and a reply to a
mass incident's alert their note on each of its tickets still worked on (bot/alert_notes.py);
its staff read it where they work on it (bot/speaking.py `note_and_tell`); the requester
never sees it, and the supervisor hears it was kept. A reply to one of the bot's messages
that stands for no ticket (a report, a command's answer) is answered with what can be done
there: never silence (SPEC rule 2). Replies among the supervisors themselves are theirs:
the bot stays out of them. Alerts reach supervisors in their private chats too: a reply there
to one is kept the same way (`in_private`)."""

from __future__ import annotations

from telegram import Message

from bot import alert_notes, incident_asks, supervised, tickets
from bot.desk import Desk
from handlers import incidents, menus, post, received


async def replied(desk: Desk, message: Message, bot_id: int, *, update_id: int) -> None:
    """A supervisor's message in the supervisors' chat (not a command): see the module."""
    assert message.from_user is not None
    answered = message.reply_to_message
    if answered is None or answered.from_user is None or answered.from_user.id != bot_id:
        return  # supervisors talking among themselves
    if answered.forum_topic_created is not None:
        return  # a message in a topic of a forum, which "replies" to the topic's opening
    if not _staff(desk, message.from_user.id):
        return  # someone who is not staff: the bot does not answer them in a staff place
    await _keep(desk, message, answered, update_id=update_id)


async def in_private(desk: Desk, message: Message, bot_id: int, *, update_id: int) -> bool:
    """A staff member's message in their private chat with the bot that replies to an alert
    about a ticket (bot/alert_notes.py `alert_in_private`): their note on it, as in the
    supervisors' chat, and True; False for anything else (then it is theirs as a colleague
    or a requester, handlers/asking.py)."""
    answered = message.reply_to_message
    user = message.from_user
    if answered is None or answered.from_user is None or answered.from_user.id != bot_id:
        return False
    if user is None or not _staff(desk, user.id):
        return False
    async with desk.sessions() as session:
        alert = await alert_notes.alert_in_private(
            session=session, chat_id=message.chat_id, message_id=answered.message_id
        )
    if not alert:
        return False
    if await _answered(desk, message, answered, update_id=update_id):
        return True  # its keeper's answer on a confidential complaint (bot/supervised.py)
    await _keep(desk, message, answered, update_id=update_id)
    return True


async def _answered(desk: Desk, message: Message, answered: Message, *, update_id: int) -> bool:
    """The words (`message`, replying to the bot's `answered` in the writer's private chat)
    of the keeper of a confidential complaint (bot/supervised.py) sent to its requester, and
    the keeper told so; False (nothing done) for anyone else's, or another ticket's."""
    assert message.from_user is not None
    text = received.described(message) or message.text or message.caption or ""
    async with desk.transaction(update_id=update_id) as tx:
        ticket = await tickets.get_by_message(
            session=tx.session, chat_id=message.chat_id, message_id=answered.message_id
        )
        if ticket is None or not supervised.answers(desk.rules, ticket, message.from_user.id):
            return False
        await supervised.answer_in_private(
            tx=tx,
            rules=desk.rules,
            ticket=ticket,
            officer_id=message.from_user.id,
            text=text,
            chat_id=message.chat_id,
            message_id=message.message_id,
            content_type="text" if message.text is not None else received.content_of(message)[0],
        )
        language = desk.settings.languages.default
        told = desk.texts.render("supervised_answer_sent", language, ticket_id=ticket.id)
        await post.post(tx, post.reply(message, told))
    return True


def _staff(desk: Desk, user_id: int) -> bool:
    staff = desk.rules.staff
    return staff.get(user_id) is not None or staff.is_management(user_id)


async def _keep(desk: Desk, message: Message, answered: Message, *, update_id: int) -> None:
    """The writer's words (`message`, replying to the bot's `answered`) kept as their note on
    what `answered` stands for, and they told so; told what can be done where it stands for
    no ticket."""
    assert message.from_user is not None
    writer = message.from_user.id
    staff = desk.rules.staff
    language = desk.settings.languages.default
    text = received.described(message) or message.text or message.caption or ""
    async with desk.transaction(update_id=update_id) as tx:
        incident_id = await incident_asks.asked_for(
            session=tx.session, chat_id=message.chat_id, message_id=answered.message_id
        )
        if incident_id is not None:  # the words asked for by "post an update": the update
            await incidents.post_replied(tx, desk, message, incident_id)
            return
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
