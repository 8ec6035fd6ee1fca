"""Two bot processes on one database share the outbox: every message is sent exactly once."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from contextlib import AsyncExitStack

import pytest

from bot import outbox
from bot.config import Settings
from bot.desk import build_desk
from bot.outgoing import Outgoing
from emulator.server import Emulator
from handlers.app import LOCAL_TOKEN, build_application
from handlers.runtime.dispatcher import build_dispatcher
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, have_written, until

PER_CHAT = 30


@pytest.mark.usefixtures("sessions")  # an empty database on either store
async def test_two_senders_share_the_outbox_without_sending_twice(
    settings: Settings, database_url: str, desk_clock: DeskClock, emulator: Emulator
) -> None:
    world = emulator.world
    world.limits.enabled = False
    have_written(world, REQUESTER, ENGLISH)
    desks = [await build_desk(settings, database_url) for _ in range(2)]
    for desk in desks:
        desk.clock = desk_clock
    # Decided while no sender ran (the sweep of a third process, say): waiting in the table.
    async with desks[0].sessions() as session, session.begin():
        await outbox.enqueue(
            session=session,
            messages=[
                Outgoing(chat_id, "zh", "added_to_ticket", {"ticket_id": n})
                for n in range(PER_CHAT)
                for chat_id in (REQUESTER, ENGLISH)
            ],
            now=desk_clock.now,
        )
    base = f"http://127.0.0.1:{emulator.port}"
    async with AsyncExitStack() as stack:
        for desk in desks:
            if desk.chat_locks is not None:  # what each process holds on PostgreSQL
                stack.push_async_callback(desk.chat_locks.close)
        dispatchers = []
        for desk in desks:
            application = build_application(desk, LOCAL_TOKEN, base, sweep_every=None)
            await stack.enter_async_context(application)
            dispatcher = build_dispatcher(application.bot, desk)
            dispatcher.batch = 4  # small claims, so that both take turns
            dispatchers.append(dispatcher)
        for dispatcher in dispatchers:
            await dispatcher.start()
            stack.push_async_callback(dispatcher.stop)

        def numbers(chat_id: int) -> list[int]:
            return [
                int(found.group(1))
                for e in world.transcripts.get(chat_id, [])
                if (found := re.search(r"#(\d+)", e.text))
            ]

        await until(lambda: len(numbers(REQUESTER)) + len(numbers(ENGLISH)) >= 2 * PER_CHAT, 30)
    for chat_id in (REQUESTER, ENGLISH):
        counts = Counter(numbers(chat_id))
        assert sorted(counts) == list(range(PER_CHAT))
        assert set(counts.values()) == {1}, counts
    async with desks[0].sessions() as session:
        due = await outbox.claim_due(session=session, now=desk_clock.now)
    assert due == []


@pytest.mark.usefixtures("sessions")
async def test_a_message_decided_while_stopping_goes_out_at_the_next_start(
    settings: Settings, database_url: str, desk_clock: DeskClock, emulator: Emulator
) -> None:
    """A handler finishing after the dispatcher stopped: its message is given back, due at
    once, and the next start sends it (the desk's clock stands still here, so a lease left
    to run out would never let it go)."""
    from sqlalchemy import select

    from bot.models import OutboxMessage
    from tests.handlers.conftest import serving

    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    have_written(emulator.world, REQUESTER)
    async with serving(desk, emulator):
        sender = desk.transactions.sender  # the dispatcher's, while it ran
    assert sender is not None and desk.transactions.sender is None
    # A handler's transaction opened before the stop commits after it.
    async with desk.transaction(sender=sender) as tx:
        await tx.publish([Outgoing(REQUESTER, "zh", "added_to_ticket", {"ticket_id": 77})])

    async def due() -> bool:
        async with desk.sessions() as session:
            row = await session.scalar(select(OutboxMessage))
        return row is not None and row.next_attempt_at <= desk_clock.now

    for _ in range(100):
        if await due():
            break
        await asyncio.sleep(0.05)
    assert await due()
    async with serving(desk, emulator):
        await until(
            lambda: any("#77" in e.text for e in emulator.world.transcripts.get(REQUESTER, []))
        )


@pytest.mark.usefixtures("sessions")
async def test_a_message_telegram_is_taking_at_a_stop_is_not_sent_again(
    settings: Settings, database_url: str, desk_clock: DeskClock, emulator: Emulator
) -> None:
    """A stop while Telegram is slow to answer a sendMessage: the call finishes and the
    message is marked sent, not given back to go a second time at the next start (a process
    stopped behind a round-robin front repeated a message to the staff group that way)."""
    from sqlalchemy import func, select

    from bot.models import OutboxMessage
    from emulator.limits import Fault
    from tests.handlers.conftest import serving

    desk = await build_desk(settings, database_url)
    desk.clock = desk_clock
    have_written(emulator.world, REQUESTER)

    def copies(number: int) -> int:
        said = emulator.world.transcripts.get(REQUESTER, [])
        return sum(f"#{number}" in entry.text for entry in said)

    async def unsent() -> int:
        async with desk.sessions() as session:
            waiting = OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None)
            return int(await session.scalar(select(func.count()).where(*waiting)) or 0)

    emulator.faults.add("sendMessage", Fault(None, delay=1.0))  # Telegram takes a second
    async with serving(desk, emulator):
        async with desk.transaction() as tx:
            await tx.publish([Outgoing(REQUESTER, "zh", "added_to_ticket", {"ticket_id": 77})])
        await until(lambda: emulator.world.counters["sendMessage"] >= 1)  # under way
    async with serving(desk, emulator):
        async with desk.transaction() as tx:
            await tx.publish([Outgoing(REQUESTER, "zh", "added_to_ticket", {"ticket_id": 78})])
        await until(lambda: copies(78) == 1)
        # Whatever was given back at the stop goes with the poll's next take (a second).
        for _ in range(100):
            if not await unsent():
                break
            await asyncio.sleep(0.05)
        assert not await unsent()
    assert copies(77) == 1
