"""What a requester's message carries, read from python-telegram-bot's Message for the desk:
its kind and file, a poll in words, where a forward comes from (bot/intake/media.py says
what becomes of each), and the words a requester said in it (`as_said`: "/new 取消" says
"取消")."""

from __future__ import annotations

from typing import Any

from telegram import (
    Bot,
    Location,
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)

from bot.intake.anew import words_after_command
from bot.intake.media import Attachment, Origin
from handlers.commands import read

# In the order that names a message's kind: an animation also carries a document, a venue a
# location.
_FILES = ("animation", "document", "voice", "video_note", "video", "audio", "sticker")
_PLACES = ("venue", "location", "contact", "poll", "dice")


def content_of(message: Message) -> tuple[str, str | None]:
    """What kind of message this is (photo, one of _FILES or _PLACES, or other), and its file
    id if it carries one."""
    if message.photo:
        return "photo", message.photo[-1].file_id
    for kind in _FILES:
        attachment = getattr(message, kind)
        if attachment is not None:
            return kind, attachment.file_id
    for kind in _PLACES:
        if getattr(message, kind) is not None:
            return kind, None
    return "other", None


def described(message: Message) -> str:
    """A poll, a venue, a location or a contact in words ("" for anything else): a poll's
    question and options; a venue's title, address and coordinates; a location's
    coordinates; a contact's name and phone number. Staff read it in /ticket N and wherever
    the message is listed, not a bare label."""
    poll, venue, location, contact = message.poll, message.venue, message.location, message.contact
    if poll is not None:
        options = "\n".join(f"• {option.text}" for option in poll.options)
        return f"{poll.question}\n{options}"
    if venue is not None:
        return f"{venue.title}, {venue.address} ({_coordinates(venue.location)})"
    if location is not None:
        return _coordinates(location)
    if contact is not None:
        parts = [part for part in (contact.first_name, contact.last_name or "") if part]
        # 张 三 is 张三; John Smith keeps its space.
        name = ("" if all(not p.isascii() for p in parts) else " ").join(parts)
        return f"{name} {contact.phone_number}".strip()
    return ""


def _coordinates(location: Location) -> str:
    return f"{location.latitude:.6f}, {location.longitude:.6f}"


def origin_of(message: Message) -> Origin | None:
    """Where a forwarded message comes from, None for one the requester wrote."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginUser):
        user = origin.sender_user
        name = user.full_name + (f" (@{user.username})" if user.username else "")
        return Origin("user", name)
    if isinstance(origin, MessageOriginHiddenUser):
        return Origin("hidden_user", origin.sender_user_name)
    if isinstance(origin, MessageOriginChat):
        return Origin("chat", origin.sender_chat.title or str(origin.sender_chat.id))
    if isinstance(origin, MessageOriginChannel):
        return Origin("channel", origin.chat.title or str(origin.chat.id))
    return None


def attachment_of(message: Message) -> Attachment:
    """The desk's record of a message that is not plain text."""
    kind, file_id = content_of(message)
    return Attachment(
        kind=kind,
        file_id=file_id,
        chat_id=message.chat_id,
        message_id=message.message_id,
        caption=message.caption or "",
        media_group_id=message.media_group_id,
        described=described(message),
        origin=origin_of(message),
    )


def as_said(message: Message, bot: Bot) -> Message:
    """`message` as the words the requester said in it: /new's own line ("/new 取消",
    "/new@bot cancel it") is the question after the command (`anew.words_after_command`),
    taken through the same door as a message of its own (handlers/asking.py `taken`), and
    filed or asked about as those words; any other message as it is."""
    text = message.text or ""
    found = read(text, bot.username) if text.startswith("/") else None
    if found is None or not found.to_us or found.name != "new":
        return message
    said = message.to_dict()
    said["text"] = words_after_command(text)
    said.pop("entities", None)
    return Message.de_json(said, bot)


def recorded(payload: dict[str, Any] | None, bot: Bot) -> Message | None:
    """The message of an update as the inbox recorded it (`payload`; None once it is
    pruned), as the requester said it (`as_said`)."""
    message = Update.de_json(payload, bot).effective_message if payload is not None else None
    return as_said(message, bot) if message is not None else None
