"""The requester answers the question whether to withdraw their ticket (bot/withdrawal.py):
Withdraw closes it (its staff and owner hear it: the core's), Keep it open leaves it as it
is; either way the question loses its buttons and the requester is told what became of it.
A stale press (the ticket already closed, resolved, or not theirs) gets the stale-button
alert and changes nothing."""

from __future__ import annotations

from telegram import Update

from bot import withdrawal
from bot.errors import IllegalMove
from bot.models import ACTIVE_STATUSES
from bot.store import get_for_requester
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
    ticket_id = button.number(0)
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, query.from_user)
        if button.action is Action.WITHDRAW:
            ticket = await withdrawal.withdraw_and_tell(
                tx=tx, rules=desk.rules, ticket_id=ticket_id, requester_id=requester.id
            )
            kind = "withdrawn"
        else:
            ticket = await get_for_requester(
                session=tx.session, ticket_id=ticket_id, requester_id=requester.id
            )
            if ticket.status not in ACTIVE_STATUSES:
                raise IllegalMove(ticket.id, ticket.status, "keep open")
            kind = "withdraw_kept"
        owner = desk.rules.staff.shown_as(ticket.owner_id)
        told = desk.texts.render(kind, requester.language, ticket_id=ticket.id, owner=owner)
        calls = [post.message(requester.chat_id, told, ticket_id=ticket.id, after="link")]
        if query.message is not None:
            calls.insert(0, post.drop_buttons(query.message.chat.id, query.message.message_id))
        await post.post(tx, calls)
    await answer(query)
