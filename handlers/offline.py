"""The offline run's world: the emulation seeded with the configured staff and two demo
requesters, started on the offline page's port, and its time kept by the desk. The front
reaches the emulation only here, and only on the offline path (imported when called)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot import inbox
from bot.config import Settings
from bot.desk import Desk
from handlers.context import DeskApplication
from handlers.runtime import jobs

if TYPE_CHECKING:
    from emulator.server import Emulator
    from emulator.world import World

LOCAL_TOKEN = "123456:LOCAL-EMULATION"
DEMO_REQUESTERS = [(900100, "小张", "zh"), (900200, "Sam", "en")]


def seed_world(world: World, settings: Settings) -> None:
    """The configured staff groups (forums), officers, supervisors and two demo requesters.
    Staff have started the bot (as real staff do before it can write to them in private);
    the requesters have not: Telegram refuses the bot's first word to them until they write."""
    language = settings.languages.default
    for department in settings.departments:
        for person in [*department.officers, *department.supervisors]:
            world.add_user(person.user_id, person.name, language, started=True)
        group = world.add_group(
            department.staff_group_chat_id,
            department.names[settings.languages.default],
            [p.user_id for p in [*department.officers, *department.supervisors]],
            forum=True,
        )
        group.admins.update(p.user_id for p in department.supervisors)
    supervisors = [p.user_id for d in settings.departments for p in d.supervisors]
    named = {p.user_id: p.name for p in settings.management.people}
    for user_id in settings.management.user_ids:
        world.add_user(user_id, named.get(user_id, f"Manager {user_id}"), language, started=True)
    world.add_group(
        settings.management.chat_id,
        "主管群 Supervisors",
        supervisors + list(settings.management.user_ids),
    )
    for user_id, name, language in DEMO_REQUESTERS:
        world.add_user(user_id, name, language)


async def offline_emulator(desk: Desk, settings: Settings, port: int = 0) -> Emulator:
    """The emulation of an offline run, seeded (`seed_world`) and started on `port` (0: any).
    Its chats start empty on every run, but on a database that has seen an earlier run its
    ids go on above those the database refers to (`inbox.telegram_ids_seen`), as Telegram's
    own do: a restarted demo keeps its tickets, and no update is taken for one already
    handled, no card, topic or link for another message."""
    from emulator.server import Emulator  # the offline path only

    emulator = Emulator(token=LOCAL_TOKEN)
    seed_world(emulator.world, settings)
    async with desk.sessions() as session:
        update_id, message_ids = await inbox.telegram_ids_seen(session=session)
    if update_id or message_ids:
        emulator.world.continue_after(update_id, message_ids)
        print(
            "The database holds an earlier offline run: its tickets are kept; the emulated"
            " chats start empty, their message and update ids going on after the earlier ones.",
            flush=True,
        )
    await emulator.start(port=port)
    return emulator


def keep_world_time(application: DeskApplication, world: World) -> None:
    """The desk keeps the emulated world's time: moved forward (/control/clock,
    `WorldTime.advance`), the deadlines, progress notices, escalations and auto-closes it brings
    are swept at once, not at the next sweep."""
    desk = application.bot_data.desk
    desk.clock = lambda: datetime.fromtimestamp(world.clock(), UTC)
    if application.job_queue is not None:
        queue = application.job_queue
        world.time.advanced.append(lambda _: queue.run_once(jobs.sweep, 0))
