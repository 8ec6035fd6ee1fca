"""Two bot processes on one PostgreSQL database, behind a round-robin front in webhook mode:
each chat's updates handled once, in Telegram's order, and each chat's messages sent in order,
whichever process an update or a message falls to (README "Nothing lost, nothing twice")."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.chat_locks import chat_key, for_database
from bot.config import Abuse, Settings
from bot.desk import Desk, build_desk
from bot.models import InboundUpdate
from bot.outbox import LEASE
from bot.outgoing import Outgoing
from emulator.front import RoundRobinFront
from emulator.limits import Fault
from emulator.server import Emulator
from handlers import app
from handlers.app import LOCAL_TOKEN, Webhook, build_application
from handlers.runtime import jobs
from handlers.runtime.dispatcher import build_dispatcher
from handlers.runtime.processing import ORPHANED_AFTER
from tests.handlers.conftest import (
    REQUESTER,
    DeskClock,
    bot_said,
    have_written,
    only_topic,
    until,
)

pytestmark = pytest.mark.parametrize("store", ["postgresql"])  # several processes need it
GROUP, OFFICER = -1000000000103, 100301  # the department of street lights, and its officer


@asynccontextmanager
async def two_processes(
    settings: Settings,
    database_url: str,
    clock: DeskClock,
    emulator: Emulator,
    ports: list[int],
) -> AsyncIterator[tuple[list[Desk], list[Any], RoundRobinFront]]:
    """Two desks and Applications on one database, each with its webhook, and the front that
    deals the emulation's posts out between them in turn."""
    emulator.world.limits.enabled = False  # a staff group's 20 a minute is not the point
    # Nor is a requester's: each process counts what reaches it.
    settings = settings.model_copy(update={"abuse": Abuse(messages_per_minute=1000)})
    desks, applications = [], []
    base = f"http://127.0.0.1:{emulator.port}"
    async with AsyncExitStack() as stack:
        for port in ports:
            desk = await build_desk(settings, database_url)
            desk.clock = clock
            stack.push_async_callback(desk.close)
            # Without python-telegram-bot's limiter either (a group's 20 a minute, again).
            application = build_application(
                desk, LOCAL_TOKEN, base, sweep_every=None, rate_limited=False
            )
            hook = Webhook(url=f"http://127.0.0.1:{port}/hook", port=port, path="hook")
            await stack.enter_async_context(app.serving(application, hook))
            desks.append(desk)
            applications.append(application)
        front = RoundRobinFront(emulator.world, [f"http://127.0.0.1:{p}/hook" for p in ports])
        emulator.world.deliver = front.deliver
        stack.push_async_callback(front.close)
        yield desks, applications, front


async def claimed_ticket(emulator: Emulator) -> Any:
    """The requester's ticket about a street light, claimed: its topic in the staff group."""
    world = emulator.world
    await world.user_sends(REQUESTER, "我家楼下路灯坏了")
    await until(lambda: any(e.buttons for e in bot_said(world, GROUP)))
    card = next(e for e in bot_said(world, GROUP) if e.buttons)
    await world.user_presses(OFFICER, GROUP, card.message_id, card.buttons[0][0]["callback_data"])
    return await only_topic(world, GROUP)


def copies(emulator: Emulator, topic: Any) -> list[str]:
    """The requester's words as the bot copied them into the ticket's topic, in order."""
    return [e.text for e in bot_said(emulator.world, GROUP, topic.thread_id) if e.text.isdigit()]


@pytest.mark.usefixtures("sessions")  # an empty database
async def test_a_chats_updates_dealt_to_two_processes_are_handled_in_order_once(
    settings: Settings,
    database_url: str,
    desk_clock: DeskClock,
    emulator: Emulator,
    unused_tcp_port_factory: Any,
) -> None:
    ports = [unused_tcp_port_factory() for _ in range(2)]
    async with two_processes(settings, database_url, desk_clock, emulator, ports) as (
        desks,
        _,
        front,
    ):
        topic = await claimed_ticket(emulator)
        count = 30
        # Each posted once its predecessor is in the inbox, the next to the other process.
        for n in range(count):
            await emulator.world.user_sends(REQUESTER, str(n))
        await until(lambda: len(copies(emulator, topic)) >= count, 30)
        assert copies(emulator, topic) == [str(n) for n in range(count)]
        assert min(front.posted) >= count // 2 and front.failed == 0
        async with desks[0].sessions() as session:
            left = await session.scalar(
                select(InboundUpdate.update_id).where(InboundUpdate.processed_at.is_(None))
            )
        assert left is None


@pytest.mark.usefixtures("sessions")
async def test_a_chat_held_by_another_process_is_left_to_it_then_taken_in_order(
    settings: Settings,
    database_url: str,
    desk_clock: DeskClock,
    emulator: Emulator,
    unused_tcp_port_factory: Any,
) -> None:
    """Updates of a chat that a third process holds wait in the inbox, unhandled by the two
    that received them; the chat's next update, once it is free, takes them first."""
    ports = [unused_tcp_port_factory() for _ in range(2)]
    async with two_processes(settings, database_url, desk_clock, emulator, ports) as (
        desks,
        applications,
        _,
    ):
        topic = await claimed_ticket(emulator)
        await until(lambda: bool(bot_said(emulator.world, GROUP, topic.thread_id)))
        third = for_database(database_url)
        assert third is not None
        try:
            assert await third.try_hold(chat_key(REQUESTER))
            for text in ("1", "2"):  # one to each process
                await emulator.world.user_sends(REQUESTER, text)
            for application in applications:
                await application.update_queue.join()  # each has done what it could
            async with desks[0].sessions() as session:
                waiting = list(
                    await session.scalars(
                        select(InboundUpdate.update_id).where(InboundUpdate.processed_at.is_(None))
                    )
                )
            assert len(waiting) == 2
            assert copies(emulator, topic) == []
        finally:
            await third.close()
        await emulator.world.user_sends(REQUESTER, "3")
        await until(lambda: len(copies(emulator, topic)) >= 3)
        assert copies(emulator, topic) == ["1", "2", "3"]


