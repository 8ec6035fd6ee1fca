"""The leak reports (rule 12) from real ticket histories: handoff delays, tickets passed
around, questions no template covers (and one turned into a template), the ledger."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import casebook, closure, handoffs, tickets
from bot.config import Settings
from bot.errors import InvalidInput
from bot.models import StoredTemplate, TemplateStatus, TicketEvent
from bot.reports.failing import phrasings_of, propose_from_group
from bot.reports.full import FullReport, build
from bot.reports.leaks import passed_around
from bot.rules import Rules
from bot.sweep import run_due
from bot.transaction import Transactions
from tests.bot.helpers import OFFICER, OFFICER_2, SUPERVISOR, new_requester, new_ticket
from tests.conftest import MONDAY_9AM

NOW = MONDAY_9AM
UTILITIES = 100301
Sessions = async_sessionmaker[AsyncSession]
ELEVATOR = [
    "我们小区的电梯坏了三天了没人修",
    "小区电梯坏了一直没人来修",
    "电梯坏了三天没人修怎么办",
]


async def _claimed(sessions: Sessions, rules: Rules, requester_id: int, question: str) -> int:
    ticket = await new_ticket(sessions, rules, NOW, requester_id=requester_id, question=question)
    async with sessions() as s, s.begin():
        await tickets.claim(
            session=s, rules=rules, ticket_id=ticket.id, officer_id=OFFICER, now=NOW
        )
    return ticket.id


async def _history(sessions: Sessions, rules: Rules) -> dict[str, int]:
    """Tickets with known leaks: one passed back and forth, one reassigned, one reopened, one
    handled cleanly, one nobody claimed in time; three alike questions nobody can answer."""
    requester_id = await new_requester(sessions, NOW)
    bounced = await _claimed(sessions, rules, requester_id, "路灯坏了")
    reassigned = await _claimed(sessions, rules, requester_id, "公园长椅坏了")
    reopened = await _claimed(sessions, rules, requester_id, ELEVATOR[0])
    clean = await _claimed(sessions, rules, requester_id, "我的社保卡丢了怎么补办?")
    async with sessions() as s, s.begin():
        for number, (back_at, reason) in enumerate(((3, "不归我们管"), (30, "材料不全"))):
            await handoffs.transfer(
                session=s,
                rules=rules,
                ticket_id=bounced,
                actor_id=OFFICER,
                to_department="utilities",
                summary="路灯",
                suggested_handling="请维修",
                due_at=NOW + timedelta(hours=4 + 24 * number),
                now=NOW + timedelta(minutes=10 + 240 * number),
            )
            await handoffs.return_handoff(
                session=s,
                rules=rules,
                ticket_id=bounced,
                actor_id=UTILITIES,
                reason=reason,
                now=NOW + timedelta(hours=back_at),
            )
        await tickets.assign(
            session=s,
            rules=rules,
            ticket_id=reassigned,
            officer_id=OFFICER_2,
            supervisor_id=SUPERVISOR,
            reason="换人",
            now=NOW + timedelta(hours=1),
        )
        for ticket_id in (reopened, clean):
            await closure.resolve(
                session=s,
                rules=rules,
                ticket_id=ticket_id,
                officer_id=OFFICER,
                summary="已联系物业维修电梯" if ticket_id == reopened else "挂失后补办",
                now=NOW + timedelta(hours=2),
            )
        await closure.reopen(
            session=s,
            rules=rules,
            ticket_id=reopened,
            requester_id=requester_id,
            reason="还是坏的",
            now=NOW + timedelta(hours=3),
        )
        await closure.resolve(
            session=s,
            rules=rules,
            ticket_id=reopened,
            officer_id=OFFICER,
            summary="已联系物业维修电梯",
            now=NOW + timedelta(hours=4),
        )
        await closure.confirm(
            session=s,
            rules=rules,
            ticket_id=reopened,
            requester_id=requester_id,
            score=4,
            now=NOW + timedelta(hours=5),
        )
    for wording in ELEVATOR[1:]:
        await new_ticket(sessions, rules, NOW, requester_id=requester_id, question=wording)
    # Nobody claims the last two in time: the sweep enters the missed first responses.
    await run_due(transactions=Transactions(sessions), rules=rules, now=NOW + timedelta(hours=2))
    return {"bounced": bounced, "reassigned": reassigned, "reopened": reopened, "clean": clean}


async def _report(sessions: Sessions, settings: Settings) -> FullReport:
    templates = casebook.file_templates(settings)
    matcher = casebook.matcher_for(settings, templates)
    end = NOW + timedelta(days=2)
    async with sessions() as s:
        return await build(
            session=s,
            matcher=matcher,
            background=phrasings_of(templates),
            start=NOW,
            end=end,
            now=end,
        )


async def test_the_leaks_of_a_period(sessions: Sessions, rules: Rules, settings: Settings) -> None:
    made = await _history(sessions, rules)
    report = await _report(sessions, settings)

    (pair,) = report.handoffs
    assert (pair.from_department, pair.to_department) == ("general", "utilities")
    assert (pair.sent, pair.returned, pair.accepted, pair.pending) == (2, 2, 0, 0)
    assert pair.return_reasons == ["不归我们管", "材料不全"]
    assert pair.past_deadline == 1  # returned after 30 h, its deadline 28 h
    assert pair.median_delay_s == pytest.approx(((3 * 60 - 10) + (30 * 60 - 250)) * 60 / 2)

    passed = {p.ticket_id: p for p in report.passed_around}
    # Reopened by its requester is not passed around (the reopen rate counts it).
    assert set(passed) == {made["bounced"], made["reassigned"]}
    assert passed[made["bounced"]].reasons == ["handoffs"]
    assert [h.kind for h in passed[made["bounced"]].chain] == [
        "claim",
        "transfer",
        "return",
        "transfer",
        "return",
    ]
    assert passed[made["bounced"]].chain[2].detail == "不归我们管"
    assert passed[made["bounced"]].chain[1].department == "utilities"
    assert passed[made["reassigned"]].reasons == ["owners"]
    assert [h.officer_id for h in passed[made["reassigned"]].chain] == [OFFICER, OFFICER_2]
    assert report.passed_around[0].ticket_id == made["bounced"]  # the most handed first

    worst = report.failing[0]
    assert worst.count == 3
    assert {q.text for q in worst.questions} == set(ELEVATOR)
    lost_card = next(g for g in report.groups if g.key == made["clean"])
    assert lost_card.covered_by is not None  # the knowledge base answers it

    assert [b.kind for b in report.breaches.lines] == ["missed_first_response"] * 2
    assert report.breaches.by_department == {"general": {"missed_first_response": 2}}
    assert report.breaches.by_officer == {}


async def test_a_group_becomes_a_proposed_template_in_one_step(
    sessions: Sessions, rules: Rules, settings: Settings
) -> None:
    made = await _history(sessions, rules)
    templates = casebook.file_templates(settings)
    matcher = casebook.matcher_for(settings, templates)
    transactions = Transactions(sessions, clock=lambda: NOW + timedelta(days=1))
    group = {
        "rules": rules,
        "matcher": matcher,
        "background": phrasings_of(templates),
        "ticket_id": made["reopened"],
        "supervisor_id": SUPERVISOR,
        "start": NOW,
        "end": NOW + timedelta(days=1),
    }
    # Its latest resolution ("已联系物业维修电梯") tells what was done in that one case: no
    # answer for the next requester (bot/case_words.py); one written for everyone is.
    with pytest.raises(InvalidInput) as refused:
        async with transactions() as tx:
            await propose_from_group(tx=tx, **group)  # type: ignore[arg-type]
    assert refused.value.reason == "answer_for_all"
    answer = "电梯故障请拨打物业24小时维修电话,我们会督促物业在2小时内到场。"
    async with transactions() as tx:
        proposal = await propose_from_group(tx=tx, answer=answer, **group)  # type: ignore[arg-type]
    async with sessions() as s:
        stored = await s.get(StoredTemplate, proposal.template.id)
    assert stored is not None and stored.status is TemplateStatus.PENDING
    assert sorted(stored.questions["zh"]) == sorted(ELEVATOR)
    assert stored.answer == {"zh": answer}


def _events(*kinds: str) -> list[TicketEvent]:
    """A ticket's hand events in order, a minute apart."""
    data = {"claim": {"owner_id": OFFICER}, "transfer": {"to": "utilities"}, "return": {}}
    return [
        TicketEvent(kind=kind, at=NOW + timedelta(minutes=n), actor_id=OFFICER, data=data[kind])
        for n, kind in enumerate(kinds)
    ]


@pytest.mark.parametrize(
    ("kinds", "reasons"),
    [
        (("claim", "transfer"), None),
        # One handoff refused is a return (listed with its reason among the handoffs), not yet
        # a ticket passed around.
        (("claim", "transfer", "return"), None),
        (("claim", "transfer", "return", "transfer"), ["handoffs"]),
        (("claim", "transfer", "return", "transfer", "return"), ["handoffs"]),
    ],
)
def test_a_ticket_counts_as_passed_around_from_its_second_transfer_or_return(
    kinds: tuple[str, ...], reasons: list[str] | None
) -> None:
    found = passed_around(1, "general", _events(*kinds))
    assert (found.reasons if found else None) == reasons
