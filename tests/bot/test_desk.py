"""Several processes on one database: the ban list and the approved templates are the
database's, and each desk's copy catches up on its refresh (the sweep's, or its own at once
after it changed something)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import closure, proposals, requesters, tickets
from bot.config import Settings
from bot.desk import Desk, build_desk
from knowledge.matcher import Band
from tests.bot.helpers import OFFICER, SUPERVISOR, new_requester, new_ticket
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
REQUESTER = 5001
QUESTION = "共享单车乱停放堆在小区门口找谁"


@pytest.fixture
async def desks(
    settings: Settings, database_url: str, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[tuple[Desk, Desk]]:
    """Two desks, as two processes would build them, on one fresh database."""
    first = await build_desk(settings, database_url)
    second = await build_desk(settings, database_url)
    for desk in (first, second):
        desk.clock = lambda: NOW
    try:
        yield first, second
    finally:
        for desk in (first, second):
            await desk.transactions.engine.dispose()


async def _bar(desk: Desk, banned: bool) -> None:
    async with desk.transaction() as tx:
        await requesters.set_ban(
            session=tx.session,
            rules=desk.rules,
            supervisor_id=SUPERVISOR,
            telegram_user_id=REQUESTER,
            banned=banned,
            reason="反复发送广告",
            now=tx.now,
        )
    await desk.refresh()  # as the /block handler does after its commit


async def test_a_block_reaches_the_other_process_on_its_refresh(
    desks: tuple[Desk, Desk],
) -> None:
    first, second = desks
    await new_requester(first.sessions, NOW, telegram_user_id=REQUESTER)
    await _bar(first, banned=True)
    assert REQUESTER in first.banned
    assert REQUESTER not in second.banned  # its copy is as it was until it refreshes
    await second.refresh()
    assert REQUESTER in second.banned
    await _bar(first, banned=False)
    await second.refresh()
    assert REQUESTER not in first.banned and REQUESTER not in second.banned


async def _closed_ticket(desk: Desk) -> int:
    requester_id = await new_requester(desk.sessions, NOW)
    ticket = await new_ticket(
        desk.sessions, desk.rules, NOW, requester_id=requester_id, category="complaint"
    )
    async with desk.transaction() as tx:
        session, rules = tx.session, desk.rules
        await tickets.claim(
            session=session, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
        await closure.resolve(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            officer_id=OFFICER,
            summary="已通知运营企业清运",
            now=NOW,
        )
        await closure.confirm(
            session=session,
            rules=rules,
            ticket_id=ticket.id,
            requester_id=requester_id,
            score=5,
            now=NOW,
        )
    return ticket.id


async def test_an_approved_template_reaches_the_other_process_on_its_refresh(
    desks: tuple[Desk, Desk],
) -> None:
    first, second = desks
    ticket_id = await _closed_ticket(first)
    async with first.transaction() as tx:
        proposal = await proposals.propose(
            session=tx.session,
            rules=first.rules,
            matcher=first.matcher,
            ticket_id=ticket_id,
            officer_id=OFFICER,
            questions={"zh": ["小区门口的共享单车堆成山了谁来管", "共享单车乱停放怎么投诉"]},
            answer={"zh": "我们会通知共享单车运营企业清运,并反馈结果。"},
            now=NOW,
        )
    template_id = proposal.template.id
    await second.refresh()  # proposed is not approved: nobody answers with it yet
    assert template_id not in second.templates
    async with first.transaction() as tx:
        await proposals.approve(
            session=tx.session,
            rules=first.rules,
            template_id=template_id,
            supervisor_id=SUPERVISOR,
            now=NOW,
        )
    await first.refresh()  # as the approving handler does after its commit
    assert first.matcher.search(QUESTION, "zh")[0].template_id == template_id

    assert second.matcher.search(QUESTION, "zh")[0].template_id != template_id
    await second.refresh()
    best = second.matcher.search(QUESTION, "zh")
    assert best[0].template_id == template_id
    assert second.matcher.band(best) is not Band.HANDOVER
    assert second.templates[template_id].answer["zh"].startswith("我们会通知")
    # A second refresh with nothing new changes nothing; a retirement is learnt the same way.
    await second.refresh()
    assert second.stored.keys() == {template_id}
    async with first.transaction() as tx:
        await proposals.retire(
            session=tx.session,
            rules=first.rules,
            template_id=template_id,
            supervisor_id=SUPERVISOR,
            now=NOW + timedelta(days=1),
        )
    await second.refresh()
    assert second.matcher.search(QUESTION, "zh")[0].template_id != template_id
    assert template_id not in second.templates and not second.stored
