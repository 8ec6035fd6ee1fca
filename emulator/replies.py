"""Replies as Telegram fills them in: `reply_to_message` for a message of the same chat and
forum topic (one level deep: the message replied to carries no reply of its own),
`external_reply` (ExternalReplyInfo) for one of another chat or another topic, and the
implicit reply every message in a forum topic carries to the topic's first message (its
forum_topic_created service message, whose id is the thread's) when it answers nothing else
of the topic."""

from __future__ import annotations

from typing import Any

from emulator.errors import api_error
from emulator.objects import MEDIA_KINDS, Chat

# What an ExternalReplyInfo carries of the message replied to: its media (a text is not).
EXTERNAL_CONTENT = MEDIA_KINDS


def shallow(message: dict[str, Any]) -> dict[str, Any]:
    """A message as a reply_to_message shows it: without its own reply_to_message."""
    return {k: v for k, v in message.items() if k != "reply_to_message"}


def thread_of(message: dict[str, Any]) -> int | None:
    """The forum topic a message is in (None: the General topic, or a chat without topics)."""
    return message.get("message_thread_id") if message.get("is_topic_message") else None


def origin_of(message: dict[str, Any]) -> dict[str, Any]:
    """The MessageOrigin of a message replied to from elsewhere."""
    date = message["date"]
    sender_chat = message.get("sender_chat")
    if message["chat"]["type"] == "channel":
        return {
            "type": "channel",
            "date": date,
            "chat": message["chat"],
            "message_id": message["message_id"],
        }
    if sender_chat is not None:
        return {"type": "chat", "date": date, "sender_chat": sender_chat}
    return {"type": "user", "date": date, "sender_user": message["from"]}


def external(original: dict[str, Any]) -> dict[str, Any]:
    """The ExternalReplyInfo of a message of another chat or topic: its origin, its chat and
    id when that chat is a supergroup or a channel (as the specification says), its media."""
    info: dict[str, Any] = {"origin": origin_of(original)}
    if original["chat"]["type"] in ("supergroup", "channel"):
        info["chat"] = original["chat"]
        info["message_id"] = original["message_id"]
    info.update({k: original[k] for k in EXTERNAL_CONTENT if k in original})
    return info


def reply_fields(
    messages: dict[tuple[int, int], dict[str, Any]],
    chat: Chat,
    thread_id: int | None,
    parameters: dict[str, Any] | None,
) -> dict[str, Any] | None:
    """The reply fields of a message sent to `chat` (in topic `thread_id`) with these
    ReplyParameters (message_id, chat_id?, allow_sending_without_reply?): reply_to_message
    for a message of the same chat and topic, external_reply for one of another chat or
    topic. Raises the API's "message to be replied not found" for a message that is not there
    (None instead when allow_sending_without_reply)."""
    if not parameters:
        return None
    target_chat = int(parameters.get("chat_id", chat.id))
    original = messages.get((target_chat, int(parameters["message_id"])))
    if original is None:
        if parameters.get("allow_sending_without_reply"):
            return None
        raise api_error("reply_not_found")
    here = thread_id if chat.is_forum else None
    if target_chat == chat.id and thread_of(original) == here:
        return {"reply_to_message": shallow(original)}
    return {"external_reply": external(original)}


def implicit(
    messages: dict[tuple[int, int], dict[str, Any]], chat: Chat, thread_id: int | None
) -> dict[str, Any] | None:
    """The topic's first message, which a message in a forum topic replies to when it
    replies to nothing else of the topic (None outside a topic, or once it is deleted)."""
    if thread_id is None or not chat.is_forum:
        return None
    root = messages.get((chat.id, thread_id))
    return None if root is None else shallow(root)
