"""The HTTP side: the Bot API at /bot<token>/<method>, and the control API at /control/.

Answers are `{"ok": true, "result": ...}`; errors `{"ok": false, "error_code", "description"
[, "parameters"]}` with the HTTP status equal to error_code, as python-telegram-bot expects.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, web

from emulator.control import Control
from emulator.errors import ApiError, api_error
from emulator.limits import Fault, Faults
from emulator.methods import METHODS
from emulator.spec import check_call, check_result, check_update
from emulator.world import World

log = logging.getLogger(__name__)
PAGE = Path(__file__).with_name("page.html")


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

    def __init__(
        self, world: World | None = None, token: str = "123456:LOCAL", strict: bool = True
    ) -> None:
        self.world = world or World()
        self.strict = strict  # check every result against the specification
        self.token = token
        self.app = web.Application()
        self.app.router.add_route("*", "/bot{token}/{method}", self._bot_api)
        self.app.router.add_get("/control/transcript", self._transcript)
        self.app.router.add_get("/control/counters", self._counters)
        self.app.router.add_get("/control/chats", self._chats)
        self.app.router.add_get("/", self._page)
        self.app.router.add_post("/control/faults", self._add_fault)
        self.app.router.add_post("/control/flood", self._flood)
        for path, route in Control(self.world).routes().items():
            self.app.router.add_post(path, route)
        self.app.router.add_get("/file/bot{token}/{path:.*}", self._download)
        self.faults = Faults()
        self._runner: web.AppRunner | None = None
        self.world.deliver = self._deliver
        if strict:  # every update the emulation produces, checked too
            self.world.check_update = check_update
        self.failed_deliveries = 0
        self.port = 0

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on loopback; returns the base URL for ApplicationBuilder().base_url()."""
        await self.world.release_polls(stopping=False)
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        # aiohttp keeps the bound socket on the site's asyncio server.
        sockets = getattr(site._server, "sockets", None)
        assert sockets
        self.port = int(sockets[0].getsockname()[1])
        return f"http://{host}:{self.port}/bot"

    async def _deliver(self, update: dict[str, Any]) -> None:
        """Post an update to the bot's webhook, retrying a few times as Telegram does."""
        url = self.world.webhook_url
        assert url is not None
        headers = {}
        if self.world.webhook_secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.world.webhook_secret
        async with ClientSession() as client:
            for attempt in range(3):
                try:
                    async with client.post(url, json=update, headers=headers) as answer:
                        if answer.status < 300:
                            return
                except OSError:
                    pass
                await asyncio.sleep(0.2 * (attempt + 1))
        self.failed_deliveries += 1
        log.warning("update %s could not be delivered to %s", update["update_id"], url)

    async def stop(self) -> None:
        if self._runner is not None:
            await self.world.release_polls()
            await self._runner.cleanup()

    async def _bot_api(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        self.world.counters[name] += 1
        try:
            if request.match_info["token"] != self.token:
                raise api_error("unauthorized")
            handler = METHODS.get(name)
            raw = await _parameters(request)
            parameters = check_call(name, raw)
            fault = self.faults.next(name)
            if fault is not None:
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                error = Faults.error(fault)
                if error is not None:
                    raise error
            if handler is None:  # in the specification, not (yet) emulated
                raise api_error("not_found")
            result = await handler(self.world, parameters, raw)
            if self.strict:
                problems = check_result(name, result)
                if problems:
                    log.error("%s returned off the specification: %s", name, problems)
                    raise ApiError(500, f"emulation off the specification: {problems[:3]}")
            return _reply(result)
        except ApiError as error:
            self.world.counters[f"error {error.code}"] += 1
            return _refuse(error)

    # --- control API ---------------------------------------------------------------------------

    async def _transcript(self, request: web.Request) -> web.Response:
        chat_id = int(request.query["chat_id"])
        messages = self.world.messages
        entries = [
            {
                "message_id": e.message_id,
                "date": messages.get((chat_id, e.message_id), {}).get("date"),
                "reply_to_message_id": _replied(messages.get((chat_id, e.message_id), {})),
                "from": "bot" if e.sender_id == self.world.bot.id else e.sender_id,
                "text": e.text,
                "buttons": [[b.get("text") for b in row] for row in e.buttons],
                "callback_data": [[b.get("callback_data") for b in row] for row in e.buttons],
                "thread_id": e.thread_id,
                "kind": e.kind,
                "edited": e.edited,
                "deleted": e.deleted,
            }
            for e in self.world.transcripts.get(chat_id, [])
        ]
        return web.Response(
            text=json.dumps(entries, ensure_ascii=False), content_type="application/json"
        )

    async def _counters(self, request: web.Request) -> web.Response:
        return web.json_response(
            {**self.world.counters, "served_429": self.world.limits.served_429}
        )

    async def _page(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(PAGE)

    async def _chats(self, request: web.Request) -> web.Response:
        """Every chat and user, for the page: the private chats first, then the groups."""
        world = self.world
        in_groups = {m for c in world.chats.values() if c.type != "private" for m in c.members}
        chats = sorted(world.chats.values(), key=lambda c: (c.type != "private", c.id))
        return web.Response(
            text=json.dumps(
                {
                    "chats": [
                        {
                            "id": c.id,
                            "type": c.type,
                            "title": c.title or (c.user.first_name if c.user else str(c.id)),
                            "members": sorted(c.members),
                            "topics": [
                                {"id": t.thread_id, "name": t.name, "closed": t.closed}
                                for t in c.topics.values()
                            ],
                        }
                        for c in chats
                    ],
                    "users": [u.as_json() for u in world.users.values()],
                    "requesters": [u for u in world.users if u not in in_groups],
                },
                ensure_ascii=False,
            ),
            content_type="application/json",
        )

    async def _add_fault(self, request: web.Request) -> web.Response:
        body = await request.json()
        fault = Fault(
            body.get("status"),
            body.get("retry_after"),
            float(body.get("delay", 0)),
            body.get("description"),
        )
        self.faults.add(str(body["method"]), fault, int(body.get("count", 1)))
        return web.json_response({"ok": True})

    async def _flood(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.world.limits.enabled = bool(body.get("enabled", True))
        return web.json_response({"ok": True})

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        stored = next((f for f in self.world.files.values() if f.path == path), None)
        if stored is None:
            return web.Response(status=404)
        return web.Response(body=stored.content)


def _replied(message: dict[str, Any]) -> int | None:
    """The id of the message `message` replies to in its chat (a topic's implicit reply to its
    first message included, as Telegram shows it), None when it replies to nothing."""
    replied = message.get("reply_to_message")
    return None if replied is None else int(replied["message_id"])
