"""The Bot API methods the emulation answers, each checked and typed by the spec first."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from emulator.errors import api_error
from emulator.groups import bot_topic_state, chat_member, member_status
from emulator.media import bot_file, photo_sizes
from emulator.objects import CAPTIONED, MEDIA_KINDS
from emulator.spec import spec
from emulator.world import World

Handler = Callable[[World, dict[str, Any], dict[str, Any]], Awaitable[Any]]
METHODS: dict[str, Handler] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        METHODS[name] = handler
        return handler

    return register


@method("getMe")
async def _get_me(world: World, _: dict[str, Any], raw: dict[str, Any]) -> Any:
    return {
        **world.bot.as_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": True,
        "supports_inline_queries": False,
    }


@method("setWebhook")
async def _set_webhook(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    world.webhook_url = p["url"] or None
    world.webhook_secret = p.get("secret_token")
    world.remember_allowed(p.get("allowed_updates"))
    return True


@method("deleteWebhook")
async def _delete_webhook(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    world.webhook_url = None
    if p.get("drop_pending_updates"):
        world.updates.clear()
    return True


@method("getWebhookInfo")
async def _webhook_info(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    return {
        "url": world.webhook_url or "",
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates),
    }


def _scope_key(p: dict[str, Any]) -> tuple[str, str]:
    scope = p.get("scope") or {"type": "default"}
    if isinstance(scope, str):  # sent as a JSON string in form-encoded requests
        scope = json.loads(scope)
    parts = [scope["type"], str(scope.get("chat_id", "")), str(scope.get("user_id", ""))]
    return ":".join(parts).rstrip(":"), p.get("language_code") or ""


@method("setMyCommands")
async def _set_commands(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    commands = p["commands"]
    if isinstance(commands, str):
        commands = json.loads(commands)
    world.commands[_scope_key(p)] = [dict(c) for c in commands]
    return True


@method("getMyCommands")
async def _get_commands(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    return world.commands.get(_scope_key(p), [])


@method("deleteMyCommands")
async def _delete_commands(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    world.commands.pop(_scope_key(p), None)
    return True


@method("sendChatAction")
async def _true(world: World, _: dict[str, Any], raw: dict[str, Any]) -> Any:
    return True


@method("getUpdates")
async def _get_updates(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    return await world.get_updates(
        p.get("offset"), p.get("limit", 100), float(p.get("timeout", 0)), p.get("allowed_updates")
    )


@method("sendMessage")
async def _send_message(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    chat = world.chat(p["chat_id"])
    return world.bot_sends(
        p["chat_id"],
        p["text"],
        p.get("reply_markup"),
        p.get("message_thread_id"),
        world.reply_to(chat.id, p.get("reply_parameters"), p.get("message_thread_id")),
    )


@method("editMessageText")
async def _edit_text(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    return world.bot_edits(
        p.get("chat_id"), p.get("message_id"), text=p["text"], markup=p.get("reply_markup")
    )


@method("editMessageReplyMarkup")
async def _edit_markup(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    return world.bot_edits(
        p.get("chat_id"), p.get("message_id"), text=None, markup=p.get("reply_markup")
    )


@method("deleteMessage")
async def _delete(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    world.bot_deletes(p["chat_id"], p["message_id"])
    return True


@method("answerCallbackQuery")
async def _answer_callback(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    world.answer_callback(p["callback_query_id"], p.get("text") or "")
    return True


@method("getChat")
async def _get_chat(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    chat = world.chat(p["chat_id"])
    gifts = {f["name"]: False for f in spec()["types"]["AcceptedGiftTypes"]["fields"]}
    return {
        **chat.as_json(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": gifts,
    }


def _thread(p: dict[str, Any]) -> int | None:
    return p.get("message_thread_id")


@method("sendPhoto")
async def _send_photo(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    stored = bot_file(world, p["photo"], "photo.jpg")
    content = {"photo": photo_sizes(stored)}
    if p.get("caption"):
        content["caption"] = p["caption"]
    return world.bot_sends_media(p["chat_id"], content, p.get("reply_markup"), _thread(p))


@method("sendDocument")
async def _send_document(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    stored = bot_file(world, p["document"], "document")
    document = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
    }
    if stored.file_name:
        document["file_name"] = stored.file_name
    content: dict[str, Any] = {"document": document}
    if p.get("caption"):
        content["caption"] = p["caption"]
    return world.bot_sends_media(p["chat_id"], content, p.get("reply_markup"), _thread(p))


@method("sendVoice")
async def _send_voice(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    stored = bot_file(world, p["voice"], "voice.ogg")
    voice = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "duration": int(p.get("duration", 1)),
    }
    content: dict[str, Any] = {"voice": voice}
    if p.get("caption"):
        content["caption"] = p["caption"]
    return world.bot_sends_media(p["chat_id"], content, p.get("reply_markup"), _thread(p))


@method("sendLocation")
async def _send_location(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    location = {"latitude": p["latitude"], "longitude": p["longitude"]}
    return world.bot_sends_media(
        p["chat_id"], {"location": location}, p.get("reply_markup"), _thread(p)
    )


@method("sendMediaGroup")
async def _send_media_group(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    media = p["media"]
    if not 2 <= len(media) <= 10:
        raise api_error("media_group_size")
    group = f"group{len(world.messages)}"
    sent = []
    for item in media:
        reference = item.get("media", "")
        source = raw.get(reference.removeprefix("attach://"), reference)
        stored = bot_file(world, source, "photo.jpg")
        content: dict[str, Any] = (
            {"photo": photo_sizes(stored)}
            if item.get("type") == "photo"
            else {"document": {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}}
        )
        if item.get("caption"):
            content["caption"] = item["caption"]
        sent.append(
            world.bot_sends_media(
                p["chat_id"], content, None, _thread(p), {"media_group_id": group}
            )
        )
    return sent


def _copy_content(world: World, message: dict[str, Any]) -> dict[str, Any]:
    """What a copy or forward of a message carries. Raises the API's error for what Telegram
    cannot copy: a service message, a quiz poll whose right answer the bot does not know
    (copyMessage's rule in the specification)."""
    keys = ("text", "caption", *MEDIA_KINDS)
    content = {k: message[k] for k in keys if k in message}
    if not content:
        raise api_error("cannot_copy")
    poll = content.get("poll")
    if poll is not None:
        if poll["type"] == "quiz" and "correct_option_ids" not in poll:
            raise api_error("cannot_copy")
        content["poll"] = {**poll, "id": str(world.next_poll_id())}  # a new poll
    return content


@method("copyMessage")
async def _copy(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    original = _original(world, p)
    reply = world.reply_to(world.chat(p["chat_id"]).id, p.get("reply_parameters"), _thread(p))
    content = _copy_content(world, original)
    if p.get("caption") is not None and any(k in content for k in CAPTIONED):
        # The copy's new caption (empty: none); the original's is kept when none is given.
        content["caption"] = p["caption"]
        if not p["caption"]:
            del content["caption"]
    copy = world.bot_sends_media(p["chat_id"], content, p.get("reply_markup"), _thread(p), reply)
    return {"message_id": copy["message_id"]}


def _original(world: World, p: dict[str, Any]) -> dict[str, Any]:
    """The message copied or forwarded, or Telegram's refusal when it is gone."""
    world.chat(p["from_chat_id"])
    original = world.messages.get((int(p["from_chat_id"]), int(p["message_id"])))
    if original is None:
        raise api_error("message_to_copy_not_found")
    return original


@method("forwardMessage")
async def _forward(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    original = _original(world, p)
    origin = {"type": "user", "date": original["date"], "sender_user": original["from"]}
    return world.bot_sends_media(
        p["chat_id"], _copy_content(world, original), None, _thread(p), {"forward_origin": origin}
    )


@method("getFile")
async def _get_file(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    stored = world.file(p["file_id"])
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
        "file_path": stored.path,
    }


@method("getChatMember")
async def _get_chat_member(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    chat = world.chat(p["chat_id"])
    if p["user_id"] == world.bot.id and chat.type != "private":
        return chat_member(chat, world.bot, chat.bot_status, chat.bot_can_manage_topics)
    member = world.users.get(p["user_id"])
    if member is None:
        raise api_error("user_not_found")
    return chat_member(chat, member, member_status(chat, member.id))


@method("createForumTopic")
async def _create_topic(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    return world.create_topic(p["chat_id"], p["name"]).as_json()


@method("editForumTopic")
async def _edit_topic(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    topic = world.topic(p["chat_id"], p["message_thread_id"])
    if p.get("name"):
        topic.name = p["name"]
    return True


@method("closeForumTopic")
async def _close_topic(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    bot_topic_state(world, p["chat_id"], p["message_thread_id"], closed=True)
    return True


@method("reopenForumTopic")
async def _reopen_topic(world: World, p: dict[str, Any], raw: dict[str, Any]) -> Any:
    bot_topic_state(world, p["chat_id"], p["message_thread_id"], closed=False)
    return True
