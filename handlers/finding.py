"""What a staff command is about: a ticket by its number, its topic, or the message replied to.

A number that names no ticket ("/ticket 999") or a word that is no number ("/ticket abc") is
said plainly, with the command's usage (`Misused`, worded by `@refusals`), never the usage
alone."""

from __future__ import annotations

from telegram import Message

from bot import store, ticket_numbers, tickets
from bot.desk import Desk
from bot.errors import DeskError
from bot.models import Ticket
from handlers.refusals import Misused


async def load(desk: Desk, ticket_id: int) -> Ticket:
    """The ticket, read in a session of its own (NotFound if there is none)."""
    async with desk.sessions() as session:
        return await store.get(session=session, ticket_id=ticket_id)


async def named_ticket(desk: Desk, word: str, usage: str) -> Ticket:
    """The ticket whose number staff wrote as `word` (`ticket_numbers.ticket_number`).
    Misused, with `usage`, when the word is no ticket number or no ticket has it."""
    try:
        return await load(desk, ticket_numbers.ticket_number(word))
    except DeskError as refused:
        raise Misused(refused, usage) from refused


def _implied(ticket: Ticket, args: list[str], usage: str, numbered: bool) -> list[str]:
    """The arguments of a command whose ticket its place implies: for one that takes its
    ticket's number first (`numbered`), that number written anyway is dropped when it is
    the place's ticket's ("/priority 13 紧急" in #13's topic); Misused, with `usage`, when it is
    another's (`ticket_numbers.this_ticket`)."""
    if not (numbered and args):
        return args
    try:
        return args[1:] if ticket_numbers.this_ticket(args[0], ticket.id) else args
    except DeskError as refused:
        raise Misused(refused, usage) from refused


async def ticket_of_command(
    desk: Desk, message: Message | None, args: list[str], usage: str, *, numbered: bool = False
) -> tuple[Ticket | None, list[str]]:
    """The ticket a staff command is about: its topic's, the replied-to card's or copy's, or
    the number given first; and the arguments that remain (None if none is named). Misused,
    with `usage`, when the number given first is no ticket's. `numbered`: the command's usage
    puts its ticket's number first ("/priority [N] …"): in a ticket's place that number is
    taken when it is the place's ticket's, refused when another's (`_implied`)."""
    if message is not None and message.message_thread_id is not None and message.is_topic_message:
        async with desk.sessions() as session:
            ticket = await tickets.get_by_topic(
                session=session, chat_id=message.chat_id, thread_id=message.message_thread_id
            )
        if ticket is not None:
            return ticket, _implied(ticket, args, usage, numbered)
    replied = message.reply_to_message if message is not None else None
    if message is not None and replied is not None:
        async with desk.sessions() as session:
            ticket = await tickets.get_by_message(
                session=session, chat_id=message.chat_id, message_id=replied.message_id
            )
        if ticket is not None:
            return ticket, _implied(ticket, args, usage, numbered)
    if args and ticket_numbers.is_number(args[0]):
        return await named_ticket(desk, args[0], usage), args[1:]
    return None, args


def where_to_use(desk: Desk, message: Message, name: str, usage: str = "") -> str:
    """What staff read when the command `name`, which acts on one ticket, was sent in a group
    where it names none (the General topic, a message replying to nothing): where it works
    (the ticket's topic in a group with topics, else a reply to its card; both, in its
    department's group, in private and in the supervisors' chat);
    with `usage` (the command's usage line, for one that takes a ticket's number), that the
    number will do. In the staff's language."""
    # In private and in the supervisors' chat (no ticket has its place there): the ticket's
    # department group, whose kind is not known here, both kinds said.
    elsewhere = message.chat.type == "private" or (
        message.chat_id == desk.settings.management.chat_id
    )
    return desk.texts.render(
        "ticket_command_where",
        desk.settings.languages.default,
        name=name,
        forum=None if elsewhere else bool(message.chat.is_forum),
        usage=usage,
    )


def no_ticket_named(desk: Desk, message: Message, name: str, usage: str) -> str:
    """The answer to the command `name`, which takes a ticket's number, given none where no
    ticket is implied: in a group where it works and that the number will do
    (`where_to_use`), in private its usage line."""
    if message.chat.type == "private":
        return usage
    return where_to_use(desk, message, name, usage)
