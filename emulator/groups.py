"""What people do to groups, as Telegram tells the bot: a topic closed, reopened or deleted;
a group upgraded to a supergroup; the bot's own membership changed (`my_chat_member`); a
member joining or leaving (`chat_member`, only when the bot asked for it); and a user
blocking or unblocking the bot in their private chat (`my_chat_member` too)."""

from __future__ import annotations

from typing import Any

from emulator.errors import api_error
from emulator.objects import Chat, User
from emulator.world import World

TOPIC_ACTIONS = ("close", "reopen", "delete")
BOT_STATUSES = ("kicked", "left", "member", "administrator")
MEMBER_STATUSES = ("member", "left", "kicked", "administrator")


def administrator(chat: Chat, user: dict[str, Any], topics: bool) -> dict[str, Any]:
    """A ChatMemberAdministrator; `can_manage_topics` only in supergroups, as Telegram says."""
    member = {
        "status": "administrator",
        "user": user,
        "can_be_edited": False,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": True,
        "can_manage_video_chats": True,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": True,
        "can_invite_users": True,
        "can_post_stories": False,
        "can_edit_stories": False,
        "can_delete_stories": False,
    }
    if chat.type == "supergroup":
        member["can_manage_topics"] = topics
    return member


def chat_member(chat: Chat, user: User, status: str, topics: bool = True) -> dict[str, Any]:
    """A ChatMember of the kind `status` names (administrator, member, left or kicked)."""
    if status == "administrator":
        return administrator(chat, user.as_json(), topics)
    if status == "kicked":
        return {"status": "kicked", "user": user.as_json(), "until_date": 0}
    if status not in ("member", "left"):
        raise ValueError(f"unknown status {status!r}")
    return {"status": status, "user": user.as_json()}


def member_status(chat: Chat, user_id: int) -> str:
    """A person's status in a group: administrator, member, kicked (banned) or left."""
    if user_id in chat.admins:
        return "administrator"
    if user_id in chat.members:
        return "member"
    return "kicked" if user_id in chat.banned else "left"


def _actor(world: World, chat: Chat, user_id: Any, but: int | None = None) -> User:
    """Who does it: the given user, else one of the chat's administrators or members (other
    than `but`, the person it is done to)."""
    if user_id is not None:
        user = world.users.get(int(user_id))
        if user is None:
            raise ValueError(f"no user {user_id} to act")
        return user
    for candidate in sorted(chat.admins) + sorted(chat.members):
        if candidate in world.users and candidate != but:
            return world.users[candidate]
    raise ValueError(f"chat {chat.id} has nobody to act")


def bot_topic_state(world: World, chat_id: Any, thread_id: Any, *, closed: bool) -> None:
    """The bot closes or reopens a topic (closeForumTopic, reopenForumTopic), as
    Telegram does it: in a forum, as an administrator with the right to manage topics
    unless it created the topic; refused as TOPIC_NOT_MODIFIED when the topic is already
    so. The service message (forum_topic_closed / forum_topic_reopened) is posted in the
    topic, and no update sent for it (the bot's own doing)."""
    chat = world.chat(chat_id)
    if not chat.is_forum:
        raise api_error("not_forum")
    topic = world.topic(chat.id, thread_id)
    admin = chat.bot_status == "administrator" and chat.bot_can_manage_topics
    if not admin and not topic.by_bot:
        raise api_error("topic_manage_rights")
    if topic.closed == closed:
        raise api_error("topic_not_modified")
    if closed:  # posted while the topic is still open
        world._message(chat, world.bot, {"forum_topic_closed": {}}, None, topic.thread_id)
    topic.closed = closed
    if not closed:
        world._message(chat, world.bot, {"forum_topic_reopened": {}}, None, topic.thread_id)


async def topic_action(
    world: World, user_id: int, chat_id: int, thread_id: int, action: str
) -> dict[str, Any] | None:
    """A person closes, reopens or deletes a forum topic. Closing and reopening post the
    service message in the topic (forum_topic_closed / forum_topic_reopened), which is the
    update returned; a deletion takes the topic and its messages away with no update (Telegram
    sends none), and later sends to it fail with "message thread not found"."""
    if action not in TOPIC_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    user = world.users[user_id]
    chat = world.sender_chat(user, chat_id)
    topic = world.topic(chat_id, thread_id)
    if action == "delete":
        del chat.topics[topic.thread_id]
        for entry in world.transcripts.get(chat.id, []):
            if entry.thread_id == topic.thread_id and not entry.deleted:
                entry.deleted = True
                world.messages.pop((chat.id, entry.message_id), None)
        return None
    closing = action == "close"
    service: dict[str, Any] = {"forum_topic_closed" if closing else "forum_topic_reopened": {}}
    topic.closed = False  # the service message goes in as the topic opens, or before it closes
    message = world._message(chat, user, service, None, topic.thread_id)
    topic.closed = closing
    return await world.push_message(chat, message)


