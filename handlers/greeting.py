"""A requester's first words with the bot: the greeting, help and the language (/new is
handlers/asking.py's: its words go through the door a message does)."""

from __future__ import annotations

from telegram import Message, Update

from bot import corrections, lookup, staff_chats
from bot.desk import Desk
from bot.meant_command import REQUESTER_SYNONYMS, SYNONYMS, meant
from bot.reading import reading
from bot.transaction import Transaction
from handlers import keyboards, post, update_edits
from handlers.cards import statuses
from handlers.commands import IN_TICKET, read
from handlers.context import DeskContext
from handlers.finding import where_to_use
from handlers.menus import staff_commands
from handlers.requesters import requester_for


async def start(update: Update, context: DeskContext) -> None:
    """/start (and a requester's command no handler took, in private): the greeting; one with
    tickets still open is greeted back, with each of them (number, matter, state), not as
    someone new (issue 14: /start after unblocking the bot named no ticket)."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, user)
        language = requester.language
        values = desk.settings.knowledge.context(language)
        held = await lookup.still_open(
            session=tx.session, rules=desk.rules, requester_id=requester.id
        )
        text = desk.texts.render(
            "greeting",
            language,
            name=user.first_name,
            office_name=values.get("office_name", ""),
            tickets=held,
            statuses=statuses(desk, language),
        )
        await post.post(tx, post.reply(message, text))


async def command(update: Update, context: DeskContext) -> None:
    """A command in private that no handler took (or one the sender may not use), read as
    typed in ASCII (a full-width "／ｈｅｐｌ" is /hepl): a staff command from a requester is
    said to be for staff, with what they can do instead (`for_staff`); one of an officer's
    commands for a ticket says where it works; staff's other command (one that works in a
    group only) gets what works where (`staff_help`), and one that does not exist that it
    does not, with the one likely meant and the same; a requester's command that does not
    exist (or a bare "/") is said to be unknown, with the one likely meant and their commands
    (`unknown`); one of theirs that no handler took (/new typed full-width) or one for
    another bot gets the greeting."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    found = read(reading(message.text or ""), context.bot.username)
    staff = desk.rules.staff.is_staff(user.id)
    if found is not None and found.to_us and found.name in staff_commands(desk):
        if not staff:
            await for_staff(update, context, found.name)
        elif found.name in IN_TICKET:
            where = where_to_use(desk, message, found.name)
            await post.say(desk, update.update_id, post.reply(message, where))
        else:  # a staff command that works in a group only (/return, /claim): what works where
            text = staff_help(desk, user.id)
            await post.say(desk, update.update_id, post.reply(message, text))
        return
    if found is not None and (not found.to_us or found.name in _REQUESTERS):
        await start(update, context)
    elif staff:
        # Staff (management too): no such command, the one likely meant, and what works where.
        text = staff_help(desk, user.id, found.name if found is not None else None)
        await post.say(desk, update.update_id, post.reply(message, text))
    else:
        await unknown(update, context, found.name if found is not None else "")


# The requester's commands (their menu): staff may use them too, as citizens.
_REQUESTERS = frozenset({"start", "help", "status", "new", "lang"})


