"""A home's own matter at no place named is no mass incident (SPEC rule 9, bot/home_words.py): a
new-user trial's five requesters each wrote "我家楼上漏水" (water leaking from the flat upstairs
into my home), naming no place, and were linked as one 群体性事件, all raised to 特急 with
shorter deadlines: five households' leaks, not one event. A shared thing (the estate's lift,
a named estate's water) still is one, whatever home it is told from. Tickets opened as the
desk opens them: the knowledge base's topic, whether it is an area's, the requester's words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import tickets
from bot.casebook import file_templates, matcher_for
from bot.config import Settings
from bot.intake.close import area_matter, matter_words, topic
from bot.models import Ticket
from bot.rules import Rules
from tests.bot.helpers import new_requester
from tests.bot.test_incidents import COMPLAINTS, NOW

Sessions = async_sessionmaker[AsyncSession]

# Requesters' own leaks from upstairs, as people write them, naming no place: more than five
# each time (config surge.min_tickets), the knowledge base's leak-from-upstairs for most.
LEAKS_ZH = [
    "楼上往我家渗水",
    "我家楼上漏水",
    "我家天花板漏水了",
    "楼上漏水到我家了",
    "我家卫生间顶上漏水",
    "我家楼上漏水了,天花板都湿了",
    "俺家天花板往下滴水",
]
SAME_LEAK_ZH = ["我家楼上漏水"] * 5
LEAKS_EN = [
    "The flat upstairs is leaking into mine",
    "Water is leaking from the flat above into my home",
    "Water is leaking from the flat upstairs into my flat",
    "Water is leaking from the flat above into my home!",
    "The flat above is leaking into my kitchen",
    "Water from the apartment above is leaking into my apartment",
    "Water is dripping through my ceiling from the flat above",
]
SAME_LEAK_EN = ["Water is leaking from the flat above into my home"] * 5
# A named estate's water cut, told from homes ("家里"): the estate's, one event, and a home's
# report of it after the incident is made joins it.
XINGFULI_CUT = [
    "幸福里5号楼家里停水了",
    "幸福里停水了,什么时候来水",
    "幸福里3号楼家里一直没水",
    "Xingfuli has no water since this morning",
    "幸福里5号楼我家停水了,做不了饭",
    "幸福里7号楼我家也停水了",
]


async def _reports(sessions: Sessions, rules: Rules, settings: Settings, texts: list[str]) -> None:
    """Each text a fault report of a requester of its own, a minute after the one before,
    opened with the knowledge base's topic as the desk opens it (bot/intake/handing.py)."""
    templates = file_templates(settings)
    matcher = matcher_for(settings, templates)
    by_id = {template.id: template for template in templates}
    for n, text in enumerate(texts):
        requester_id = await new_requester(sessions, NOW, 6200 + n)
        async with sessions() as session, session.begin():
            await tickets.open_ticket(
                session=session,
                rules=rules,
                requester_id=requester_id,
                question=text,
                category="fault_report",
                now=NOW + timedelta(minutes=n),
                topic=lambda words: topic(matcher, words, by_id),
                area=lambda found: area_matter(by_id, found),
                matter_words=matter_words,
            )


async def _tickets(sessions: Sessions) -> list[Ticket]:
    async with sessions() as session:
        return list(await session.scalars(select(Ticket).order_by(Ticket.id)))


@pytest.mark.parametrize(
    "reports",
    [SAME_LEAK_ZH, LEAKS_ZH, SAME_LEAK_EN, LEAKS_EN],
    ids=["same-zh", "variants-zh", "same-en", "variants-en"],
)
async def test_households_own_leaks_at_no_place_are_no_incident(
    sessions: Sessions, rules: Rules, settings: Settings, reports: list[str]
) -> None:
    await _reports(sessions, rules, settings, reports)
    rows = await _tickets(sessions)
    assert len(rows) == len(reports)
    assert {t.incident_id for t in rows} == {None}
    assert {t.priority for t in rows} == {"normal"}  # none raised to 特急


@pytest.mark.parametrize(
    "reports",
    [["小区电梯又坏了"] * 5, COMPLAINTS[:5], ["家里停水了"] * 5, XINGFULI_CUT],
    ids=["estate-lift", "lift-told-from-home", "water-cut-at-home", "named-estate-cut"],
)
async def test_a_shared_things_reports_are_one_incident_told_from_homes_or_not(
    sessions: Sessions, rules: Rules, settings: Settings, reports: list[str]
) -> None:
    """The estate's lift (小区, even unnamed; "家里老人下不了楼" among them), a supply cut said
    from homes ("家里停水了": an area's cut, as tests/bot/test_incidents.py's), and a named
    estate's water cut told from homes ("幸福里5号楼家里停水了") are one event each."""
    await _reports(sessions, rules, settings, reports)
    rows = await _tickets(sessions)
    assert len(rows) == len(reports)
    assert {t.incident_id for t in rows} == {rows[0].incident_id} != {None}
    assert {t.priority for t in rows} == {"urgent"}


async def test_a_households_leak_at_no_place_joins_no_open_incident(
    sessions: Sessions, rules: Rules, settings: Settings
) -> None:
    """The estate's burst main, five reports, is one incident; a household's own leak after
    it, at no place named, is not joined to it ("我家水管漏水了": which home, where, untold)."""
    await _reports(sessions, rules, settings, [*["小区水管漏水了"] * 5, "我家水管漏水了"])
    rows = await _tickets(sessions)
    assert {t.incident_id for t in rows[:5]} == {rows[0].incident_id} != {None}
    assert (rows[5].incident_id, rows[5].priority) == (None, "normal")
