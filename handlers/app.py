"""The composition root of the Telegram front: builds the Application around a desk, with every
handler in one ordered list and the services beside them (menus, the dispatcher, the first
sweep) started by its post_init and stopped by its post_stop; and runs the service. Without a
token it runs against the local emulation, which is imported only then."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.config import Environment, Metrics, Settings
from bot.desk import Desk, build_desk
from bot.wal import Checkpointer
from handlers import (
    asking,
    commands,
    errors,
    greeting,
    groups,
    handoffs,
    incidents,
    lookup,
    proposals,
    reports,
    staff,
    supervision,
    taking,
    typed_commands,
    withdrawal,
)
from handlers.callbacks import Action, pattern
from handlers.context import CONTEXT_TYPES, DeskApplication, DeskContext
from handlers.menus import set_menus
from handlers.offline import LOCAL_TOKEN as LOCAL_TOKEN
from handlers.offline import keep_world_time, offline_emulator
from handlers.offline import seed_world as seed_world
from handlers.operations import start_operations
from handlers.runtime import jobs
from handlers.runtime.dispatcher import Dispatcher, build_dispatcher
from handlers.runtime.processing import PerChatUpdateProcessor
from handlers.runtime.receiving import Poller, WebhookReceiver
from handlers.runtime.transport import AiohttpRequest
from knowledge.templates import CaseTemplate

if TYPE_CHECKING:
    from emulator.server import Emulator

log = logging.getLogger(__name__)
# Updates handled at once (one at a time per chat), and HTTP connections to Telegram for the
# replies (as many calls at once). More is slower here: httpx's pool scans every connection and
# every waiting request for every request.
CONCURRENT_UPDATES = 8


def _not_an_error(record: logging.LogRecord) -> bool:
    """AIORateLimiter logs each 429 it does not retry as an error with a traceback; retrying is
    left to the dispatcher (see build_application), whose own line says when it tries again."""
    return record.msg != "Rate limit hit after maximum of %d retries"


logging.getLogger("telegram.ext.AIORateLimiter").addFilter(_not_an_error)


PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS
# Every handler, in the order python-telegram-bot tries them (the first that takes an update
# handles it): where the order matters, a comment says why.
HANDLERS: tuple[BaseHandler[Update, DeskContext, Any], ...] = (
    # An edited command first: CommandHandler takes edits too, and none is carried out twice.
    # A text edited into a bare "/" names none: it is an edit like any other (below).
    MessageHandler(
        filters.UpdateType.EDITED_MESSAGE & filters.COMMAND & filters.Regex(commands.NAMED),
        greeting.edited_command,
    ),
    CommandHandler("start", greeting.start, filters=PRIVATE),
    CommandHandler("help", greeting.help_text, filters=PRIVATE),
    CommandHandler("lang", greeting.language, filters=PRIVATE),
    CommandHandler("new", asking.new_question, filters=PRIVATE),
    CommandHandler("status", lookup.status, filters=PRIVATE),
    # A requester's command typed full-width ("/ｓｔａｔｕｓ"): no CommandHandler takes it.
    MessageHandler(
        PRIVATE & filters.UpdateType.MESSAGE & filters.Regex(typed_commands.FULL_WIDTH),
        typed_commands.run,
    ),
    # Staff commands before the topic handler, so that they are never relayed to a requester.
    CommandHandler(["mine", "queue"], lookup.mine_or_queue),
    CommandHandler("ticket", lookup.ticket_history),
    CommandHandler("return", handoffs.give_back, filters=GROUPS),
    CommandHandler("priority", supervision.priority_command),
    CommandHandler("propose", proposals.propose_command),
    CommandHandler("assign", supervision.assign_command),
    CommandHandler("pending", proposals.pending),
    CommandHandler("report", reports.report),
    CommandHandler("template_from", reports.template_from),
    CommandHandler(["block", "unblock"], supervision.block),
    CommandHandler("incident", incidents.post_update),
    CommandHandler(["link", "unlink"], incidents.link_command),
    # Groups that change under the bot: upgraded, the bot removed or back (handlers/groups.py);
    # other service messages (a topic closed by a person) are never taken for staff replies.
    MessageHandler(GROUPS & filters.StatusUpdate.MIGRATE, groups.migrated),
    MessageHandler(GROUPS & filters.StatusUpdate.ALL, groups.service),
    ChatMemberHandler(groups.membership, ChatMemberHandler.MY_CHAT_MEMBER),
    # Staff groups: everything in a ticket's topic (commands too: /note, /resolve).
    MessageHandler(GROUPS & filters.IS_TOPIC_MESSAGE, staff.in_topic),
    # Groups without topics: a reply to a ticket's card or copied message.
    MessageHandler(GROUPS & filters.REPLY, staff.in_reply),
    # Any other command in a staff place: the commands that exist there.
    MessageHandler(GROUPS & filters.COMMAND, staff.other_command),
    # Buttons, each action to its handler (the patterns come from the codec).
    CallbackQueryHandler(staff.claim, pattern=pattern(Action.CLAIM)),
    CallbackQueryHandler(handoffs.accept, pattern=pattern(Action.ACCEPT)),
    CallbackQueryHandler(supervision.pressed, pattern=pattern(*supervision.STEERING)),
    CallbackQueryHandler(proposals.decide, pattern=pattern(*proposals.DECIDING)),
    CallbackQueryHandler(staff.requester_decides, pattern=pattern(Action.RATE, Action.REOPEN)),
    CallbackQueryHandler(taking.chose_ticket, pattern=pattern(Action.WHICH)),
    CallbackQueryHandler(taking.chose_anew, pattern=pattern(Action.ANEW)),
    CallbackQueryHandler(taking.chose_none, pattern=pattern(Action.WITHDRAW_NONE)),
    CallbackQueryHandler(incidents.update_asked, pattern=pattern(Action.INCIDENT_UPDATE)),
    CallbackQueryHandler(
        withdrawal.requester_withdraws, pattern=pattern(Action.WITHDRAW, Action.KEEP)
    ),
    # A requester's edit before their text: marked as an edit, never taken as a new message.
    MessageHandler(PRIVATE & filters.UpdateType.EDITED_MESSAGE, asking.edited),
    # Text before anything else from a requester: it is a question or goes into their ticket.
    MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, asking.ask),
    # The requester's other buttons, and any data no handler above took (stale or forged).
    CallbackQueryHandler(asking.pressed),
    # Whatever else a requester sends (stickers, media) before a ticket exists.
    MessageHandler(PRIVATE & ~filters.COMMAND, asking.other),
    # Any other command in private: a staff command is said to be for staff; an unknown one
    # is said to be unknown, with the commands there and the one likely meant.
    MessageHandler(PRIVATE & filters.COMMAND, greeting.command),
)

NOT_SERVED = MessageHandler(
    GROUPS & filters.UpdateType.MESSAGE & (filters.TEXT | filters.CAPTION), groups.not_served
)


class Services:
    """What runs beside the handlers while an Application runs: its post_init sets the menus,
    starts the dispatcher (the sender of the outbox), connects it to the desk's transactions
    and starts the first sweep; its post_stop, once the Application has handled what it had
    (python-telegram-bot's `Application.stop`), stops them, the dispatcher giving back to
    the outbox what it had in hand. Before post_stop the bot can still call Telegram;
    post_shutdown would be too late (`Application.shutdown` closes the connections).

    Two things that would otherwise stop the event loop now and then, for everyone: SQLite's
    checkpoints run in a worker thread (bot/wal.py), and what exists once the bot is set up
    (the settings, the knowledge base and its matcher, the modules: some 200,000 objects) is
    left out of the garbage collector's full passes (`gc.freeze`) until the stop: each pass
    over them took 130 ms of CPU, about every 20 s at 100 updates/s."""

    def __init__(self) -> None:
        self._dispatcher: Dispatcher | None = None
        self._first_sweep: asyncio.Task[None] | None = None
        self._checkpointer: Checkpointer | None = None

    async def post_init(self, application: DeskApplication) -> None:
        desk = application.bot_data.desk
        self._checkpointer = Checkpointer(desk.transactions.engine)
        await self._checkpointer.start()
        await set_menus(application)
        self._dispatcher = build_dispatcher(application.bot, desk)
        await self._dispatcher.start()
        # From now on what transactions commit goes to the dispatcher at once.
        desk.transactions.connect(self._dispatcher.submit)
        if application.job_queue is not None:
            # Catch up at once on whatever fell due while the bot was down, beside the start;
            # then every interval. The job queue cannot run a repeating job at once (its note
            # on run_repeating: run the job by hand instead).
            for job in application.job_queue.get_jobs_by_name(jobs.SWEEP):
                self._first_sweep = asyncio.create_task(job.run(application), name="first sweep")
        # The young generations only: what was set up long enough ago to be old is frozen as it
        # is (a little garbage among it is kept until the stop). A full pass here walked the
        # whole heap of the process at every start: in one test process, thousands of
        # starts over a heap that grows with them.
        gc.collect(1)
        gc.freeze()

    @property
    def running(self) -> bool:
        """The dispatcher started and alive (for /healthz: handlers/operations.py)."""
        return self._dispatcher is not None and self._dispatcher.running

    async def post_stop(self, application: DeskApplication) -> None:
        if self._first_sweep is not None:
            await self._first_sweep  # errors go to the error handler (Job.run)
            self._first_sweep = None
        # What is still decided from now on waits in the outbox for the next start.
        application.bot_data.desk.transactions.disconnect()
        if self._dispatcher is not None:
            await self._dispatcher.stop()
            self._dispatcher = None
        locks = application.bot_data.desk.chat_locks
        if locks is not None:
            await locks.close()  # the chats this process held, let go at once
        if self._checkpointer is not None:
            await self._checkpointer.stop()
            self._checkpointer = None
        gc.unfreeze()


def build_application(
    desk: Desk,
    token: str,
    base_url: str | None = None,
    sweep_every: float | None = 30.0,
    rate_limited: bool = True,
) -> DeskApplication:
    """The Application around `desk`: the handlers, the error handler, the sweep every
    `sweep_every` seconds on the job queue (None: no sweep), and the services started and
    stopped with it (`Services`; `serving` runs it)."""
    services = Services()
    processor = PerChatUpdateProcessor(desk, CONCURRENT_UPDATES)
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(processor)
        # aiohttp rather than httpx: a quarter of the CPU per request (runtime/transport.py).
        .request(AiohttpRequest(connections=CONCURRENT_UPDATES))
        .get_updates_request(AiohttpRequest(connections=1))
        .post_init(services.post_init)
        .post_stop(services.post_stop)
    )
    if rate_limited:
        # Telegram's flood limits: throttle groups and overall. A 429 is not retried here: the
        # limiter would hold back every call of the bot, to every chat, while it waits (tens of
        # seconds for a busy group); the dispatcher waits it out for that one chat instead.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=0))  # type: ignore[arg-type]
    if base_url is not None:
        builder = builder.base_url(f"{base_url}/bot").base_file_url(f"{base_url}/file/bot")
    application = builder.build()
    processor.application = application
    application.bot_data.desk = desk
    application.bot_data.services = services
    application.add_handlers(HANDLERS)
    # Beside them, first: the bot mentioned in a group it does not serve says where it is
    # served (handlers/groups.py `not_served`); the handlers above still see the update.
    application.add_handler(NOT_SERVED, group=-1)
    application.add_error_handler(errors.on_error)
    if sweep_every is not None and application.job_queue is not None:
        application.job_queue.run_repeating(jobs.sweep, interval=sweep_every, name=jobs.SWEEP)
    if desk.chat_locks is not None and application.job_queue is not None:
        application.job_queue.run_repeating(
            jobs.adopt_orphans, interval=jobs.ORPHANS_EVERY, name=jobs.ORPHANS
        )
    return application


@dataclass(frozen=True)
class Webhook:
    """Receive updates by webhook instead of long polling."""

    url: str  # the public URL Telegram posts to
    listen: str = "127.0.0.1"
    port: int = 8443
    path: str = "telegram"
    secret: str | None = None


@contextlib.asynccontextmanager
async def serving(
    application: DeskApplication,
    webhook: Webhook | None = None,
    poll_timeout: int = 10,
    metrics: Metrics | None = None,
) -> AsyncIterator[DeskApplication]:
    """The Application handling updates until the block ends, taken through the inbox by long
    polling (`poll_timeout` seconds a call) or by `webhook`. In the order of
    python-telegram-bot's own `run_polling` (initialize, post_init, start; at the end stop,
    post_stop, shutdown, post_shutdown), with our receiver in its Updater's place (that Updater
    would confirm updates to Telegram before the inbox has them): started once the Application
    runs, stopped before it stops, so that `Application.stop` handles what it queued. post_stop
    also runs when the start failed, to stop what post_init started. With `metrics`, the
    operations endpoint (/metrics, /healthz, /readyz: handlers/operations.py) serves there
    while the receiver runs."""
    receiver: Poller | WebhookReceiver
    if webhook is None:
        receiver = Poller(application, timeout=poll_timeout)
    else:
        receiver = WebhookReceiver(
            application, webhook.url, webhook.listen, webhook.port, webhook.path, webhook.secret
        )
    async with application:  # initialize; shutdown when the block ends
        if application.post_init is not None:
            await application.post_init(application)
        try:
            await application.start()
            try:
                await receiver.start()
                services = application.bot_data.services
                assert services is not None  # set by build_application
                parts = {"receiving": receiver, "dispatcher": services}
                operations = await start_operations(
                    application, application.bot_data.desk, parts, metrics
                )
                try:
                    yield application
                finally:
                    if operations is not None:
                        await operations.stop()
            finally:
                await receiver.stop()
                await application.stop()  # handles what the receiver had queued
        finally:
            if application.post_stop is not None:
                await application.post_stop(application)
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


async def run(
    settings: Settings,
    environment: Environment,
    port: int,
    sweep_every: float,
    webhook: Webhook | None = None,
    *,
    templates: list[CaseTemplate],
) -> None:
    """Run the bot: against Telegram with a token, else against the emulation and its page.
    `templates`: the knowledge base's files as the command line loaded and checked them."""
    desk = await build_desk(settings, environment.database_url, files=templates)
    desk.texts.prepare()
    emulator: Emulator | None = None
    if environment.bot_token:
        application = build_application(
            desk, environment.bot_token, environment.bot_api_url, sweep_every=sweep_every
        )
    else:
        emulator = await offline_emulator(desk, settings, port)
        base = f"http://127.0.0.1:{emulator.port}"
        application = build_application(desk, LOCAL_TOKEN, base, sweep_every)
        keep_world_time(application, emulator.world)
        print(f"Shouwen runs offline. Open {base}/ in a browser.", flush=True)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    # SIGTERM (systemd, docker stop) and SIGINT (Ctrl-C) stop the bot cleanly: what is in
    # flight is given back to the outbox. Set here, so that a SIGINT ignored by whoever started
    # the process (a background job of a script) still stops it.
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    try:
        # The operations endpoint unless `metrics.port` is 0 (the offline run serves it too).
        endpoint = settings.metrics if settings.metrics.port else None
        async with serving(application, webhook, metrics=endpoint):
            try:
                await stopping.wait()  # the job queue does the sweeping meanwhile
                log.info("stopping: a signal asked for it")
            finally:
                for signum in (signal.SIGTERM, signal.SIGINT):
                    loop.remove_signal_handler(signum)
    finally:
        if emulator is not None:
            await emulator.stop()
