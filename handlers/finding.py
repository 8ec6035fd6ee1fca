"""What a staff command is about: a ticket by its number, its topic, or the message replied to."""

from __future__ import annotations

from telegram import Message

from bot import store, tickets
from bot.desk import Desk
from bot.errors import DeskError
from bot.models import Ticket


async def load(desk: Desk, ticket_id: int) -> Ticket:
    """The ticket, read in a session of its own (NotFound if there is none)."""
    async with desk.sessions() as session:
        return await store.get(session=session, ticket_id=ticket_id)


async def ticket_of_command(
    desk: Desk, message: Message | None, args: list[str]
) -> tuple[Ticket | None, list[str]]:
    """The ticket a staff command is about: its topic's, the replied-to card's or copy's, or
    the number given first; and the arguments that remain (None if there is no such ticket)."""
    if message is not None and message.message_thread_id is not None and message.is_topic_message:
        async with desk.sessions() as session:
            ticket = await tickets.get_by_topic(
                session=session, chat_id=message.chat_id, thread_id=message.message_thread_id
            )
        if ticket is not None:
            return ticket, args
    replied = message.reply_to_message if message is not None else None
    if message is not None and replied is not None:
        async with desk.sessions() as session:
            ticket = await tickets.get_by_message(
                session=session, chat_id=message.chat_id, message_id=replied.message_id
            )
        if ticket is not None:
            return ticket, args
    if args and args[0].lstrip("#").isdigit():
        try:
            return await load(desk, int(args[0].lstrip("#"))), args[1:]
        except DeskError:
            return None, args
    return None, args
