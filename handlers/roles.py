"""Who may use a command, checked once as a decorator: `@staff_only`, `@supervisors_only`.

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


def staff_only(handler: Handler, *, management: bool = False) -> Handler:
    """The handler for a department's staff (officers, supervisors) only, and with
    `management` for management too (configured apart, in no department); anyone else gets
    `not_staff`. Nothing happens without a user and a message."""

    @functools.wraps(handler)
    async def checked(update: Update, context: DeskContext) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        staff = context.desk.rules.staff
        if staff.get(user.id) is None and not (management and staff.is_management(user.id)):
            await not_staff(update, context)
            return
        await handler(update, context)

    return checked


def staff_or_management(handler: Handler) -> Handler:
    """`staff_only` that management may use too (e.g. /incident: the surge alert goes to the
    management chat, and the core lets management speak on any ticket)."""
    return staff_only(handler, management=True)


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
