"""Two bot processes on one database share the outbox: every message is sent exactly once."""

from __future__ import annotations

import re
from collections import Counter
from contextlib import AsyncExitStack

from bot import outbox
from bot.app import LOCAL_TOKEN, build_application, build_desk
from bot.config import Settings
from bot.emulator.server import Emulator
from bot.outgoing import Outgoing
from handlers.delivery import Dispatcher
from tests.handlers.conftest import ENGLISH, REQUESTER, DeskClock, until

PER_CHAT = 30


async def test_two_senders_share_the_outbox_without_sending_twice(
    settings: Settings, database_url: str, desk_clock: DeskClock, emulator: Emulator
) -> None:
    world = emulator.world
    world.limits.enabled = False
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
        dispatchers = []
        for desk in desks:
            application = build_application(desk, LOCAL_TOKEN, base, sweep_every=None)
            await stack.enter_async_context(application)
            dispatcher = Dispatcher(application)
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