@pytest.mark.usefixtures("sessions")
async def test_what_a_dead_process_left_goes_though_its_chat_says_nothing_more(
    settings: Settings,
    database_url: str,
    desk_clock: DeskClock,
    emulator: Emulator,
    unused_tcp_port_factory: Any,
) -> None:
    """A process holding a chat dies with two of its updates unprocessed, and the requester
    writes nothing more: a live process's look for orphans takes them, in order, once they
    have waited ORPHANED_AFTER (not before: a live holder may be at them)."""
    ports = [unused_tcp_port_factory() for _ in range(2)]
    async with two_processes(settings, database_url, desk_clock, emulator, ports) as (
        _,
        applications,
        _,
    ):
        topic = await claimed_ticket(emulator)
        await until(lambda: bool(bot_said(emulator.world, GROUP, topic.thread_id)))
        dying = for_database(database_url)
        assert dying is not None
        assert await dying.try_hold(chat_key(REQUESTER))
        for text in ("1", "2"):
            await emulator.world.user_sends(REQUESTER, text)
        for application in applications:
            await application.update_queue.join()
        (look,) = applications[0].job_queue.get_jobs_by_name(jobs.ORPHANS)
        await dying.close()  # killed: PostgreSQL lets go of the chat with its connection
        await look.run(applications[0])
        assert copies(emulator, topic) == []  # too fresh to be anyone's orphans
        desk_clock.now += ORPHANED_AFTER + timedelta(seconds=1)
        await look.run(applications[0])
        await until(lambda: len(copies(emulator, topic)) >= 2)
        assert copies(emulator, topic) == ["1", "2"]


@pytest.mark.usefixtures("sessions")
async def test_a_chats_messages_from_two_senders_arrive_in_the_order_decided(
    settings: Settings, database_url: str, desk_clock: DeskClock, emulator: Emulator
) -> None:
    """Messages to one chat decided one after another in two processes, each leased to the
    sender of the process that decided it: Telegram gets them in that order, though the first
    call is slow to answer and the second fails once (sent again after a backoff)."""
    world = emulator.world
    world.limits.enabled = False
    have_written(world, REQUESTER)  # the messages are put in the outbox directly
    emulator.faults.add("sendMessage", Fault(None, delay=0.5))
    emulator.faults.add("sendMessage", Fault(502))
    base = f"http://127.0.0.1:{emulator.port}"
    count = 40
    async with AsyncExitStack() as stack:
        desks, dispatchers = [], []
        for _ in range(2):
            desk = await build_desk(settings, database_url)
            desk.clock = desk_clock
            stack.push_async_callback(desk.close)
            application = build_application(desk, LOCAL_TOKEN, base, sweep_every=None)
            await stack.enter_async_context(application)
            dispatcher = build_dispatcher(application.bot, desk)
            await dispatcher.start()
            stack.push_async_callback(dispatcher.stop)
            desks.append(desk)
            dispatchers.append(dispatcher)
        for n in range(count):
            desk, dispatcher = desks[n % 2], dispatchers[n % 2]
            async with desk.transaction(sender=dispatcher.submit) as tx:
                await tx.publish([Outgoing(REQUESTER, "zh", "added_to_ticket", {"ticket_id": n})])
            await asyncio.sleep(0)  # the sender may start on it at once

        def numbers() -> list[int]:
            said = [re.search(r"#(\d+)", e.text) for e in bot_said(world, REQUESTER)]
            return [int(found.group(1)) for found in said if found]

        await until(lambda: len(numbers()) >= count, 30)
    assert numbers() == list(range(count))


@pytest.mark.usefixtures("sessions")
async def test_a_message_a_dead_process_held_goes_before_the_later_ones_of_its_chat(
    settings: Settings, database_url: str, desk_clock: DeskClock, emulator: Emulator
) -> None:
    """A process died holding a chat's message (leased to it, never sent): the later messages
    of the chat wait, and once the lease has run out the poll takes it over and it goes
    first."""
    world = emulator.world
    world.limits.enabled = False
    have_written(world, REQUESTER)  # the messages are put in the outbox directly
    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    base = f"http://127.0.0.1:{emulator.port}"

    def dead(_: list[Any]) -> None:
        """The sender of a process killed as its transaction committed."""

    killed = await build_desk(settings, database_url)
    killed.clock = desk_clock
    async with killed.transaction(sender=dead) as tx:
        await tx.publish([Outgoing(REQUESTER, "zh", "added_to_ticket", {"ticket_id": 0})])
    await killed.close()
    application = build_application(desk, LOCAL_TOKEN, base, sweep_every=None)
    async with application:
        dispatcher = build_dispatcher(application.bot, desk)
        await dispatcher.start()
        try:
            for n in (1, 2, 3):
                async with desk.transaction(sender=dispatcher.submit) as tx:
                    await tx.publish(
                        [Outgoing(REQUESTER, "zh", "added_to_ticket", {"ticket_id": n})]
                    )
            desk_clock.now += LEASE + timedelta(seconds=1)  # the dead process's lease is over

            def numbers() -> list[int]:
                said = [re.search(r"#(\d+)", e.text) for e in bot_said(world, REQUESTER)]
                return [int(found.group(1)) for found in said if found]

            await until(lambda: len(numbers()) >= 4)
        finally:
            await dispatcher.stop()
            await desk.close()
    assert numbers() == [0, 1, 2, 3]
