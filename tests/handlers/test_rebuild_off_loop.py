"""A template approved while the bot runs rebuilds the matcher's index (seconds for thousands of
phrasings): the bot keeps answering meanwhile, from the index as it was, and the new one is
swapped in whole once built. End to end over the emulation, the rebuild held by an event."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest
from telegram.ext import Application

from bot import proposals
from bot.desk import Desk
from emulator.server import Emulator
from tests.bot.test_desk import QUESTION, _closed_ticket
from tests.conftest import MONDAY_9AM
from tests.handlers.conftest import REQUESTER, bot_lines

App = Application  # type: ignore[type-arg]
OFFICER, SUPERVISOR = 100101, 100190


async def _approved_template(desk: Desk) -> str:
    """A closed ticket proposed as a template and approved, in the database only (the desk's
    copy learns it on its refresh)."""
    ticket_id = await _closed_ticket(desk)
    async with desk.transaction() as tx:
        proposal = await proposals.propose(
            session=tx.session,
            rules=desk.rules,
            matcher=desk.matcher,
            ticket_id=ticket_id,
            officer_id=OFFICER,
            questions={"zh": ["小区门口的共享单车堆成山了谁来管", "共享单车乱停放怎么投诉"]},
            answer={"zh": "我们会通知共享单车运营企业清运,并反馈结果。"},
            now=MONDAY_9AM,
        )
        await proposals.approve(
            session=tx.session,
            rules=desk.rules,
            template_id=proposal.template.id,
            supervisor_id=SUPERVISOR,
            now=MONDAY_9AM,
        )
    return proposal.template.id


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_bot_answers_while_the_matcher_is_rebuilt(
    running: tuple[Emulator, App],
) -> None:
    emulator, application = running
    desk: Desk = application.bot_data.desk
    template_id = await _approved_template(desk)
    loop = asyncio.get_running_loop()
    building, release = asyncio.Event(), threading.Event()

    async def held(call: Callable[[], None]) -> None:
        """The rebuild in its worker thread, held there until the test lets it go on."""

        def run() -> None:
            loop.call_soon_threadsafe(building.set)
            release.wait(60)
            call()

        await asyncio.to_thread(run)

    desk.offload = held
    refreshing = asyncio.create_task(desk.refresh())  # as the sweep's refresh does
    try:
        await asyncio.wait_for(building.wait(), 10)
        # The rebuild is under way: a requester's question is answered all the same, from
        # the index as it was.
        await emulator.world.user_sends(REQUESTER, "我的社保卡丢了怎么补办?")
        (answer,) = await bot_lines(emulator, REQUESTER, 1)
        assert answer.text
        assert not refreshing.done()
        assert desk.matcher.search(QUESTION, "zh")[0].template_id != template_id
    finally:
        release.set()
        await refreshing
    # Built: swapped in whole, with its template.
    assert desk.matcher.search(QUESTION, "zh")[0].template_id == template_id
    assert template_id in desk.templates and template_id in desk.stored
