"""The composition root of the Telegram front: builds the Application around a desk, starts
receiving, and runs the service. Without a token it runs against the local emulation, which
is imported only then."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot.config import Environment, Metrics, Settings
from bot.desk import Desk, build_desk

if TYPE_CHECKING:
    from emulator.server import Emulator
    from emulator.world import World

log = logging.getLogger(__name__)
LOCAL_TOKEN = "123456:LOCAL-EMULATION"
# Updates handled at once (one at a time per chat), and HTTP connections to Telegram for the
# replies (as many calls at once). More is slower here: httpx's pool scans every connection and
# every waiting request for every request.
CONCURRENT_UPDATES = 8
DEMO_REQUESTERS = [(900100, "小张", "zh"), (900200, "Sam", "en")]


def _not_an_error(record: logging.LogRecord) -> bool:
    """AIORateLimiter logs each 429 it does not retry as an error with a traceback; retrying is
    left to the dispatcher (see build_application), whose own line says when it tries again."""
    return record.msg != "Rate limit hit after maximum of %d retries"


logging.getLogger("telegram.ext.AIORateLimiter").addFilter(_not_an_error)


def seed_world(world: World, settings: Settings) -> None:
    """The configured staff groups (forums), officers, supervisors and two demo requesters."""
    for department in settings.departments:
        for person in [*department.officers, *department.supervisors]:
            world.add_user(person.user_id, person.name, settings.languages.default)
        group = world.add_group(
            department.staff_group_chat_id,
            department.names[settings.languages.default],
            [p.user_id for p in [*department.officers, *department.supervisors]],
            forum=True,
        )
        group.admins.update(p.user_id for p in department.supervisors)
    supervisors = [p.user_id for d in settings.departments for p in d.supervisors]
    for user_id in settings.management.user_ids:
        world.add_user(user_id, f"Manager {user_id}", settings.languages.default)
    world.add_group(
        settings.management.chat_id,
        "主管群 Supervisors",
        supervisors + list(settings.management.user_ids),
    )
    for user_id, name, language in DEMO_REQUESTERS:
        world.add_user(user_id, name, language)


def build_application(
    desk: Desk,
    token: str,
    base_url: str | None = None,
    sweep_every: float | None = 30.0,
    rate_limited: bool = True,
) -> Application:  # type: ignore[type-arg]
    from handlers import register
    from handlers.context import CONTEXT_TYPES
    from handlers.runtime.processing import PerChatUpdateProcessor
    from handlers.runtime.transport import AiohttpRequest

    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(PerChatUpdateProcessor(desk, CONCURRENT_UPDATES))
        # aiohttp rather than httpx: a quarter of the CPU per request (runtime/transport.py).
        .request(AiohttpRequest(connections=CONCURRENT_UPDATES))
        .get_updates_request(AiohttpRequest(connections=1))
    )
    if rate_limited:
        # Telegram's flood limits: throttle groups and overall. A 429 is not retried here: the
        # limiter would hold back every call of the bot, to every chat, while it waits (tens of
        # seconds for a busy group); the dispatcher waits it out for that one chat instead.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=0))  # type: ignore[arg-type]
    if base_url is not None:
        builder = builder.base_url(f"{base_url}/bot").base_file_url(f"{base_url}/file/bot")
    application = builder.build()
    application.bot_data["desk"] = desk
    register(application, sweep_every)
    return application


@dataclass(frozen=True)
class Webhook:
    """Receive updates by webhook instead of long polling."""

    url: str  # the public URL Telegram posts to
    listen: str = "127.0.0.1"
    port: int = 8443
    path: str = "telegram"
    secret: str | None = None


async def start_receiving(
    application: Application,  # type: ignore[type-arg]
    webhook: Webhook | None,
    poll_timeout: int = 10,
    metrics: Metrics | None = None,
) -> Callable[[], Awaitable[None]]:
    """Set the menus, start sending from the outbox and taking updates (through the inbox when
    polling), and serve /metrics, /healthz, /readyz at `metrics` (None: not); returns the
    coroutine function that stops them."""
    from handlers.menus import set_menus
    from handlers.runtime.dispatcher import build_dispatcher
    from handlers.runtime.jobs import SWEEP
    from handlers.runtime.receiving import Poller, WebhookReceiver

    await set_menus(application)
    desk: Desk = application.bot_data["desk"]
    dispatcher = build_dispatcher(application.bot, desk)
    await dispatcher.start()
    # From now on what transactions commit goes to the dispatcher at once.
    desk.transactions.connect(dispatcher.submit)
    if application.job_queue is not None:
        # Catch up at once on whatever fell due while the bot was down; then every interval.
        for job in application.job_queue.get_jobs_by_name(SWEEP):
            application.create_task(job.run(application), name="first sweep")
    receiver: Poller | WebhookReceiver
    if webhook is None:
        receiver = Poller(application, timeout=poll_timeout)
    else:
        receiver = WebhookReceiver(
            application, webhook.url, webhook.listen, webhook.port, webhook.path, webhook.secret
        )
    await receiver.start()
    # Operations: /metrics, /healthz, /readyz (handlers/operations.py).
    from handlers.operations import start_operations

    parts = {"receiving": receiver, "dispatcher": dispatcher}
    operations = await start_operations(application, desk, parts, metrics)

    async def stop() -> None:
        if operations is not None:
            await operations.stop()
        await receiver.stop()
        desk.transactions.disconnect()  # what handlers still decide waits in the outbox
        await dispatcher.stop()

    return stop


async def run(
    settings: Settings,
    environment: Environment,
    port: int,
    sweep_every: float,
    webhook: Webhook | None = None,
) -> None:
    """Run the bot: against Telegram with a token, else against the emulation and its page."""
    desk = await build_desk(settings, environment.database_url)
    emulator: Emulator | None = None
    if environment.bot_token:
        application = build_application(
            desk, environment.bot_token, environment.bot_api_url, sweep_every=sweep_every
        )
    else:
        from emulator.server import Emulator  # the offline path only

        emulator = Emulator(token=LOCAL_TOKEN)
        seed_world(emulator.world, settings)
        await emulator.start(port=port)
        base = f"http://127.0.0.1:{emulator.port}"
        application = build_application(desk, LOCAL_TOKEN, base, sweep_every)
        print(f"Shouwen runs offline. Open {base}/ in a browser.", flush=True)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    # SIGTERM (systemd, docker stop) and SIGINT (Ctrl-C) stop the bot cleanly: what is in
    # flight is given back to the outbox. Set here, so that a SIGINT ignored by whoever started
    # the process (a background job of a script) still stops it.
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    async with application:
        await application.start()
        # The operations endpoint unless `metrics.port` is 0 (the offline run serves it too).
        endpoint = settings.metrics if settings.metrics.port else None
        stop_receiving = await start_receiving(application, webhook, metrics=endpoint)
        try:
            await stopping.wait()  # the job queue does the sweeping meanwhile
            log.info("stopping: a signal asked for it")
        finally:
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(signum)
            await stop_receiving()
            await application.stop()
            if emulator is not None:
                await emulator.stop()