async def edited_command(update: Update, context: DeskContext) -> None:
    """A command of ours edited after it was sent, anywhere: not carried out again (an edited
    /incident would reach every requester twice, an edited /transfer hand the ticket off
    twice, an edited /new drop the inquiry in hand); whoever edited it is told so and how to
    run it, in their language (`command_edited`). Telegram sends the edit as an update of its
    own, which python-telegram-bot's CommandHandler would otherwise take like a new command."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    found = read(message.text or "", context.bot.username)
    if found is None or not found.to_us:
        return  # a command for another bot: none of ours
    staff = desk.rules.staff
    private = message.chat.type == "private"
    if not private and (
        not staff_chats.place_of(desk.settings, message.chat_id).known
        or (staff.get(user.id) is None and not staff.is_management(user.id))
    ):
        return  # a group the desk does not serve, or not staff: silence, as for any command
    if await update_edits.corrected(
        desk, message, context.bot.username, update_id=update.update_id
    ):
        return  # an /incident update: corrected for those who had it, not posted again
    async with desk.transaction(update_id=update.update_id) as tx:
        if private and staff.get(user.id) is None:
            language = (await requester_for(tx, desk, user)).language
        else:
            language = desk.settings.languages.default
        await edited_into_command(tx, desk, message, found.name, language)


async def edited_into_command(
    tx: Transaction, desk: Desk, message: Message, name: str, language: str
) -> None:
    """Tell whoever edited `message` into (or as) the command `name` that the edit is not
    carried out (`command_edited`), in `language`; when the message was an officer's reply
    that went to a requester (bot/corrections.py `reply_of`), that it did, as first written
    (value `reached`: its ticket's number, else None)."""
    reached = None
    if message.chat.type != "private":
        reached = await corrections.reply_of(
            tx.session, chat_id=message.chat_id, message_id=message.message_id
        )
    text = desk.texts.render("command_edited", language, name=name, reached=reached)
    await post.post(tx, post.reply(message, text))


async def for_staff(update: Update, context: DeskContext, name: str) -> None:
    """A requester typed the staff command `name`: in their language, it is for staff, and
    the commands of their own menu but /start."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, user)
        theirs = _menu(desk, requester.language)
        text = desk.texts.render("for_staff", requester.language, name=name, commands=theirs)
        await post.post(tx, post.reply(message, text))


async def unknown(update: Update, context: DeskContext, name: str) -> None:
    """A requester's command `name` that does not exist ("" for a bare "/"): in their
    language, that it does not, the one of theirs it likely means (bot/meant_command.py:
    "/hepl" is /help, "/language" /lang) and the commands of their menu but /start
    (`no_such_command`), never the greeting as if nothing were wrong."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    async with desk.transaction(update_id=update.update_id) as tx:
        requester = await requester_for(tx, desk, user)
        theirs = _menu(desk, requester.language)
        names = [line.split(" - ", 1)[0] for line in theirs]
        likely = meant(name, [*names, "start"], REQUESTER_SYNONYMS) if name else None
        text = desk.texts.render(
            "no_such_command", requester.language, name=name, meant=likely, commands=theirs
        )
        await post.post(tx, post.reply(message, text))


def _menu(desk: Desk, language: str) -> list[str]:
    """The requester's menu in `language` but /start ("name - what it does" lines)."""
    menu = desk.texts.render("menu_requester", language).splitlines()
    return [line for line in menu if line and not line.startswith("start ")]


def staff_help(desk: Desk, user_id: int, unknown: str | None = None) -> str:
    """What staff read for /help in private (`staff_help`): what works where for their role
    (officer, supervisor, management); with `unknown`, first that no such command exists and
    the one of theirs or of a citizen's (`meant`) it likely means. In the staff's language."""
    staff = desk.rules.staff
    member = staff.get(user_id)
    if member is None:
        role = "management"
    else:
        role = "supervisor" if staff.is_supervisor(user_id) else "officer"
    likely = None
    if unknown is not None:  # theirs, or a citizen's (they may ask as one)
        names = [*staff_commands(desk), *_REQUESTERS]
        likely = meant(unknown, names, {**REQUESTER_SYNONYMS, **SYNONYMS})
    return desk.texts.render(
        "staff_help",
        desk.settings.languages.default,
        role=role,
        unknown=unknown,
        meant=likely,
        priorities=[p.key for p in desk.settings.priorities],
    )


async def help_text(update: Update, context: DeskContext) -> None:
    """/help: what the bot can do, in the requester's language; staff (management too) read
    what works where for them (`staff_help`: a fresh tester's officer got the requester's
    help)."""
    desk = context.desk
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    if desk.rules.staff.is_staff(user.id):
        await post.say(desk, update.update_id, post.reply(message, staff_help(desk, user.id)))
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
            requester.language, requester.language_chosen = wanted, True
            await post.post(tx, post.reply(message, desk.texts.render("language_set", wanted)))
            return
        text = desk.texts.render("language_choice", requester.language)
        await post.post(tx, post.reply(message, text, keyboards.languages(desk)))
