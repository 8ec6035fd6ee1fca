"""Mass incidents: a surge of similar tickets is linked, raised, reported, and updated at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import tickets
from bot.casebook import file_templates, matcher_for
from bot.config import Settings
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.incident_updates import in_languages, update_and_tell
from bot.incidents import Topic
from bot.intake.close import topic
from bot.models import Incident, Ticket
from bot.rules import Rules
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, SUPERVISOR, new_requester, outbox_rows
from tests.bot.test_same_matter import LEAKS, PLOT
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
    sessions: Sessions,
    rules: Rules,
    requester_id: int,
    text: str,
    minutes: int,
    category: str = "complaint",
    topic: Topic | None = None,
) -> tickets.Opened:
    async with sessions() as session, session.begin():
        return await tickets.open_ticket(
            session=session,
            rules=rules,
            requester_id=requester_id,
            question=text,
            category=category,
            now=NOW + timedelta(minutes=minutes),
            topic=topic,
        )


async def _linked(sessions: Sessions) -> dict[int | None, list[int]]:
    """The tickets' ids by the incident each is linked to (None: none)."""
    async with sessions() as session:
        rows = list(await session.scalars(select(Ticket).order_by(Ticket.id)))
    by: dict[int | None, list[int]] = {}
    for ticket in rows:
        by.setdefault(ticket.incident_id, []).append(ticket.id)
    return by


async def test_a_leak_is_not_linked_to_an_empty_plots_incident(
    sessions: Sessions, rules: Rules
) -> None:
    """A tester's water leak was linked to the incident of an empty plot: its report shares
    most of its characters with theirs, not its matter."""
    requesters = [await new_requester(sessions, NOW, 6000 + i) for i in range(6)]
    for i, text in enumerate(PLOT):
        await _open(sessions, rules, requesters[i], text, i, "fault_report")
    leak = await _open(sessions, rules, requesters[5], LEAKS[0], 6, "fault_report")
    assert leak.alerts == []
    linked = await _linked(sessions)
    assert linked[None] == [6] and len(linked) == 2  # the five reports of the plot, one incident


async def test_one_water_cut_in_chinese_and_english_and_either_category_is_one_incident(
    sessions: Sessions, rules: Rules, settings: Settings
) -> None:
    """What the knowledge base recognises links them, in either language, filed as a fault
    report or as a complaint; the leak and the plot it does not recognise stay apart."""
    matcher = matcher_for(settings, file_templates(settings))

    def about(text: str) -> str | None:
        return topic(matcher, text)

    reports = [
        (LEAKS[1], "fault_report"),
        ("我们小区停水了", "fault_report"),
        ("There is no water in our flat, what is going on?", "complaint"),
        (PLOT[0], "complaint"),
        ("小区停水一整天了什么时候恢复", "complaint"),
        ("家里停水了,什么时候恢复供水", "fault_report"),
        ("We have no water at home, when will the water supply come back?", "fault_report"),
    ]
    requesters = [await new_requester(sessions, NOW, 6000 + i) for i in range(len(reports))]
    alerts = []
    for i, (text, category) in enumerate(reports):
        opened = await _open(sessions, rules, requesters[i], text, i, category, about)
        alerts.append([m.template for m in opened.alerts])
    linked = await _linked(sessions)
    assert sorted(linked[None]) == [1, 4] and len(linked) == 2
    (incident,) = (key for key in linked if key is not None)
    assert linked[incident] == [2, 3, 5, 6, 7]
    assert alerts[-1].count("alert_surge") == 2  # the supervisors and management, once


async def test_surge_links_raises_and_alerts_once(sessions: Sessions, rules: Rules) -> None:
    requesters = [await new_requester(sessions, NOW, 6000 + i) for i in range(6)]
    unrelated = await _open(sessions, rules, requesters[0], "路灯不亮", 0)
    alerts = []
    for i, text in enumerate(COMPLAINTS):
        opened = await _open(sessions, rules, requesters[i], text, 5 * i + 1)
        alerts.append(opened.alerts)
    surges = [[m for m in a if m.template == "alert_surge"] for a in alerts]
    assert [len(a) for a in surges] == [0, 0, 0, 0, 2, 0]
    assert {m.chat_id for m in surges[4]} == {SUPERVISOR, rules.settings.management.chat_id}
    # The four raised before it: each requester told the new promise (no staff chat here).
    promises = [m.chat_id for m in alerts[4] if m.template == "new_promise"]
    assert sorted(promises) == [6000, 6001, 6002, 6003]
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
        updated = await update_and_tell(
            tx=tx,
            rules=rules,
            incident_id=incident_id,
            officer_id=OFFICER,
            text="维修人员已到场,预计今晚18点前恢复",
        )
    assert updated.ticket_ids == [1, 2, 3, 4, 5]
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
            await update_and_tell(
                tx=tx, rules=rules, incident_id=incident_id, officer_id=424242, text="假消息"
            )
    with pytest.raises(InvalidInput):
        async with transactions() as tx:
            await update_and_tell(
                tx=tx, rules=rules, incident_id=incident_id, officer_id=OFFICER, text="  "
            )
    with pytest.raises(NotFound):
        async with transactions() as tx:
            await update_and_tell(
                tx=tx, rules=rules, incident_id=incident_id + 1, officer_id=OFFICER, text="x"
            )
    assert await outbox_rows(sessions) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("抢修中", {"zh": "抢修中", "en": "抢修中"}),
        ("抢修中 | Repairs under way", {"zh": "抢修中", "en": "Repairs under way"}),
        ("抢修中 | ", {"zh": "抢修中"}),
        (" | Repairs under way", {"en": "Repairs under way"}),
        ("a | b | c", {"zh": "a", "en": "b | c"}),
        ("电话 1|2 号线", {"zh": "电话 1|2 号线", "en": "电话 1|2 号线"}),
        ("抢修中 |", {"zh": "抢修中"}),
        ("| Repairs under way", {"en": "Repairs under way"}),
        ("|", {}),
        ("  |   ", {}),
        ("| |", {}),
        ("— | …", {}),
    ],
)
def test_an_update_is_read_once_per_language(text: str, expected: dict[str, str]) -> None:
    assert in_languages(text, ["zh", "en"]) == expected
