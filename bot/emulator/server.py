"""The HTTP side: the Bot API at /bot<token>/<method>, and the control API at /control/.

Answers are `{"ok": true, "result": ...}`; errors `{"ok": false, "error_code", "description"
[, "parameters"]}` with the HTTP status equal to error_code, as python-telegram-bot expects.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.emulator.errors import ApiError, api_error
from bot.emulator.spec import check_call, spec
from bot.emulator.world import World

log = logging.getLogger(__name__)

Handler = Callable[[World, dict[str, Any]], Awaitable[Any]]
METHODS: dict[str, Handler] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        METHODS[name] = handler
        return handler

    return register


@method("getMe")
async def _get_me(world: World, _: dict[str, Any]) -> Any:
    return {
        **world.bot.as_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": True,
        "supports_inline_queries": False,
    }


@method("deleteWebhook")
@method("setWebhook")
@method("setMyCommands")
@method("sendChatAction")
async def _true(world: World, _: dict[str, Any]) -> Any:
    return True


@method("getUpdates")
async def _get_updates(world: World, p: dict[str, Any]) -> Any:
    return await world.get_updates(
        p.get("offset"), p.get("limit", 100), float(p.get("timeout", 0)), p.get("allowed_updates")
    )


@method("sendMessage")
async def _send_message(world: World, p: dict[str, Any]) -> Any:
    return world.bot_sends(
        p["chat_id"], p["text"], p.get("reply_markup"), p.get("message_thread_id")
    )


@method("editMessageText")
async def _edit_text(world: World, p: dict[str, Any]) -> Any:
    return world.bot_edits(
        p.get("chat_id"), p.get("message_id"), text=p["text"], markup=p.get("reply_markup")
    )


@method("editMessageReplyMarkup")
async def _edit_markup(world: World, p: dict[str, Any]) -> Any:
    return world.bot_edits(
        p.get("chat_id"), p.get("message_id"), text=None, markup=p.get("reply_markup")
    )


@method("deleteMessage")
async def _delete(world: World, p: dict[str, Any]) -> Any:
    world.bot_deletes(p["chat_id"], p["message_id"])
    return True


@method("answerCallbackQuery")
async def _answer_callback(world: World, p: dict[str, Any]) -> Any:
    world.answer_callback(p["callback_query_id"])
    return True


@method("getChat")
async def _get_chat(world: World, p: dict[str, Any]) -> Any:
    chat = world.chat(p["chat_id"])
    gifts = {f["name"]: False for f in spec()["types"]["AcceptedGiftTypes"]["fields"]}
    return {
        **chat.as_json(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": gifts,
    }


def _reply(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _refuse(error: ApiError) -> web.Response:
    body: dict[str, Any] = {
        "ok": False,
        "error_code": error.code,
        "description": error.description,
    }
    if error.parameters:
        body["parameters"] = error.parameters
    return web.json_response(body, status=error.code)


async def _parameters(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        body = await request.json()
        return dict(body) if isinstance(body, dict) else {}
    if request.method == "POST" and request.can_read_body:
        form = await request.post()
        return {key: form[key] for key in form}
    return dict(request.query)


class Emulator:
    """The Bot API and the control API over one World, served by aiohttp."""

    def __init__(self, world: World | None = None, token: str = "123456:LOCAL") -> None:
        self.world = world or World()
        self.token = token
        self.app = web.Application()
        self.app.router.add_route("*", "/bot{token}/{method}", self._bot_api)
        self.app.router.add_post("/control/users", self._add_user)
        self.app.router.add_post("/control/groups", self._add_group)
        self.app.router.add_post("/control/messages", self._user_sends)
        self.app.router.add_post("/control/presses", self._user_presses)
        self.app.router.add_post("/control/blocks", self._block)
        self.app.router.add_get("/control/transcript", self._transcript)
        self.app.router.add_get("/control/counters", self._counters)
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on loopback; returns the base URL for ApplicationBuilder().base_url()."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        # aiohttp keeps the bound socket on the site's asyncio server.
        sockets = getattr(site._server, "sockets", None)
        assert sockets
        self.port = int(sockets[0].getsockname()[1])
        return f"http://{host}:{self.port}/bot"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _bot_api(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        self.world.counters[name] += 1
        try:
            if request.match_info["token"] != self.token:
                raise api_error("unauthorized")
            handler = METHODS.get(name)
            parameters = check_call(name, await _parameters(request))
            if handler is None:  # in the specification, not (yet) emulated
                raise api_error("not_found")
            return _reply(await handler(self.world, parameters))
        except ApiError as error:
            self.world.counters[f"error {error.code}"] += 1
            return _refuse(error)

    # --- control API ---------------------------------------------------------------------------

    async def _add_user(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.world.add_user(
            int(body["id"]),
            str(body.get("first_name", "User")),
            body.get("language_code"),
            body.get("username"),
        )
        return web.json_response(user.as_json())

    async def _add_group(self, request: web.Request) -> web.Response:
        body = await request.json()
        chat = self.world.add_group(
            int(body["id"]),
            str(body.get("title", "Group")),
            [int(m) for m in body["members"]],
            forum=bool(body.get("forum", False)),
        )
        return web.json_response(chat.as_json())

    async def _user_sends(self, request: web.Request) -> web.Response:
        body = await request.json()
        update = await self.world.user_sends(
            int(body["user_id"]),
            str(body["text"]),
            body.get("chat_id"),
            body.get("message_thread_id"),
        )
        return web.json_response(update)

    async def _user_presses(self, request: web.Request) -> web.Response:
        body = await request.json()
        try:
            update = await self.world.user_presses(
                int(body["user_id"]),
                int(body["chat_id"]),
                int(body["message_id"]),
                str(body["data"]),
            )
        except ApiError as error:
            return _refuse(error)
        return web.json_response(update)

    async def _block(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.world.users[int(body["user_id"])].blocked_bot = bool(body.get("blocked", True))
        return web.json_response({"ok": True})

    async def _transcript(self, request: web.Request) -> web.Response:
        chat_id = int(request.query["chat_id"])
        entries = [
            {
                "message_id": e.message_id,
                "from": "bot" if e.sender_id == self.world.bot.id else e.sender_id,
                "text": e.text,
                "buttons": [[b.get("text") for b in row] for row in e.buttons],
                "callback_data": [[b.get("callback_data") for b in row] for row in e.buttons],
                "thread_id": e.thread_id,
                "edited": e.edited,
                "deleted": e.deleted,
            }
            for e in self.world.transcripts.get(chat_id, [])
        ]
        return web.Response(
            text=json.dumps(entries, ensure_ascii=False), content_type="application/json"
        )

    async def _counters(self, request: web.Request) -> web.Response:
        return web.json_response(dict(self.world.counters))
