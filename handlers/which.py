"""Which ticket a requester's message is for, when more than one of theirs is in hand: the
desk decides (bot/replies.py); this asks the requester when it cannot, with a button a
ticket, as a reply to their message (the press is `asking.chose_ticket`)."""

from __future__ import annotations

from telegram import Message

from bot import replies
from bot.desk import Desk
from bot.models import Requester, Ticket
from bot.transaction import Transaction
from handlers import keyboards, post, received


async def ticket_for(
    desk: Desk,
    tx: Transaction,
    requester: Requester,
    current: Ticket,
    holding: int,
    message: Message,
    update_id: int,
    *,
    settled: bool = False,
) -> Ticket | None:
    """The ticket the requester's `message` goes to (`current` is their latest in hand, or
    with `settled` the one the desk chose for its matter or the details it waits for;
    `holding` how many they have in hand), or None when they were asked which (in the
    caller's transaction)."""
    replied = message.reply_to_message
    route = await replies.route(
        session=tx.session,
        requester=requester,
        current=current,
        holding=holding,
        replied_to_message_id=replied.message_id if replied is not None else None,
        now=tx.now,
        words=message.text or message.caption or "",
        settled=settled,
        content_type=received.content_of(message)[0],
    )
    if route.ticket is not None:
        return route.ticket
    text = desk.texts.render("which_ticket", requester.language, count=len(route.choices))
    markup = keyboards.which_ticket(route.choices, update_id, message.message_id)
    question = post.message(requester.chat_id, text, markup, reply_to=message.message_id)
    await post.post(tx, question)
    return None
