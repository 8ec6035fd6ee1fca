"""The emulated Telegram: users, chats, messages, and the bot's queue of updates."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from emulator.errors import api_error
from emulator.files import Files
from emulator.limits import FloodLimits
from emulator.objects import (
    MEDIA_KINDS,
    Chat,
    Entry,
    Topic,
    User,
    check_content,
    check_markup,
    check_text,
    mark_command,
)
from emulator.replies import implicit, reply_fields
from emulator.updates import Updates
from emulator.world_time import WorldTime


class World(Updates, Files):
    """All state of the emulation; every method runs on the server's event loop."""

    def __init__(
        self,
        bot_id: int = 7_000_000_001,
        bot_username: str = "shouwen_bot",
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.bot = User(bot_id, "Shouwen", username=bot_username, is_bot=True)
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.transcripts: dict[int, list[Entry]] = {}
        self.callbacks: dict[str, tuple[int, int]] = {}  # query id -> (chat, message)
        self.answered: dict[str, str] = {}  # query id -> the text shown to the presser
        # The bot's command menus: (scope, language code) -> [{command, description}].
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.counters: Counter[str] = Counter()
        self.files = {}
        self.time = WorldTime(clock or time.time)
        self.clock: Callable[[], float] = self.time.now
        super().__init__(self.clock)
        self.limits = FloodLimits()
        self._file_ids = itertools.count(1)  # see Files
        self._query_ids = itertools.count(1)
        self._albums = itertools.count(13_000_000_000_000_001)
        self._polls = itertools.count(5_000_000_000_000_000_001)  # see Files
        self._seen_message_ids: dict[int, int] = {}  # see continue_after
        # Called with (chat id, entry) whenever the bot posts: for benchmarks and tools.
        self.watchers: list[Callable[[int, Entry], None]] = []

    # --- people and places -------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        language_code: str | None = None,
        username: str | None = None,
        *,
        started: bool = False,
    ) -> User:
        """A user and their private chat with the bot (one already here keeps it: `User.changed`);
        `started`: they wrote to the bot before (else it cannot write to them first)."""
        if (known := self.users.get(user_id)) is not None:
            return known.changed(first_name, language_code, username, started=started)
        user = User(user_id, first_name, language_code, username, started=started)
        self.users[user_id] = user
        self.chats[user_id] = Chat(user_id, "private", user=user, members={user_id})
        self._message_ids_after_seen(self.chats[user_id])
        return user

    def add_group(
        self,
        chat_id: int,
        title: str,
        members: list[int],
        *,
        forum: bool = False,
        kind: str = "supergroup",
    ) -> Chat:
        """A group (`kind` "group", a basic group), supergroup (a forum with `forum`) or
        channel (`kind` "channel": only a chat for forwards to come from)."""
        if kind not in ("group", "supergroup", "channel"):
            raise ValueError(f"unknown chat type {kind!r}: group, supergroup or channel")
        chat = Chat(chat_id, kind, title, is_forum=forum, members=set(members))
        self.chats[chat_id] = chat
        self._message_ids_after_seen(chat)
        return chat

    def continue_after(self, update_id: int, message_ids: dict[int, int]) -> None:
        """Go on from the ids a bot has seen, as Telegram does when a bot starts again: update
        ids above `update_id`, each chat's message (and topic) ids above its entry in
        `message_ids` (chat id -> highest message id seen; a chat added later too)."""
        self.updates_above(update_id)
        self._seen_message_ids.update(message_ids)
        for chat in self.chats.values():
            self._message_ids_after_seen(chat)

    def _message_ids_after_seen(self, chat: Chat) -> None:
        seen = self._seen_message_ids.get(chat.id, 0)
        chat.next_message_id = max(chat.next_message_id, seen + 1)

    def chat(self, chat_id: Any) -> Chat:
        try:
            chat = self.chats[int(chat_id)]
        except (KeyError, ValueError, TypeError):
            raise api_error("chat_not_found") from None
        return chat

    # --- messages ------------------------------------------------------------------------------

    def _message(
        self,
        chat: Chat,
        sender: User,
        content: dict[str, Any],
        markup: dict[str, Any] | None,
        thread_id: int | None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        if thread_id is not None and chat.is_forum:
            topic = chat.topics.get(thread_id)
            if topic is None:
                raise api_error("thread_not_found")
            if topic.closed and (sender.is_bot or sender.id not in chat.admins):
                raise api_error("topic_closed")  # only its administrators write there
        message_id = chat.next_message_id
        chat.next_message_id += 1
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(self.clock()),
            "chat": chat.as_json(),
            "from": sender.as_json(),
            **content,
            **(extra or {}),
        }
        if markup:
            message["reply_markup"] = markup
        if "reply_to_message" not in message:
            root = implicit(self.messages, chat, thread_id)
            if root is not None:
                message["reply_to_message"] = root
        if chat.type == "private" and not sender.is_bot:
            sender.started = True
        if not sender.is_bot:
            mark_command(message, content.get("text", ""))
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        self.messages[(chat.id, message_id)] = message
        buttons = (markup or {}).get("inline_keyboard", [])
        kind = next(
            (k for k in MEDIA_KINDS if k in content), "text" if "text" in content else "service"
        )
        shown = content.get("text") or content.get("caption") or ""
        entry = Entry(message_id, sender.id, shown, buttons, thread_id, kind)
        self.transcripts.setdefault(chat.id, []).append(entry)
        if sender.is_bot and entry.kind != "service":
            for watch in self.watchers:
                watch(chat.id, entry)
        return message

    def bot_sends(
        self,
        chat_id: Any,
        text: str,
        markup: dict[str, Any] | None = None,
        thread_id: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        chat = self._writable(chat_id)
        check_text(text)
        check_markup(markup)
        return self._message(chat, self.bot, {"text": text}, markup, thread_id, extra)

    def _writable(self, chat_id: Any) -> Chat:
        """A chat the bot may post in now: it exists, nobody blocked it, it was not upgraded
        to a supergroup, the bot is still in it, no flood limit hit."""
        chat = self.chat(chat_id)
        if chat.user is not None and chat.user.blocked_bot:
            raise api_error("blocked")
        if chat.user is not None and not chat.user.started:
            raise api_error("not_started")
        if chat.migrated_to is not None:
            raise api_error("migrated", migrate_to_chat_id=chat.migrated_to)
        if chat.type != "private" and chat.bot_status in ("kicked", "left"):
            raise api_error(f"bot_{chat.bot_status}", chat_type=chat.type)
        self.limits.take(chat, self.clock())
        return chat

    def bot_sends_media(
        self,
        chat_id: Any,
        content: dict[str, Any],
        markup: dict[str, Any] | None = None,
        thread_id: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        chat = self._writable(chat_id)
        check_content(content)
        check_markup(markup)
        return self._message(chat, self.bot, content, markup, thread_id, extra)

    # --- forum topics --------------------------------------------------------------------------

    def create_topic(self, chat_id: Any, name: str) -> Topic:
        chat = self.chat(chat_id)
        if not chat.is_forum:
            raise api_error("not_forum")
        if chat.bot_status != "administrator" or not chat.bot_can_manage_topics:
            raise api_error("topic_rights")
        # The topic's first message is the service message forum_topic_created; its id is
        # the thread's. Telegram sends the bot no update for it (its own doing).
        topic = Topic(chat.next_message_id, name)
        chat.topics[topic.thread_id] = topic
        created = {"name": name, "icon_color": topic.icon_color}
        self._message(chat, self.bot, {"forum_topic_created": created}, None, topic.thread_id)
        return topic

    def topic(self, chat_id: Any, thread_id: Any) -> Topic:
        chat = self.chat(chat_id)
        topic = chat.topics.get(int(thread_id))
        if topic is None:
            raise api_error("thread_not_found")
        return topic

    def find(self, chat_id: Any, message_id: Any, *, deleting: bool = False) -> dict[str, Any]:
        chat = self.chat(chat_id)
        message = self.messages.get((chat.id, int(message_id)))
        if message is None:
            raise api_error("message_to_delete_not_found" if deleting else "message_not_found")
        return message

    def _entry(self, chat_id: int, message_id: int) -> Entry:
        return next(e for e in self.transcripts[chat_id] if e.message_id == message_id)

    def bot_edits(
        self,
        chat_id: Any,
        message_id: Any,
        *,
        text: str | None,
        markup: dict[str, Any] | None,
    ) -> dict[str, Any]:
        message = self.find(chat_id, message_id)
        new_text = message["text"] if text is None else text
        check_text(new_text)
        check_markup(markup)
        if new_text == message["text"] and markup == message.get("reply_markup"):
            raise api_error("not_modified")
        message["text"] = new_text
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = int(self.clock())
        entry = self._entry(message["chat"]["id"], message["message_id"])
        entry.text, entry.edited = new_text, True
        entry.buttons = (markup or {}).get("inline_keyboard", [])
        return message

    def bot_deletes(self, chat_id: Any, message_id: Any) -> None:
        message = self.find(chat_id, message_id, deleting=True)
        del self.messages[(message["chat"]["id"], message["message_id"])]
        self._entry(message["chat"]["id"], message["message_id"]).deleted = True

    # --- what users do -------------------------------------------------------------------------

    async def user_sends(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        thread_id: int | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any] | None:
        """A text message; `reply_to` is the id of the message it answers in the same chat.
        The update, or None when the bot is not in the group (kicked or gone)."""
        user = self.users[user_id]
        chat = self.sender_chat(user, user_id if chat_id is None else chat_id)
        parameters = None if reply_to is None else {"message_id": reply_to}
        extra = self.reply_to(chat.id, parameters, thread_id)
        message = self._message(chat, user, {"text": text}, None, thread_id, extra)
        return await self.push_message(chat, message)

    def sender_chat(self, user: User, chat_id: Any) -> Chat:
        """The chat a person sends to or presses a button in: they must be in it (a person
        who left or was kicked cannot write there). Raises ValueError (the control API's 400)
        when they are not, the API's error for an unknown chat."""
        chat = self.chat(chat_id)
        if user.id not in chat.members | chat.admins:
            why = "kicked" if user.id in chat.banned else "not in it"
            raise ValueError(
                f"not a member: user {user.id} cannot send or press in chat {chat.id} ({why})"
            )
        return chat

    async def push_message(
        self, chat: Chat, message: dict[str, Any], kind: str = "message"
    ) -> dict[str, Any] | None:
        """A person's message (or edit: `kind` edited_message) as an update for the bot; None
        (no update, as Telegram) in a group the bot was kicked from or left."""
        if chat.type != "private" and chat.bot_status in ("kicked", "left"):
            return None
        return await self._push({kind: message})

    def reply_to(
        self, chat_id: int, parameters: dict[str, Any] | None, thread_id: int | None = None
    ) -> dict[str, Any] | None:
        """The reply fields for ReplyParameters of a message to `chat_id` (in topic
        `thread_id`): reply_to_message, or external_reply for another chat or topic (see
        emulator/replies.py)."""
        return reply_fields(self.messages, self.chat(chat_id), thread_id, parameters)

    async def user_sends_content(
        self,
        user_id: int,
        content: dict[str, Any],
        chat_id: int | None = None,
        thread_id: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any] | None:
        """A photo, document, voice, location or sticker, already shaped as Message fields
        (the update, or None when the bot is not in the group)."""
        user = self.users[user_id]
        chat = self.sender_chat(user, user_id if chat_id is None else chat_id)
        message = self._message(chat, user, content, None, thread_id, extra)
        return await self.push_message(chat, message)

    async def user_sends_album(
        self,
        user_id: int,
        items: list[dict[str, Any]],
        caption: str = "",
        chat_id: int | None = None,
        thread_id: int | None = None,
    ) -> list[dict[str, Any] | None]:
        """An album (2 to 10 photos or files, each already shaped as Message fields), as
        Telegram sends it to a bot: one Message update per item, in order, all with the same
        media_group_id (a string), the caption (if any) on the first."""
        if not 2 <= len(items) <= 10:
            raise ValueError("an album has 2 to 10 items")
        group = {"media_group_id": str(next(self._albums))}
        updates = []
        for number, item in enumerate(items):
            content = {**item, "caption": caption} if caption and number == 0 else dict(item)
            updates.append(
                await self.user_sends_content(user_id, content, chat_id, thread_id, group)
            )
        return updates

    async def user_edits(
        self, user_id: int, chat_id: int, message_id: int, text: str
    ) -> dict[str, Any] | None:
        message = self.find(chat_id, message_id)
        if message["from"]["id"] != user_id:
            raise api_error("message_not_found")
        message["text"] = text
        message["edit_date"] = int(self.clock())
        message.pop("entities", None)  # Telegram marks the edited text anew
        mark_command(message, text)
        entry = self._entry(chat_id, message_id)
        entry.text, entry.edited = text, True
        return await self.push_message(self.chat(chat_id), dict(message), "edited_message")

    async def user_presses(
        self, user_id: int, chat_id: int, message_id: int, data: str
    ) -> dict[str, Any]:
        user = self.users[user_id]
        self.sender_chat(user, chat_id)
        message = self.find(chat_id, message_id)
        query_id = str(next(self._query_ids))
        self.callbacks[query_id] = (int(chat_id), int(message_id))
        return await self._push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user.as_json(),
                    "message": message,
                    "chat_instance": str(chat_id),
                    "data": data,
                }
            }
        )

    def answer_callback(self, query_id: str, text: str = "") -> None:
        if query_id not in self.callbacks or query_id in self.answered:
            raise api_error("query_invalid")
        self.answered[query_id] = text
