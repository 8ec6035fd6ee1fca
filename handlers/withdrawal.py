"""The requester answers the question whether to withdraw their ticket (bot/withdrawal.py):
Withdraw closes it (its staff and owner hear it: the core's), Keep it open leaves it as it
is; either way the question loses its buttons and the requester is told what became of it.
A stale press (the ticket already closed, resolved, or not theirs) gets the stale-button
alert and changes nothing."""

from __future__ import annotations

from telegram import Update

from bot import withdrawal
from handlers import post
from handlers.callbacks import Action, parse
from handlers.common import answer
from handlers.context import DeskContext
from handlers.refusals import stale_buttons
from handlers.requesters import requester_for


@stale_buttons
async def requester_withdraws(update: Update, context: DeskContext) -> None:
    """Withdraw or Keep it open, pressed under the question (see the module's description)."""
    desk = context.desk
    query = update.callback_query
    assert query is not None
    button = parse(query.data)
    message = query.message
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, query.from_user)
        if message is not None:
            await post.post(tx, post.drop_buttons(message.chat.id, message.message_id))
        await withdrawal.answered_and_tell(
            tx=tx,
            rules=desk.rules,
            ticket_id=button.number(0),
            requester=requester,
            withdrawn=button.action is Action.WITHDRAW,
            pressed=message.message_id if message is not None else None,
        )
    await answer(query)
