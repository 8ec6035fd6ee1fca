"""The control API's routes for what people do: users and groups set up, text, buttons and
edits, media of every kind, forwards, forum topics, group upgrades, the bot's membership and
members' (see server.py for the rest; the README's control API table for each route's body).

Each answers the update(s) it produced as JSON (null where Telegram sends none: a message in
a group the bot is out of); a body the emulation cannot act on gets 400 with a description
(a missing field named, a person not in the group, an impossible forward), a refusal of the
Bot API's its error (a reply to a message that is not there, a deleted topic)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from emulator import groups, kinds
from emulator.errors import ApiError
from emulator.objects import CAPTIONED, MAX_CAPTION, MAX_TEXT, Chat
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
        except KeyError as error:
            key = error.args[0] if error.args else None
            description = (
                f"no user or chat {key} in the emulation: add it first (/control/users,"
                " /control/groups)"
                if isinstance(key, int)  # an id looked up, not a field of the body
                else f"missing field {key!r} (see the README's control API)"
            )
            return web.json_response({"ok": False, "description": description}, status=400)
        except (ValueError, TypeError) as error:
            return web.json_response({"ok": False, "description": str(error)}, status=400)

    return route


class Control:
    """The routes, over one World."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.users = _answer(self._users)
        self.groups = _answer(self._groups)
        self.messages = _answer(self._messages)
        self.presses = _answer(self._presses)
        self.edits = _answer(self._edits)
        self.blocks = _answer(self._blocks)
        self.media = _answer(self._media)
        self.forwards = _answer(self._forwards)
        self.topics = _answer(self._topics)
        self.migrations = _answer(self._migrations)
        self.membership = _answer(self._membership)
        self.members = _answer(self._members)
        self.clock = _answer(self._clock)

    def routes(self) -> dict[str, Route]:
        return {
            "/control/users": self.users,
            "/control/groups": self.groups,
            "/control/messages": self.messages,
            "/control/presses": self.presses,
            "/control/edits": self.edits,
            "/control/blocks": self.blocks,
            "/control/media": self.media,
            "/control/forwards": self.forwards,
            "/control/topics": self.topics,
            "/control/migrations": self.migrations,
            "/control/membership": self.membership,
            "/control/members": self.members,
            "/control/clock": self.clock,
        }

    async def _users(self, body: dict[str, Any]) -> dict[str, Any]:
        user = self.world.add_user(
            int(body["id"]),
            str(body.get("first_name", "User")),
            body.get("language_code"),
            body.get("username"),
            started=bool(body.get("started", False)),
        )
        return user.as_json()

    async def _groups(self, body: dict[str, Any]) -> dict[str, Any]:
        chat = self.world.add_group(
            int(body["id"]),
            str(body.get("title", "Group")),
            [int(m) for m in body.get("members", [])],
            forum=bool(body.get("forum", False)),
            kind=str(body.get("type", "supergroup")),
        )
        return chat.as_json()

    async def _messages(self, body: dict[str, Any]) -> dict[str, Any] | None:
        return await self.world.user_sends(
            int(body["user_id"]),
            _typed(str(body["text"])),
            _optional(body, "chat_id"),
            _optional(body, "message_thread_id"),
            _optional(body, "reply_to_message_id"),
        )

    async def _presses(self, body: dict[str, Any]) -> dict[str, Any]:
        return await self.world.user_presses(
            int(body["user_id"]), int(body["chat_id"]), int(body["message_id"]), str(body["data"])
        )

    async def _edits(self, body: dict[str, Any]) -> dict[str, Any] | None:
        return await self.world.user_edits(
            int(body["user_id"]),
            int(body["chat_id"]),
            int(body["message_id"]),
            _typed(str(body["text"])),
        )

    async def _blocks(self, body: dict[str, Any]) -> dict[str, Any]:
        """A user blocks (or, `blocked` false, unblocks) the bot: the `my_chat_member`
        update Telegram sends it, if anything changed (`update`, else null)."""
        blocked = bool(body.get("blocked", True))
        update = await groups.private_block(self.world, int(body["user_id"]), blocked)
        return {"ok": True, "update": update}

    async def _media(self, body: dict[str, Any]) -> list[dict[str, Any] | None]:
        """A user sends one of kinds.KINDS (an album: `count` photos, one update each)."""
        world = self.world
        user_id = int(body["user_id"])
        chat_id, thread = _optional(body, "chat_id"), _optional(body, "message_thread_id")
        # A quiz's right answer is given to the bot only in its private chat (Poll's rule).
        private = chat_id is None or chat_id == user_id
        content = _with_caption(kinds.content(world, body, answer_known=private), body)
        album = content.pop("album", None)
        if album:
            caption = str(body.get("caption") or "")
            return await world.user_sends_album(user_id, album, caption, chat_id, thread)
        reply = world.reply_to(
            user_id if chat_id is None else chat_id,
            {"message_id": body["reply_to_message_id"]}
            if body.get("reply_to_message_id")
            else None,
            thread,
        )
        return [await world.user_sends_content(user_id, content, chat_id, thread, reply)]

    async def _forwards(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """A user forwards a text (`text`) or what `kind` names (as /control/media: a photo,
        a poll, ...; no album) whose `origin` is user (`from_user_id`, else the sender),
        hidden_user (`name`), chat (`from_chat_id`: a group or channel that wrote, else
        SOME_CHANNEL) or channel (`from_chat_id`: a channel, else SOME_CHANNEL)."""
        world = self.world
        user_id = int(body["user_id"])
        kind = str(body.get("origin", "user"))
        if kind not in kinds.ORIGINS:
            raise ValueError(f"unknown origin {kind!r}: one of {', '.join(kinds.ORIGINS)}")
        source = _optional(body, "from_chat_id")
        chat = world.chat(source) if source is not None else SOME_CHANNEL
        if kind == "channel" and chat.type != "channel":
            raise ValueError(f"origin 'channel' needs a channel: chat {chat.id} is a {chat.type}")
        if kind == "chat" and chat.type == "private":
            raise ValueError(f"origin 'chat' needs a group or channel: chat {chat.id} is private")
        if body.get("kind") is not None:
            if body["kind"] == "album":
                raise ValueError("an album is forwarded one item at a time: give another kind")
            content = _with_caption(kinds.content(world, body), body)
        elif body.get("text") is None:
            raise ValueError(
                "missing field 'text': a forward carries a text, or `kind` (as /control/media)"
            )
        else:
            content = {"text": str(body["text"])}
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
            content,
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

    async def _members(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        return await groups.member_change(
            self.world,
            int(body["user_id"]),
            int(body["chat_id"]),
            str(body["status"]),
            _optional(body, "actor"),
        )

    async def _clock(self, body: dict[str, Any]) -> dict[str, Any]:
        """The world's time moved `advance` seconds forward (`WorldTime.advance`)."""
        advance = body["advance"]
        if isinstance(advance, bool) or not isinstance(advance, int | float):
            raise ValueError(f"advance must be a number of seconds, got {advance!r}")
        return {"ok": True, "now": self.world.time.advance(float(advance))}


def _with_caption(content: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """The content with the body's caption, which only a photo, video, animation, audio,
    document, voice or album may have (Telegram's apps offer none for the rest). Raises
    ValueError for a caption elsewhere or over Telegram's limit."""
    caption = body.get("caption")
    if caption in (None, ""):
        return content
    if not {*CAPTIONED, "album"} & set(content):
        kind = body.get("kind", "photo")
        raise ValueError(f"a {kind} has no caption in Telegram: send it without `caption`")
    if len(str(caption)) > MAX_CAPTION:
        # Telegram's apps refuse it (Premium users may send more: not emulated).
        raise ValueError(f"a caption has at most {MAX_CAPTION} characters")
    if "album" not in content:
        content["caption"] = str(caption)
    return content


def _typed(text: str) -> str:
    """A text a person sends, as Telegram's apps let them: at most MAX_TEXT characters (a
    longer paste goes as several messages; send each). Raises ValueError (a 400) otherwise."""
    if len(text) > MAX_TEXT:
        raise ValueError(
            f"a message's text is at most {MAX_TEXT} characters, this one has {len(text)}:"
            " Telegram's apps send a longer one as several messages (send each)"
        )
    return text
