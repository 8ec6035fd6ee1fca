"""The front's messages as outbox calls: built here, stored in the deciding transaction, and
sent by the dispatcher (handlers/runtime/) once that transaction has committed."""

from __future__ import annotations

import base64
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, Message

from bot.desk import Desk
from bot.outbox import Call
from bot.transaction import Transaction
from handlers.common import split_text


def message(
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    kind: str = "reply",
    thread: int | None = None,
    reply_to: int | None = None,
    ticket_id: int | None = None,
    in_topic: bool = False,
    after: str | None = None,
) -> Call:
    """sendMessage. `in_topic`: into the ticket's topic as it is when sent (in a group without
    topics, as a reply to the ticket's card)."""
    params: dict[str, Any] = {"chat_id": chat_id, "text": text}
    if markup is not None:
        params["reply_markup"] = markup.to_dict()
    if thread is not None:
        params["message_thread_id"] = thread
    if reply_to is not None:
        params["reply_parameters"] = {"message_id": reply_to, "allow_sending_without_reply": True}
    return Call(chat_id, "sendMessage", params, kind, ticket_id, in_topic, after)


def long_message(
    chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None, **options: Any
) -> list[Call]:
    """A text of any length, in as many messages as it takes, the buttons under the last."""
    parts = [part for part in split_text(text) if part.strip()] or [text]
    return [
        message(chat_id, part, markup if number == len(parts) else None, **options)
        for number, part in enumerate(parts, 1)
    ]


def copy(
    chat_id: int,
    from_chat_id: int,
    message_id: int,
    *,
    kind: str = "copy",
    ticket_id: int | None = None,
    in_topic: bool = False,
    after: str | None = None,
    reply_to: int | None = None,
) -> Call:
    """copyMessage (never forward: forwards break for users who hide their account); as a
    reply to the message `reply_to` in `chat_id` when given."""
    params: dict[str, Any] = {
        "chat_id": chat_id,
        "from_chat_id": from_chat_id,
        "message_id": message_id,
    }
    if reply_to is not None:
        params["reply_parameters"] = {"message_id": reply_to, "allow_sending_without_reply": True}
    return Call(chat_id, "copyMessage", params, kind, ticket_id, in_topic, after)


def edit_text(
    chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Call:
    params: dict[str, Any] = {"chat_id": chat_id, "message_id": message_id, "text": text}
    if markup is not None:
        params["reply_markup"] = markup.to_dict()
    return Call(chat_id, "editMessageText", params, "edit")


def drop_buttons(chat_id: int, message_id: int) -> Call:
    """editMessageReplyMarkup without markup: a pressed message loses its buttons."""
    return Call(
        chat_id, "editMessageReplyMarkup", {"chat_id": chat_id, "message_id": message_id}, "edit"
    )


def delete(chat_id: int, message_id: int) -> Call:
    """deleteMessage: a message taken out of a chat (a staff group's, of words kept from it)."""
    params = {"chat_id": chat_id, "message_id": message_id}
    return Call(chat_id, "deleteMessage", params, "delete")


UPLOAD = "__upload__"  # a parameter holding a file to upload: {UPLOAD: file name, "base64": …}


def upload(
    chat_id: int,
    method: str,
    field: str,
    name: str,
    data: bytes,
    *,
    caption: str | None = None,
    thread: int | None = None,
    reply_to: int | None = None,
    kind: str = "report",
) -> Call:
    """sendPhoto (field "photo"), sendDocument ("document"), …: a file uploaded under `name`.
    Stored in the outbox as base64 JSON, sent as multipart (`api_kwargs`)."""
    params: dict[str, Any] = {
        "chat_id": chat_id,
        field: {UPLOAD: name, "base64": base64.b64encode(data).decode("ascii")},
    }
    if caption:
        params["caption"] = caption
    if thread is not None:
        params["message_thread_id"] = thread
    if reply_to is not None:
        params["reply_parameters"] = {"message_id": reply_to, "allow_sending_without_reply": True}
    return Call(chat_id, method, params, kind)


def replying_upload(
    message: Message, method: str, field: str, name: str, data: bytes, caption: str | None = None
) -> Call:
    """`upload` as an answer to a message: in a group as a reply to it (in its topic)."""
    if message.chat.type == "private":
        return upload(message.chat_id, method, field, name, data, caption=caption)
    thread = message.message_thread_id if message.is_topic_message else None
    return upload(
        message.chat_id,
        method,
        field,
        name,
        data,
        caption=caption,
        thread=thread,
        reply_to=message.message_id,
    )


def api_kwargs(params: dict[str, Any]) -> dict[str, Any]:
    """A stored call's parameters as python-telegram-bot sends them: files to upload as
    InputFile (multipart), the rest as they are."""
    return {
        key: InputFile(base64.b64decode(value["base64"]), filename=value[UPLOAD])
        if isinstance(value, dict) and UPLOAD in value
        else value
        for key, value in params.items()
    }


def open_topic(chat_id: int, ticket_id: int, name: str) -> Call:
    """The ticket's own topic, when the group is a forum (the dispatcher asks)."""
    params = {"chat_id": chat_id, "name": name}
    return Call(chat_id, "createForumTopic", params, "topic", ticket_id, after="topic")


# The emergency numbers: before anything else the deciding transaction published (the
# acknowledgement of a message filed into a ticket, its raised priority).
FIRST = "emergency_advice"


async def post(tx: Transaction, *calls: Call | list[Call]) -> None:
    """Publish messages in the caller's transaction, the emergency numbers (`FIRST`) ahead of
    everything it published."""
    items = [c for item in calls for c in (item if isinstance(item, list) else [item])]
    await tx.publish([c for c in items if c.kind == FIRST], first=True)
    await tx.publish(c for c in items if c.kind != FIRST)


async def say(desk: Desk, update_id: int | None, *calls: Call | list[Call]) -> None:
    """Publish messages in a transaction of their own (nothing else changes), for the update
    `update_id` being handled."""
    async with desk.transaction(update_id=update_id) as tx:
        await post(tx, *calls)


def reply(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> list[Call]:
    """An answer to a message, of any length: in a group as a reply to it (in its topic)."""
    if message.chat.type == "private":
        return long_message(message.chat_id, text, markup)
    thread = message.message_thread_id if message.is_topic_message else None
    return long_message(message.chat_id, text, markup, thread=thread, reply_to=message.message_id)


async def say_reply(
    desk: Desk,
    update_id: int | None,
    message: Message,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """`reply`, stored in a transaction of its own (an answer that changes nothing)."""
    await say(desk, update_id, reply(message, text, markup))
