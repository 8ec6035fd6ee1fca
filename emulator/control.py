"""The control API's routes for what users do beyond text and buttons: media of every kind,
forwards, forum topics, group upgrades, the bot's membership and members' (see server.py for
the rest; the README's control API table for each route's body).

Each answers the update(s) it produced as JSON (null where Telegram sends none); a body the
emulation cannot act on gets 400 with a description, a refusal of the Bot API's its error."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from emulator import groups, kinds
from emulator.errors import ApiError
from emulator.objects import MAX_CAPTION, Chat
from emulator.world import World

Route = Callable[[web.Request], Awaitable[web.Response]]
# The chat a forward names when the body gives none (a channel nobody is in).
SOME_CHANNEL = Chat(-1009999999999, "channel", "Channel")


def _optional(body: dict[str, Any], key: str) -> int | None:
    return None if body.get(key) is None else int(body[key])


def _answer(act: Callable[[dict[str, Any]], Awaitable[Any]]) -> Route:
    async def route(request: web.Request) -> web.Response:
        body = await request.json()
        try:
            return web.json_response(await act(body))
        except ApiError as error:
            return web.json_response(
                {"ok": False, "error_code": error.code, "description": error.description},
                status=error.code,
            )
        except (KeyError, ValueError) as error:
            return web.json_response({"ok": False, "description": str(error)}, status=400)

    return route


class Control:
    """The routes, over one World."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.media = _answer(self._media)
        self.forwards = _answer(self._forwards)
        self.topics = _answer(self._topics)
        self.migrations = _answer(self._migrations)
        self.membership = _answer(self._membership)
        self.members = _answer(self._members)

    def routes(self) -> dict[str, Route]:
        return {
            "/control/media": self.media,
            "/control/forwards": self.forwards,
            "/control/topics": self.topics,
            "/control/migrations": self.migrations,
            "/control/membership": self.membership,
            "/control/members": self.members,
        }

    async def _media(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """A user sends one of kinds.KINDS (an album: `count` photos, one update each)."""
        world = self.world
        user_id = int(body["user_id"])
        chat_id, thread = _optional(body, "chat_id"), _optional(body, "message_thread_id")
        content = kinds.content(world, body)
        if len(str(body.get("caption") or "")) > MAX_CAPTION:
            # Telegram's apps refuse it (Premium users may send more: not emulated).
            raise ValueError(f"a caption has at most {MAX_CAPTION} characters")
        if body.get("caption") and not {"poll", "dice", "sticker", "location"} & set(content):
            content["caption"] = str(body["caption"])
        album = content.pop("album", None)
        if album:
            caption = str(body.get("caption") or "")
            return await world.user_sends_album(user_id, album, caption, chat_id, thread)
        reply = world.reply_to(
            user_id if chat_id is None else chat_id,
            {"message_id": body["reply_to_message_id"]}
            if body.get("reply_to_message_id")
            else None,
        )
        return [await world.user_sends_content(user_id, content, chat_id, thread, reply)]

    async def _forwards(self, body: dict[str, Any]) -> dict[str, Any]:
        """A user forwards a text whose `origin` is user (`from_user_id`, else the sender),
        hidden_user (`name`), chat or channel (`from_chat_id`, else SOME_CHANNEL)."""
        world = self.world
        user_id = int(body["user_id"])
        kind = str(body.get("origin", "user"))
        if kind not in kinds.ORIGINS:
            raise ValueError(f"unknown origin {kind!r}")
        source = _optional(body, "from_chat_id")
        chat = world.chat(source) if source is not None else SOME_CHANNEL
        origin = kinds.origin(
            kind,
            int(world.clock()) - 3600,
            user=world.users[int(body.get("from_user_id", user_id))],
            chat=chat,
            name=str(body.get("name", "")),
            message_id=int(body.get("from_message_id", 1)),
        )
        return await world.user_sends_content(
            user_id,
            {"text": str(body["text"])},
            _optional(body, "chat_id"),
            None,
            {"forward_origin": origin},
        )

    async def _topics(self, body: dict[str, Any]) -> dict[str, Any] | None:
        return await groups.topic_action(
            self.world,
            int(body["user_id"]),
            int(body["chat_id"]),
            int(body["message_thread_id"]),
            str(body["action"]),
        )

    async def _migrations(self, body: dict[str, Any]) -> dict[str, Any]:
        chat, updates = await groups.migrate(
            self.world,
            int(body["chat_id"]),
            _optional(body, "user_id"),
            forum=bool(body.get("forum", False)),
        )
        return {"chat": chat.as_json(), "updates": updates}

    async def _membership(self, body: dict[str, Any]) -> dict[str, Any]:
        return await groups.bot_membership(
            self.world,
            int(body["chat_id"]),
            str(body["status"]),
            can_manage_topics=bool(body.get("can_manage_topics", True)),
            user_id=_optional(body, "user_id"),
        )

    async def _members(self, body: dict[str, Any]) -> dict[str, Any] | None:
        return await groups.member_change(
            self.world, int(body["user_id"]), int(body["chat_id"]), str(body["status"])
        )
