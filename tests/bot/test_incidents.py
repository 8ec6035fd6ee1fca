"""Mass incidents: a surge of similar tickets is linked, raised, reported, and updated at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import incidents, tickets
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.models import Incident, Ticket
from bot.rules import Rules
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, SUPERVISOR, new_requester, outbox_rows
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
Sessions = async_sessionmaker[AsyncSession]
COMPLAINTS = [
    "小区电梯又坏了,老人下不了楼",
    "我们小区电梯又坏了,老人没法下楼",
    "电梯又坏了 老人下不了楼!",
    "小区的电梯又坏了,家里老人下不了楼",
    "小区电梯又坏啦,老人下不了楼了",
    "电梯又坏了,老人下不了楼,请尽快处理",
]


async def _open(
    sessions: Sessions, rules: Rules, requester_id: int, text: str, minutes: int
) -> tickets.Opened:
    async with sessions() as session, session.begin():
        return await tickets.open_ticket(
            session=session,
            rules=rules,
            requester_id=requester_id,
            question=text,
            category="complaint",
            now=NOW + timedelta(minutes=minutes),
        )


async def test_surge_links_raises_and_alerts_once(sessions: Sessions, rules: Rules) -> None:
    requesters = [await new_requester(sessions, NOW, 6000 + i) for i in range(6)]
    unrelated = await _open(sessions, rules, requesters[0], "路灯不亮", 0)
    alerts = []
    for i, text in enumerate(COMPLAINTS):
        opened = await _open(sessions, rules, requesters[i], text, 5 * i + 1)
        alerts.append(opened.alerts)
    assert [len(a) for a in alerts] == [0, 0, 0, 0, 2, 0]
    assert {m.chat_id for m in alerts[4]} == {SUPERVISOR, rules.settings.management.chat_id}
    assert {m.template for m in alerts[4]} == {"alert_surge"}
    async with sessions() as session:
        rows = list(await session.scalars(select(Ticket).order_by(Ticket.id)))
    linked = [t for t in rows if t.incident_id is not None]
    assert [t.id for t in linked] == [2, 3, 4, 5, 6, 7]
    assert {t.priority for t in linked} == {"urgent"}
    assert rows[0].id == unrelated.ticket.id and rows[0].incident_id is None
    assert rows[0].priority == "normal"


@pytest.mark.parametrize("store", ["postgresql"])  # two writers at once
async def test_identical_complaints_at_one_instant_make_one_incident(
    sessions: Sessions, rules: Rules
) -> None:
    """Two processes open the fifth and sixth similar complaint at the same instant: one
    incident links all six, one alert; neither transaction fails (each used to link the four
    earlier tickets to an incident of its own, and the second failed on them)."""
    requesters = [await new_requester(sessions, NOW, 6000 + i) for i in range(6)]
    for i, text in enumerate(COMPLAINTS[:4]):
        await _open(sessions, rules, requesters[i], text, i)
    first_in = asyncio.Event()
    minute = NOW + timedelta(minutes=10)

    async def first() -> tickets.Opened:
        async with sessions() as session, session.begin():
            opened = await tickets.open_ticket(
                session=session,
                rules=rules,
                requester_id=requesters[4],
                question=COMPLAINTS[4],
                category="complaint",
                now=minute,
            )
            await session.flush()
            first_in.set()
            await asyncio.sleep(0.3)  # still uncommitted while the second one opens
            return opened

    async def second() -> tickets.Opened:
        await first_in.wait()
        return await _open(sessions, rules, requesters[5], COMPLAINTS[5], 10)

    opened = await asyncio.gather(first(), second())
    async with sessions() as session:
        rows = list(await session.scalars(select(Ticket).order_by(Ticket.id)))
        incidents_made = await session.scalar(select(func.count()).select_from(Incident))
    assert incidents_made == 1
    assert {t.incident_id for t in rows} == {rows[0].incident_id} != {None}
    assert [m.template for o in opened for m in o.alerts].count("alert_surge") == 2  # 2 chats


async def test_one_update_reaches_every_linked_requester(sessions: Sessions, rules: Rules) -> None:
    requesters = [await new_requester(sessions, NOW, 6000 + i) for i in range(5)]
    for i, text in enumerate(COMPLAINTS[:5]):
        opened = await _open(sessions, rules, requesters[i], text, i)
    incident_id = opened.ticket.incident_id
    assert incident_id is not None
    later = NOW + timedelta(hours=1)
    async with Transactions(sessions, clock=lambda: later)() as tx:
        updated = await incidents.update_and_tell(
            tx=tx,
            rules=rules,
            incident_id=incident_id,
            officer_id=OFFICER,
            text="维修人员已到场,预计今晚18点前恢复",
        )
    assert updated == [1, 2, 3, 4, 5]
    told = await outbox_rows(sessions)
    assert sorted(m.chat_id for m in told) == [6000, 6001, 6002, 6003, 6004]
    assert {m.template for m in told} == {"incident_update"}
    async with sessions() as session:
        rows = list(await session.scalars(select(Ticket)))
    assert {t.latest_update for t in rows} == {"维修人员已到场,预计今晚18点前恢复"}
    assert {t.last_contact_at for t in rows} == {later}


async def test_an_incident_update_is_refused_to_outsiders_and_when_nothing_is_open(
    sessions: Sessions, rules: Rules
) -> None:
    requesters = [await new_requester(sessions, NOW, 6000 + i) for i in range(5)]
    for i, text in enumerate(COMPLAINTS[:5]):
        opened = await _open(sessions, rules, requesters[i], text, i)
    incident_id = opened.ticket.incident_id
    assert incident_id is not None
    transactions = Transactions(sessions, clock=lambda: NOW)
    with pytest.raises(NotAllowed):
        async with transactions() as tx:
            await incidents.update_and_tell(
                tx=tx, rules=rules, incident_id=incident_id, officer_id=424242, text="假消息"
            )
    with pytest.raises(InvalidInput):
        async with transactions() as tx:
            await incidents.update_and_tell(
                tx=tx, rules=rules, incident_id=incident_id, officer_id=OFFICER, text="  "
            )
    with pytest.raises(NotFound):
        async with transactions() as tx:
            await incidents.update_and_tell(
                tx=tx, rules=rules, incident_id=incident_id + 1, officer_id=OFFICER, text="x"
            )
    assert await outbox_rows(sessions) == []
