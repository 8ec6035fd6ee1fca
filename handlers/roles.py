"""Who may use a command, checked once as a decorator: `@staff_only` (management too),
`@supervisors_only`.

The core checks again whatever it is asked to do; these keep the front from answering
someone a command is not meant for (and from telling them anything about a ticket)."""

from __future__ import annotations

import functools

from telegram import Update

from bot.desk import Desk
from handlers import post
from handlers.context import DeskContext
from handlers.greeting import command
from handlers.refusals import Handler


def supervises(desk: Desk, user_id: int) -> bool:
    """A supervisor of some department, or management."""
    return desk.rules.staff.is_supervisor(user_id) or desk.rules.staff.is_management(user_id)


async def not_staff(update: Update, context: DeskContext) -> None:
    """A staff command from someone else: in private that it is for staff and what they can
    do instead (`greeting.command`: it reveals nothing), in a group silence."""
    chat = update.effective_chat
    if chat is not None and chat.type == "private":
        await command(update, context)


def staff_only(handler: Handler) -> Handler:
    """The handler for staff: a department's officers and supervisors, and management (a
    fresh tester: management's /ticket and /queue went unanswered in the supervisors' chat);
    what each may do on a ticket is the core's to refuse. Anyone else gets `not_staff`.
    Nothing happens without a user and a message."""

    @functools.wraps(handler)
    async def checked(update: Update, context: DeskContext) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        if not context.desk.rules.staff.is_staff(user.id):
            await not_staff(update, context)
            return
        await handler(update, context)

    return checked


def supervisors_only(handler: Handler) -> Handler:
    """The handler for supervisors and management only; other staff are told it is not theirs
    to use, anyone else as by `not_staff`. Nothing happens without a user and a message."""

    @functools.wraps(handler)
    async def checked(update: Update, context: DeskContext) -> None:
        desk = context.desk
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        if not supervises(desk, user.id):
            if desk.rules.staff.get(user.id) is None:
                await not_staff(update, context)  # a requester: not a supervisors' refusal
                return
            refused = desk.texts.render("supervisors_only", desk.settings.languages.default)
            await post.say(desk, update.update_id, post.reply(message, refused))
            return
        await handler(update, context)

    return checked
