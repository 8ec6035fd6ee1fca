"""An officer corrects a reply the requester already has: they edit it in Telegram.

The requester's copy cannot be edited (it is the bot's message, copied from the officer's);
so they get the words as they now read, marked as an edit (`staff_edit`), as a reply to the
copy they received when the desk knows it (the copy's link records the message it carries,
bot/delivery.py `carried`), so that they see which reply changed; and the ticket's record
keeps both. A requester's own edits go the other way (bot/conversation.py
`requester_edit_and_tell`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import replies
from bot.conversation import add_staff_message
from bot.excerpt import requester_parts
from bot.guards import MAX_TEXT
from bot.kinds import EDIT
from bot.models import Direction, Requester, TicketMessage
from bot.notices import Audience, Notice, publish
from bot.relays import copy_of
from bot.rules import Rules
from bot.store import get
from bot.transaction import Transaction


async def staff_edit_and_tell(
    *,
    tx: Transaction,
    rules: Rules,
    ticket_id: int,
    officer_id: int,
    chat_id: int,
    message_id: int,
    text: str,
) -> TicketMessage | None:
    """The officer `officer_id` edited their message `message_id` in the staff chat `chat_id`
    to read `text` (its words or caption). If that message reached the ticket's requester (a
    public reply filed under ticket `ticket_id`), the edit is filed as a public update of
    content type "edit" at the transaction's instant (without Telegram ids: the message is
    filed already) and the requester gets a `staff_edit` notice (values `text`,
    `numbered` when they have more than one ticket in hand, and `reply_to`, the message id of
    the copy of the original they received, when it was delivered and linked: `copy_of`); a
    long text in parts that each fit a message with the marks (bot/excerpt.py
    `requester_parts`), one such notice each, the first replying to the copy.
    None, and nothing filed or said, for anything else (an internal note, a command, a
    message the desk refused) or an edit with no words left. Raises as `add_staff_message`
    does (DeskError)."""
    replied = await reply_of(tx.session, chat_id=chat_id, message_id=message_id)
    if replied != ticket_id or not text.strip():
        return None
    message = await add_staff_message(
        session=tx.session,
        rules=rules,
        ticket_id=ticket_id,
        officer_id=officer_id,
        text=text[:MAX_TEXT],
        now=tx.now,
        content_type=EDIT,
    )
    ticket = await get(session=tx.session, ticket_id=ticket_id)
    requester = await tx.session.get(Requester, ticket.requester_id)
    assert requester is not None  # a foreign key
    numbered = await replies.holding(session=tx.session, requester_id=requester.id) > 1
    copy = await copy_of(tx, chat_id=requester.chat_id, of=(chat_id, message_id))
    notices = []
    for number, part in enumerate(requester_parts(text)):
        values: dict[str, object] = {"text": part, "numbered": numbered}
        if copy is not None and number == 0:
            values["reply_to"] = copy
        notices.append(
            Notice(
                "staff_edit",
                (Audience.REQUESTER,),
                ticket,
                values,
                requester=requester,
                own_word=True,
            )
        )
    await publish(tx, rules, notices)
    return message


async def reply_of(session: AsyncSession, *, chat_id: int, message_id: int) -> int | None:
    """The ticket whose requester the staff message `message_id` in the staff chat `chat_id`
    was sent to (filed as a public reply), None when it was none (a note, a command, words
    kept from the requester, a message the desk never took)."""
    found = await session.scalar(
        select(TicketMessage.ticket_id)
        .where(
            TicketMessage.telegram_chat_id == chat_id,
            TicketMessage.telegram_message_id == message_id,
            TicketMessage.direction == Direction.OUT,
        )
        .limit(1)
    )
    return int(found) if found is not None else None
