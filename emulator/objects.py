"""What the emulated Telegram is made of: users, chats, topics, files and transcript lines,
as plain records that render themselves as Bot API objects; and Telegram's limits on what a
message may carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from emulator.errors import api_error

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
# What a message carries, in the order that names its kind (an animation also carries a
# document, a venue a location).
MEDIA_KINDS = (
    "photo",
    "animation",
    "document",
    "voice",
    "video_note",
    "video",
    "audio",
    "sticker",
    "venue",
    "location",
    "contact",
    "poll",
    "dice",
)
# The kinds a caption may go with (sendPhoto, sendVideo, ... take one; a sticker, a video note,
# a place, a contact, a poll or a dice do not).
CAPTIONED = ("photo", "animation", "document", "voice", "video", "audio")


@dataclass
class User:
    id: int
    first_name: str
    language_code: str | None = None
    username: str | None = None
    is_bot: bool = False
    blocked_bot: bool = False
    # Whether the user ever wrote to the bot (/start or anything else): until then Telegram
    # refuses the bot's messages to them (403 "bot can't initiate conversation").
    started: bool = False

    def changed(
        self, first_name: str, language_code: str | None, username: str | None, *, started: bool
    ) -> User:
        """This user with their profile changed (as when someone edits theirs in Telegram):
        their chat, whether they started or blocked the bot, stay (started once, started)."""
        self.first_name, self.language_code, self.username = first_name, language_code, username
        self.started = self.started or started
        return self

    def as_json(self) -> dict[str, Any]:
        value: dict[str, Any] = {
            "id": self.id,
            "is_bot": self.is_bot,
            "first_name": self.first_name,
        }
        if self.username:
            value["username"] = self.username
        if self.language_code:
            value["language_code"] = self.language_code
        return value


@dataclass
class Topic:
    thread_id: int
    name: str
    icon_color: int = 7322096
    closed: bool = False
    by_bot: bool = True  # the bot created it (it may close and reopen it without the right)

    def as_json(self) -> dict[str, Any]:
        return {
            "message_thread_id": self.thread_id,
            "name": self.name,
            "icon_color": self.icon_color,
        }


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None = None

    @property
    def path(self) -> str:
        return f"files/{self.file_unique_id}"


@dataclass
class Chat:
    id: int
    type: str  # private, group, supergroup, channel
    title: str | None = None
    user: User | None = None  # the other side of a private chat
    is_forum: bool = False
    members: set[int] = field(default_factory=set)
    admins: set[int] = field(default_factory=set)
    banned: set[int] = field(default_factory=set)  # people kicked (ChatMemberBanned)
    # The bot's own membership of a group, as getChatMember tells it: administrator, member,
    # left or kicked; and as an administrator, whether it may manage topics.
    bot_status: str = "administrator"
    bot_can_manage_topics: bool = True
    topics: dict[int, Topic] = field(default_factory=dict)
    next_message_id: int = 1
    migrated_to: int | None = None  # a group upgraded to a supergroup: the new chat's id

    def as_json(self) -> dict[str, Any]:
        value: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            value["first_name"] = self.user.first_name
            if self.user.username:
                value["username"] = self.user.username
        else:
            value["title"] = self.title or str(self.id)
            if self.is_forum:
                value["is_forum"] = True
        return value


@dataclass
class Entry:
    """One line of a chat's transcript, as the people in it saw it."""

    message_id: int
    sender_id: int
    text: str
    buttons: list[list[dict[str, Any]]]
    thread_id: int | None = None
    kind: str = "text"  # text, one of MEDIA_KINDS, or "service"
    edited: bool = False
    deleted: bool = False


def check_text(text: str) -> None:
    """A message's text as Telegram takes it (the spec's "1-4096 characters after entities
    parsing"): refused as empty when nothing but blanks, as too long over MAX_TEXT."""
    if not text.strip():
        raise api_error("text_empty")
    if len(text) > MAX_TEXT:
        raise api_error("text_too_long")


def check_content(content: dict[str, Any]) -> None:
    """What the bot sends other than with sendMessage (a media's caption; a copy's or a
    forward's text or caption) within Telegram's limits: a text as `check_text`, a caption
    of at most MAX_CAPTION characters after entities parsing (the spec's "0-1024")."""
    if "text" in content:
        check_text(content["text"])
    caption = content.get("caption")
    if caption is not None and len(caption) > MAX_CAPTION:
        raise api_error("caption_too_long")


def check_markup(markup: dict[str, Any] | None) -> None:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise api_error("button_data_invalid")


def mark_command(message: dict[str, Any], text: str) -> None:
    """Telegram marks a leading /command of a person's text as an entity (bots rely on it)."""
    if text.startswith("/"):
        length = len(text.split()[0].encode("utf-16-le")) // 2
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
