"""When the desk says no: the worded refusal of a `DeskError`, and the decorators that say it
for a handler, written once.

- `@refusals` (staff's commands, messages and buttons): a DeskError becomes the refusal
  worded in the staff's language (`refused.j2`), as a reply to their message or an alert on
  the pressed button; `Misused` adds the command's usage line.
- `@stale_buttons` (the requester's buttons): a button that is no longer ours to act on (an
  unknown action, a ticket already closed, a rating already given) gets the polite
  stale-button alert in the requester's language; nothing changes.
Either logs the refusal with who did what; any other exception goes to the error handler."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.desk import Desk
from bot.errors import DeskError
from handlers import post
from handlers.callbacks import UnknownButton
from handlers.common import answer
from handlers.context import DeskContext
from handlers.requesters import language_of

log = logging.getLogger(__name__)
Handler = Callable[[Update, DeskContext], Coroutine[Any, Any, None]]


class Misused(Exception):
    """A command refused for how it was written: the refusal, then how to write it."""

    def __init__(self, refused: Exception, usage: str) -> None:
        super().__init__(str(refused))
        self.refused = refused
        self.usage = usage


def refusal(desk: Desk, refused: Exception) -> str:
    """What staff read when the desk refuses them: the core's reason, worded in the staff's
    language (its own message is English, for the log); anything else could not be read."""
    language = desk.settings.languages.default
    if isinstance(refused, Misused):
        return f"{refusal(desk, refused.refused)}\n{refused.usage}"
    if isinstance(refused, DeskError):
        return desk.texts.render("refused", language, **refused.values, reason=refused.reason)
    return desk.texts.render("refused", language, reason="unreadable")


def refusals(handler: Handler) -> Handler:
    """The handler, with a DeskError or Misused it raises told to whoever acted (see the
    module's description)."""

    @functools.wraps(handler)
    async def refusing(update: Update, context: DeskContext) -> None:
        try:
            await handler(update, context)
        except (DeskError, Misused) as refused:
            desk = context.desk
            query, message = update.callback_query, update.effective_message
            if query is not None:
                log.info(
                    "refused button %r from user %s: %s", query.data, query.from_user.id, refused
                )
                if isinstance(refused, DeskError) and refused.reason in STALE_REASONS:
                    await _drop_buttons(desk, update)
                await answer(query, refusal(desk, refused))
            elif message is not None:
                who = message.from_user.id if message.from_user is not None else None
                log.info("refused %r from user %s: %s", message.text, who, refused)
                await post.say(desk, update.update_id, post.reply(message, refusal(desk, refused)))

    return refusing


def stale_buttons(handler: Handler) -> Handler:
    """The button handler, with UnknownButton or a DeskError it raises answered by the polite
    stale-button alert in the presser's language, saying why where the desk said so (the
    ticket's status now, the message already filed); a message whose buttons can no longer
    work loses them."""

    @functools.wraps(handler)
    async def refusing(update: Update, context: DeskContext) -> None:
        try:
            await handler(update, context)
        except (UnknownButton, DeskError) as refused:
            query = update.callback_query
            if query is None:
                raise
            log.info("refused button %r from user %s: %s", query.data, query.from_user.id, refused)
            desk = context.desk
            language = await language_of(desk, query.from_user)
            values = _why(refused)
            if values:
                await _drop_buttons(desk, update)
            await answer(query, desk.texts.render("stale_button", language, **values))

    return refusing


def _why(refused: Exception) -> dict[str, Any]:
    """The reason a requester's press changed nothing, as `stale_button` words it; empty when
    the desk said nothing the requester may hear (a forged button)."""
    if isinstance(refused, DeskError) and refused.reason == "illegal_move":
        values = refused.values
        return {
            "reason": "ticket_status",
            "ticket_id": values["ticket_id"],
            "status": values["status"],
        }
    if isinstance(refused, DeskError) and refused.reason == "filed":
        return {"reason": "filed", "ticket_id": refused.values["ticket_id"]}
    return {}


# The refusals that say a button's moment is over (its ticket moved on, its template or
# handover decided), not that the presser may not press it: the buttons go for everyone.
STALE_REASONS = frozenset(
    {
        "illegal_move",
        "no_ticket",
        "no_handoff",
        "template_decided",
        "priority_settled",
        "picker_used",
    }
)


async def _drop_buttons(desk: Desk, update: Update) -> None:
    """The pressed message loses its buttons, which can no longer work."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    gone = post.drop_buttons(query.message.chat.id, query.message.message_id)
    await post.say(desk, update.update_id, gone)
