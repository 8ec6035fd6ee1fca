"""Staff chats that change under the bot, as Telegram tells it: a group upgraded to a
supergroup (its service messages) and the bot's own membership (`my_chat_member`; in a
private chat, its user blocking or unblocking the bot). What the desk does is
bot/staff_chats.py's (bot/delivery.py's for a private chat); this reads the updates.
Other service messages in groups (a topic closed or reopened by a person, members joining)
change nothing here: a ticket's topic someone closed is reopened, one deleted replaced,
when the bot next posts to it (handlers/runtime/calls.py)."""

from __future__ import annotations

import logging

from telegram import ChatMemberAdministrator, ChatMemberOwner, Update

from bot import delivery, staff_chats
from bot.desk import Desk
from bot.intake import card
from handlers import post
from handlers.context import DeskContext

log = logging.getLogger(__name__)


async def moved(desk: Desk, update_id: int | None, old_chat_id: int, new_chat_id: int) -> None:
    """The group `old_chat_id` is the supergroup `new_chat_id` now: the desk follows it."""
    async with desk.transaction(update_id=update_id) as tx:
        followed = await card.follow_upgrade(
            tx=tx, desk=desk, old_chat_id=old_chat_id, new_chat_id=new_chat_id
        )
    if followed is not None:
        desk.adopt(followed)
        log.warning("chat %s was upgraded to supergroup %s: followed", old_chat_id, new_chat_id)


async def migrated(update: Update, context: DeskContext) -> None:
    """The service messages of an upgrade: migrate_to_chat_id in the old group,
    migrate_from_chat_id in the new supergroup (either is enough; the second changes nothing)."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id is not None:
        await moved(context.desk, update.update_id, message.chat_id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id is not None:
        await moved(context.desk, update.update_id, message.migrate_from_chat_id, message.chat_id)


async def not_served(update: Update, context: DeskContext) -> None:
    """Someone in a group the desk does not serve (no department's, not management's)
    mentions the bot ("@shouwen_bot ...", any case) or replies to it: a short reply in their
    language saying the group is not served and that a private chat with the bot is. Anything
    else there (people talking, a bare command perhaps another bot's) stays unanswered."""
    message = update.message
    username = context.bot.username
    if message is None or message.from_user is None or message.from_user.is_bot:
        return
    if staff_chats.place_of(context.desk.settings, message.chat_id).known:
        return
    words = (message.text or message.caption or "").casefold()
    replied = message.reply_to_message
    author = replied.from_user if replied is not None else None
    to_bot = author is not None and author.id == context.bot.id
    mentioned = bool(username) and f"@{username}".casefold() in words
    if not mentioned and not to_bot:
        return
    desk = context.desk
    language = desk.texts.language_of(message.from_user.language_code)
    text = desk.texts.render("group_not_served", language, bot_username=username)
    await post.say(desk, update.update_id, post.reply(message, text))


async def service(update: Update, context: DeskContext) -> None:
    """Any other service message in a group (a topic closed, reopened, members joining):
    nothing to do, and nothing to relay to a requester."""


async def membership(update: Update, context: DeskContext) -> None:
    """The bot's membership of a chat changed: in a staff chat, the desk parks what is for it
    while the bot cannot work there, and sends it once it can (bot/staff_chats.py); in a
    private chat, its user blocked the bot or unblocked it (bot/delivery.py
    `blocked_or_back_and_tell`)."""
    change = update.my_chat_member
    if change is None:
        return
    desk = context.desk
    if change.chat.type == "private":
        # A user blocked the bot (kicked) or unblocked it: nothing is said to them here.
        async with desk.transaction(update_id=update.update_id) as tx:
            await delivery.blocked_or_back_and_tell(
                tx=tx,
                rules=desk.rules,
                chat_id=change.chat.id,
                blocked=change.new_chat_member.status == "kicked",
            )
        return
    member = change.new_chat_member
    topics = isinstance(member, ChatMemberOwner) or (
        isinstance(member, ChatMemberAdministrator) and bool(member.can_manage_topics)
    )
    forum = bool(change.chat.is_forum)
    async with desk.transaction(update_id=update.update_id) as tx:
        if staff_chats.usable(member.status, topics, forum):
            await staff_chats.back_and_tell(tx=tx, rules=desk.rules, chat_id=change.chat.id)
        else:
            reason = member.status if member.status in ("kicked", "left") else "no_topic_rights"
            await staff_chats.paused_and_tell(
                tx=tx, rules=desk.rules, chat_id=change.chat.id, reason=reason
            )