async def migrate(
    world: World, chat_id: int, user_id: int | None = None, forum: bool = False
) -> tuple[Chat, list[dict[str, Any]]]:
    """A basic group upgraded to a supergroup (with topics when `forum`): the new chat (id
    -100 followed by the old one's digits), and the two updates Telegram sends, the old chat's
    service message with migrate_to_chat_id, then the new one's with migrate_from_chat_id.
    Members, administrators and the bot's rights carry over; sends to the old id then fail
    with 400 and parameters.migrate_to_chat_id. Raises the API's errors for an unknown chat,
    ValueError for a chat that is not a basic group."""
    old = world.chat(chat_id)
    if old.type != "group" or old.migrated_to is not None:
        raise ValueError(f"chat {chat_id} is not a basic group")
    user = _actor(world, old, user_id)
    new = world.add_group(int(f"-100{abs(old.id)}"), old.title or "", sorted(old.members))
    new.is_forum = forum
    new.admins = set(old.admins)
    new.bot_status, new.bot_can_manage_topics = old.bot_status, old.bot_can_manage_topics
    old_note = world._message(old, user, {"migrate_to_chat_id": new.id}, None, None)
    old.migrated_to = new.id
    new_note = world._message(new, user, {"migrate_from_chat_id": old.id}, None, None)
    return new, [
        await world.push({"message": old_note}),
        await world.push({"message": new_note}),
    ]


async def bot_membership(
    world: World,
    chat_id: int,
    status: str,
    *,
    can_manage_topics: bool = True,
    user_id: int | None = None,
) -> dict[str, Any]:
    """The bot's membership of a group changes (someone removes it, adds it back, makes it an
    administrator with or without the right to manage topics): the `my_chat_member` update.
    From then on sends there fail as Telegram fails them: 403 once kicked or gone, 400 for a
    topic without the right; and nothing said there reaches the bot until it is back, when
    the group's new_chat_members service message (naming the bot) follows the update."""
    if status not in BOT_STATUSES:
        raise ValueError(f"unknown status {status!r}")
    chat = world.chat(chat_id)
    actor = _actor(world, chat, user_id)
    was = chat.bot_status
    before = chat_member(chat, world.bot, was, chat.bot_can_manage_topics)
    chat.bot_status, chat.bot_can_manage_topics = status, can_manage_topics
    after = chat_member(chat, world.bot, status, can_manage_topics)
    change = await world.push({"my_chat_member": _changed(world, chat, actor, before, after)})
    if was in ("kicked", "left") and status in ("member", "administrator"):
        # Added back: the group's service message about it follows, as for anyone who joins.
        added = {"new_chat_members": [world.bot.as_json()]}
        await world.push_message(chat, world._message(chat, actor, added, None, None))
    return change


async def private_block(world: World, user_id: int, blocked: bool) -> dict[str, Any] | None:
    """A user blocks the bot in their private chat (`blocked`), or unblocks it: from then on
    the bot's sends there fail with 403 (or reach them again), and Telegram tells the bot
    with a `my_chat_member` update from the user, its status member -> kicked (until_date 0)
    or kicked -> member. None (no update, as Telegram) when nothing changes."""
    user = world.users.get(int(user_id))
    if user is None:
        raise ValueError(f"no user {user_id}")
    if user.blocked_bot == blocked:
        return None
    user.blocked_bot = blocked
    chat = world.chat(user.id)
    was, now = ("member", "kicked") if blocked else ("kicked", "member")
    before, after = chat_member(chat, world.bot, was), chat_member(chat, world.bot, now)
    return await world.push({"my_chat_member": _changed(world, chat, user, before, after)})


async def member_change(
    world: World, user_id: int, chat_id: int, status: str, actor_id: int | None = None
) -> list[dict[str, Any]]:
    """A person joins (`member`, `administrator`: promoted), leaves (`left`) or is kicked
    (`kicked`: banned until let back) from a group, by `actor_id` (default: the person
    themself when joining or leaving, an administrator when kicking or promoting). The
    updates Telegram sends the bot (none while it is out of the group): the service message
    (`new_chat_members` when someone comes in, `left_chat_member` when they go), and the
    `chat_member` update when the bot asked for such updates (allowed_updates), `from` the
    actor. Raises the API's error for an unknown user or chat, ValueError for a bad status."""
    if status not in MEMBER_STATUSES:
        raise ValueError(f"unknown status {status!r}: one of {', '.join(MEMBER_STATUSES)}")
    chat = world.chat(chat_id)
    user = world.users.get(int(user_id))
    if user is None:
        raise api_error("user_not_found")
    was = member_status(chat, user.id)
    if was == status:
        return []  # nothing changes: Telegram says nothing
    by_others = actor_id is not None or status in ("kicked", "administrator")
    actor = _actor(world, chat, actor_id, but=user.id) if by_others else user
    before = chat_member(chat, user, was)
    inside = status in ("member", "administrator")
    (chat.members.add if inside else chat.members.discard)(user.id)
    (chat.admins.add if status == "administrator" else chat.admins.discard)(user.id)
    (chat.banned.add if status == "kicked" else chat.banned.discard)(user.id)
    sent = []
    coming = was in ("left", "kicked") and inside
    going = was in ("member", "administrator") and not inside
    if coming or going:
        person = user.as_json()
        service = {"new_chat_members": [person]} if coming else {"left_chat_member": person}
        note = await world.push_message(chat, world._message(chat, actor, service, None, None))
        if note is not None:
            sent.append(note)
    if world.allows("chat_member") and chat.bot_status not in ("kicked", "left"):
        after = chat_member(chat, user, status)
        update = {"chat_member": _changed(world, chat, actor, before, after)}
        sent.append(await world.push(update))
    return sent


def _changed(
    world: World, chat: Chat, actor: User, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, Any]:
    """A ChatMemberUpdated."""
    return {
        "chat": chat.as_json(),
        "from": actor.as_json(),
        "date": int(world.clock()),
        "old_chat_member": before,
        "new_chat_member": after,
    }
