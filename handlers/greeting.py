"""A requester's first words with the bot: the greeting, help, the language, and /new."""

from __future__ import annotations

from telegram import Update

from bot.intake.anew import keeps_forward, start_anew
from handlers import handover, keyboards, post
from handlers.context import DeskContext
from handlers.requesters import requester_and_ticket, requester_for


async def start(update: Update, context: DeskContext) -> None:
    """/start (and any command the bot does not know, in private): the greeting."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, user)
        values = desk.settings.knowledge.context(requester.language)
        text = desk.texts.render(
            "greeting",
            requester.language,
            name=user.first_name,
            office_name=values.get("office_name", ""),
        )
        await post.post(tx, post.reply(message, text))


async def help_text(update: Update, context: DeskContext) -> None:
    """/help: what the bot can do, in the requester's language."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, user)
        text = desk.texts.render("help", requester.language)
        await post.post(tx, post.reply(message, text))


async def language(update: Update, context: DeskContext) -> None:
    """/lang: buttons for each language; `/lang en` switches at once."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    wanted = (context.args or [""])[0].lower()
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, user)
        if wanted in desk.texts.supported:
            requester.language = wanted
            await post.post(tx, post.reply(message, desk.texts.render("language_set", wanted)))
            return
        text = desk.texts.render("language_choice", requester.language)
        await post.post(tx, post.reply(message, text, keyboards.languages(desk)))


async def new_question(update: Update, context: DeskContext) -> None:
    """/new: the next text is a new question, even while a ticket is open; a question that
    waited for its category becomes a ticket first (`bot.intake.anew`)."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.transaction(update_id=update.update_id) as tx:
        requester, open_ticket = await requester_and_ticket(tx, desk, user)
        # A question waiting for its category is handed over first, not dropped.
        waited = await start_anew(tx=tx, desk=desk, requester=requester, current=open_ticket)
        if waited is not None:
            await post.post(tx, handover.present(desk, requester, waited))
        in_hand = open_ticket or (waited.ticket if waited is not None else None)
        text = desk.texts.render(
            "new_question",
            requester.language,
            ticket_id=in_hand.id if in_hand is not None else None,
            kept=keeps_forward(requester),
        )
        await post.post(tx, post.reply(message, text))
